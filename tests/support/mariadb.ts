// A throwaway MariaDB for the tests: a child process on a private datadir and port, no system service.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Mariadb {
  /** mysql://root@127.0.0.1:<port>/ — append a database name. */
  url: string;
  port: number;
  /** The mariadbd process (the bench reads its CPU time). */
  pid: number | undefined;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Installs Debian's mariadb-server when mariadbd is missing (needs root, as on CI). */
export function ensureMariadbInstalled(): void {
  if (spawnSync('sh', ['-c', 'command -v mariadbd || test -x /usr/sbin/mariadbd']).status === 0) return;
  if (process.getuid?.() !== 0) throw new Error('缺少 MariaDB：请以 root 运行 `apt-get install -y mariadb-server`');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'mariadb-server']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

const bin = (name: string) => (fs.existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name);

export async function startMariadb(): Promise<Mariadb> {
  ensureMariadbInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-mariadb-'));
  const datadir = path.join(dir, 'data');
  // A private tmpdir too: several servers sharing /tmp trip over each other's temporary tables while bootstrapping.
  const tmpdir = path.join(dir, 'tmp');
  fs.mkdirSync(tmpdir);
  const init = spawnSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${datadir}`, `--tmpdir=${tmpdir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
    { encoding: 'utf8' },
  );
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin('mariadbd'),
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--tmpdir=${tmpdir}`,
      `--socket=${path.join(dir, 'sock')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      `--pid-file=${path.join(dir, 'pid')}`,
      `--log-error=${path.join(dir, 'err.log')}`,
      '--max-connections=1000',
      '--innodb-buffer-pool-size=512M',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
    ],
    { stdio: 'ignore', detached: false },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => (child.kill('SIGKILL'), r(undefined)), 10_000);
        child.once('exit', () => (clearTimeout(t), r(undefined)));
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('data', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = fs.existsSync(path.join(dir, 'err.log')) ? fs.readFileSync(path.join(dir, 'err.log'), 'utf8') : '';
      await stop();
      throw new Error(`mariadbd did not start:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `mysql://root@127.0.0.1:${port}/`, port, pid: child.pid, stop };
}
