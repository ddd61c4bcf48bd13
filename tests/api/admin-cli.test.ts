import { adminCli } from '../../cloud/cli/admin';
import { startTestApp } from '../support/app';

test('grant, list and revoke admin rights on a data dir', async () => {
  const app = await startTestApp();
  const dataDir = app.dataDir;
  app.store.close();
  const out: string[] = [];
  const print = (l: string) => out.push(l);

  expect(await adminCli(['grant', 'wx-staff-1', '150426'], dataDir, print)).toBe(0);
  expect(out.pop()).toContain('翁牛特旗计生协');
  expect(await adminCli(['grant', 'wx-staff-1', '000000'], dataDir, print)).toBe(2);
  expect(out.pop()).toContain('不存在');

  await adminCli(['list'], dataDir, print);
  expect(out.some((l) => l.startsWith('wx-staff-1\t150426'))).toBe(true);

  const check = await startTestApp();
  check.close();
  expect(await adminCli(['revoke', 'wx-staff-1'], dataDir, print)).toBe(0);
  expect(await adminCli(['revoke', 'wx-staff-1'], dataDir, print)).toBe(1);
  expect(await adminCli(['bogus'], dataDir, print)).toBe(2);
});

test('`npm run admin -- grant` and `revoke` work as typed on a deployment, on DATA_DIR, and the grant takes effect', async () => {
  const { spawnSync } = await import('node:child_process');
  const path = await import('node:path');
  const app = await startTestApp();
  const dataDir = app.dataDir;
  app.store.close();
  const npm = (...args: string[]) =>
    spawnSync('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: path.join(__dirname, '..', '..'), env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });

  const grant = npm('grant', 'wx-deploy-1', '150400');
  expect([grant.status, grant.stdout]).toEqual([0, expect.stringContaining('赤峰市计生协')]);
  const { createApp } = await import('../../cloud/app');
  const check = await createApp({ dataDir, mode: 'production' });
  try {
    const me = await check.router.dispatch('member.me', {}, { kind: 'openid', openid: 'wx-deploy-1' }, { store: check.store, mode: 'production' });
    expect((me.body as any).data.adminOrgs).toEqual([{ id: '150400', name: '赤峰市计生协', level: 2 }]);
  } finally {
    check.store.close();
  }
  const revoke = npm('revoke', 'wx-deploy-1');
  expect([revoke.status, revoke.stdout]).toEqual([0, expect.stringContaining('已撤销')]);
  expect(npm('grant', 'wx-deploy-1').status).toBe(2);
}, 60_000);
