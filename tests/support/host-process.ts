// A real HTTP host as its own OS process (the command `npm run serve` runs), for tests of several hosts
// sharing one database and of a host killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { REPO_ROOT } from '../../cloud/app';

export interface HostProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  post(action: string, payload?: unknown, token?: string): Promise<{ status: number; body: any }>;
  login(openid: string, nickname?: string): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Starts `cloud/hosts/http/main.ts` under tsx with the given environment and waits until it listens. */
export async function startHostProcess(env: Record<string, string>, opts: { readyTimeoutMs?: number } = {}): Promise<HostProcess> {
  const port = await freePort();
  // node itself with tsx's loader, not the tsx wrapper: a signal must reach the server, not a wrapper around it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'cloud/hosts/http/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, STORE: '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), opts.readyTimeoutMs ?? 60_000);
    const check = () => {
      if (out.includes(`:${port}/`)) return (clearTimeout(timer), resolve());
      if (child.exitCode !== null) return (clearTimeout(timer), reject(new Error(`host exited (${child.exitCode}):\n${out}`)));
      setTimeout(check, 50);
    };
    check();
  });
  const post: HostProcess['post'] = async (action, payload = {}, token) => {
    const res = await fetch(`${url}/api/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(payload),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  };
  return {
    url,
    child,
    output: () => out,
    post,
    async login(openid, nickname) {
      const r = await post('auth.devLogin', { openid, nickname });
      if (r.status !== 200) throw new Error(`login failed on ${url}: ${JSON.stringify(r.body)}`);
      return r.body.data.token as string;
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
