import { adminCli } from '../../cloud/cli/admin';
import type { StoreChoice } from '../../cloud/app';
import { startTestApp } from '../support/app';

/** A request that arrives after the CLI's commit (SQLite's row cache looks for other connections' commits once per event-loop turn). */
const nextRequest = () => new Promise((r) => setImmediate(r));

/** The environment that points `npm run admin` at the test app's database, as a deployment's would. */
function envFor(store: StoreChoice, dataDir: string): Record<string, string> {
  if (store.engine === 'sqlite') return { DATA_DIR: dataDir };
  const { user, password, host, port, database } = store.config;
  return { DATA_DIR: dataDir, DATABASE_URL: `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}` };
}

test("grant, list and revoke admin rights on the host's database", async () => {
  const app = await startTestApp();
  try {
    const out: string[] = [];
    const print = (l: string) => out.push(l);
    const cli = (...argv: string[]) => adminCli(argv, app.dataDir, print, app.options.store);

    expect(await cli('grant', 'wx-staff-1', '150426')).toBe(0);
    expect(out.pop()).toContain('翁牛特旗计生协');
    expect(await cli('grant', 'wx-staff-1', '000000')).toBe(2);
    expect(out.pop()).toContain('不存在');

    await cli('list');
    expect(out.some((l) => l.startsWith('wx-staff-1\t150426'))).toBe(true);
    await nextRequest();
    expect((await app.as('wx-staff-1').call('member.me', {})).adminOrgs.map((o) => o.id)).toEqual(['150426']);

    expect(await cli('revoke', 'wx-staff-1')).toBe(0);
    expect(await cli('revoke', 'wx-staff-1')).toBe(1);
    expect(await cli('bogus')).toBe(2);
    await nextRequest();
    expect((await app.as('wx-staff-1').call('member.me', {})).adminOrgs).toEqual([]);
  } finally {
    await app.close();
  }
});

test('`npm run admin -- grant` and `revoke` work as typed on a deployment, on its database, and the grant takes effect', async () => {
  const { spawnSync } = await import('node:child_process');
  const path = await import('node:path');
  const app = await startTestApp();
  try {
    const env = { ...process.env, ...envFor(app.options.store!, app.dataDir) };
    const npm = (...args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: path.join(__dirname, '..', '..'), env, encoding: 'utf8' });

    const grant = npm('grant', 'wx-deploy-1', '150400');
    expect([grant.status, grant.stdout]).toEqual([0, expect.stringContaining('赤峰市计生协')]);
    await nextRequest();
    expect((await app.as('wx-deploy-1').call('member.me', {})).adminOrgs).toEqual([{ id: '150400', name: '赤峰市计生协', level: 2 }]);
    const revoke = npm('revoke', 'wx-deploy-1');
    expect([revoke.status, revoke.stdout]).toEqual([0, expect.stringContaining('已撤销')]);
    expect(npm('grant', 'wx-deploy-1').status).toBe(2);
    await nextRequest();
    expect((await app.as('wx-deploy-1').call('member.me', {})).adminOrgs).toEqual([]);
  } finally {
    await app.close();
  }
}, 60_000);
