/**
 * What `npm start` runs once the H5 build is there (scripts/start.mjs → cloud/hosts/http/main.ts): it honours PORT
 * and DATA_DIR, prints the URL, serves the H5 app and the API on that one port, seeds a fresh data dir, and stops
 * cleanly. APP_MODE=production refuses the dev login.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tempDir } from '../support/app';

const ROOT = path.join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; url: string }> {
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['cloud/hosts/http/main.ts'], { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 30_000);
    const check = () => {
      const m = out.match(/打开 (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => reject(new Error(`exited early:\n${out}`)));
  });
  return { child, output: () => out, url };
}

const stop = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.on('exit', (code) => resolve(code)), child.kill('SIGTERM')));

test('PORT and DATA_DIR are honoured; the URL is printed; H5 and API answer on that port; SIGTERM stops it', async () => {
  const port = await freePort();
  const dataDir = tempDir();
  const { child, output, url } = await start({ PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1', APP_MODE: '', NODE_ENV: '' });
  try {
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(output()).toContain('开发模式');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('会员之家');
    const login = await fetch(`${url}api/auth.devLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'start-1' }),
    }).then((r) => r.json());
    expect(login).toMatchObject({ ok: true, data: { token: expect.any(String) } });
    const tree = await fetch(`${url}api/org.tree`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json());
    expect(tree.data.tree[0].children).toHaveLength(14);
    expect(fs.existsSync(path.join(dataDir, 'huiyuan.sqlite'))).toBe(true);
  } finally {
    expect(await stop(child)).toBe(0);
  }
});

test('APP_MODE=production: the dev login is refused', async () => {
  const port = await freePort();
  const { child, output, url } = await start({ PORT: String(port), DATA_DIR: tempDir(), HOST: '127.0.0.1', APP_MODE: 'production' });
  try {
    expect(output()).toContain('正式模式');
    const r = await fetch(`${url}api/auth.devLogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'start-2' }),
    });
    expect(r.status).toBe(403);
    expect((await r.json()).error.code).toBe('DEV_LOGIN_DISABLED');
  } finally {
    await stop(child);
  }
});
