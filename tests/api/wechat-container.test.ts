/**
 * 微信云托管 without Docker: the Dockerfile's CMD, run with the Dockerfile's ENV and container.config.json's
 * envParams, on a fresh data store and the port the platform gives. The host trusts x-wx-openid only with
 * x-wx-source present (and x-wx-from-openid under 资源复用).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from '../support/app';
import { startWechatStandin } from '../support/wechat-standin';
import { containerImage, hostNodeFlags } from '../support/dockerfile';

const ROOT = path.join(__dirname, '..', '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

test('what the start command loads comes from the production install (dependencies, not devDependencies)', async () => {
  const { build } = await import('esbuild');
  const { builtinModules } = await import('node:module');
  const result = await build({
    entryPoints: [path.join(ROOT, 'cloud/hosts/http/main.ts')],
    bundle: true,
    platform: 'node',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const imported = new Set<string>();
  for (const input of Object.values(result.metafile.inputs))
    for (const i of input.imports) if (i.external) imported.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const packages = [...imported].filter((p) => !p.startsWith('node:') && !builtinModules.includes(p));
  expect(packages).toEqual(expect.arrayContaining(['fastify', 'better-sqlite3', 'mysql2']));
  expect(packages.filter((p) => !pkg.dependencies[p])).toEqual([]);
  // The command itself runs TypeScript through tsx, which must be installed too.
  expect(pkg.dependencies.tsx).toBeDefined();
});

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) await new Promise((r) => (child!.on('exit', r), child!.kill('SIGTERM')));
});

test('the container start command serves the API in production mode on PORT, trusting only the platform gateway for identity', async () => {
  const { cmd, env } = containerImage();
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'container.config.json'), 'utf8'));
  expect(cmd).toEqual(['node', ...hostNodeFlags(), '--import', 'tsx', 'cloud/hosts/http/main.ts']);
  expect(hostNodeFlags()).toEqual(['--max-semi-space-size=32']);
  expect(env).toMatchObject({ NODE_ENV: 'production', PORT: String(config.containerPort) });
  expect(config.envParams).toMatchObject({ TRUST_WX_OPENID_HEADER: '1', WX_TRANSPORT: 'cloudrun' });
  const wx = await startWechatStandin();
  try {
    const port = await freePort();
    const dataDir = tempDir('huiyuan-container-');
    // The platform's values over the image's: its port; our fresh store; WeChat's API at the stand-in (never the internet).
    const runEnv = { PATH: process.env.PATH!, ...env, ...config.envParams, PORT: String(port), DATA_DIR: dataDir, WX_API_BASE: wx.base };
    child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, env: runEnv });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started:\n${out}`)), 40_000);
      child!.stdout!.on('data', () => /已启动/.test(out) && (clearTimeout(timer), resolve()));
      child!.on('exit', () => reject(new Error(`exited:\n${out}`)));
    });
    expect(out).toContain('正式模式');
    expect(fs.existsSync(path.join(dataDir, 'huiyuan.sqlite'))).toBe(true);
    const base = `http://127.0.0.1:${port}`;
    const me = (headers: Record<string, string>) =>
      fetch(`${base}/api/member.me`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));

    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    // Through the platform's gateway (callContainer): x-wx-source is set, the openid is the caller.
    const a = await me({ 'x-wx-source': 'callContainer', 'x-wx-openid': 'oCloudRun-A' });
    expect(a).toMatchObject({ status: 200, body: { ok: true } });
    const again = await me({ 'x-wx-source': 'callContainer', 'x-wx-openid': 'oCloudRun-A' });
    expect(again.body.data.id).toBe(a.body.data.id);
    // From the public domain nobody vouches for the header: anonymous.
    expect((await me({ 'x-wx-openid': 'oCloudRun-A' })).status).toBe(401);
    // 资源复用: the caller's openid in their own mini-program.
    const shared = await me({ 'x-wx-source': 'callContainer', 'x-wx-from-openid': 'oOtherApp-B', 'x-wx-openid': '' });
    expect(shared.status).toBe(200);
    expect(shared.body.data.id).not.toBe(a.body.data.id);
    // Production: no dev login.
    const dev = await fetch(`${base}/api/auth.devLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'x' }),
    });
    expect(dev.status).toBeGreaterThanOrEqual(400);
  } finally {
    await wx.close();
  }
}, 60_000);
