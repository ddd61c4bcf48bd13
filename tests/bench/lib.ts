import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { REPO_ROOT } from '../../cloud/app';
import { hostNodeFlags } from '../support/dockerfile';

export const BENCH_SECONDS = Number(process.env.BENCH_SECONDS || 5);
export const BENCH_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);

export interface Server {
  url: string;
  proc: ChildProcess;
  stop(): void;
}

/** Starts a child process that prints PORT=<n> and serves on 127.0.0.1; `nodeFlags` go to node itself. */
export function startChild(args: string[], env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<Server> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader (not the tsx wrapper), so stop() ends the server and not just a wrapper.
    const proc = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/PORT=(\d+)/);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, proc, stop: () => proc.kill('SIGKILL') });
    });
    proc.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

export const bareServer = (kind: 'plain' | 'sqlite' | 'mysql', env: Record<string, string> = {}) =>
  startChild([path.join(REPO_ROOT, 'tests/bench/bare.ts'), kind], env);

/**
 * The real HTTP host as a child process, run with the Node flags of the container's start command (the Dockerfile):
 * SQLite in dataDir, or MySQL when env carries DATABASE_URL.
 */
export async function apiServer(given?: string, env: Record<string, string> = {}) {
  const dataDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const s = await startChild([path.join(REPO_ROOT, 'tests/bench/serve.ts'), dataDir], env, hostNodeFlags());
  if (given !== undefined) return { ...s, dataDir };
  // Its own data directory (up to a few hundred MB) goes once the server has exited, not with the run's scratch
  // directory at the end: a whole run then holds about one section's data at a time.
  const stop = () => {
    s.proc.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
    s.stop();
  };
  return { ...s, stop, dataDir };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** autocannon against one URL; requests may be generated per call (e.g. to vary the body). */
export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const started = performance.now();
  let lastAnswer = started;
  const r = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ duration: BENCH_SECONDS, connections: BENCH_CONNECTIONS, ...opts }, (err, result) => (err ? reject(err) : resolve(result))).on(
      'response',
      () => (lastAnswer = performance.now()),
    ),
  );
  // A run of a set number of requests is timed to its last answer (autocannon itself ends on its next 1 s tick);
  // a timed run averages its per-second samples.
  return {
    rps: opts.amount ? (r.requests.total * 1000) / (lastAnswer - started) : r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

export async function post(url: string, action: string, payload: unknown, token?: string) {
  const res = await fetch(`${url}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  return res.json() as Promise<any>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function table(rows: (string | number)[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log('  ' + r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
}

/** Bytes of every file under dir (optionally only those matching). */
export function dirSize(dir: string, match: (f: string) => boolean = () => true): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += dirSize(p, match);
    else if (match(p)) total += fs.statSync(p).size;
  }
  return total;
}

export const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** A meter started now: the CPU seconds the processes `pids` have used together since. */
export function cpuSince(pids: readonly (number | undefined)[]): () => number {
  const total = () => pids.reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const start = total();
  return () => total() - start;
}

/** A meter started now: the share of the machine's CPU time that went idle since (0–1), from /proc/stat (Linux); NaN elsewhere. */
export function idleSince(): () => number {
  const read = () => {
    try {
      return fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    } catch {
      return [];
    }
  };
  const start = read();
  return () => {
    const d = read().map((v, i) => v - start[i]);
    const total = d.reduce((a, b) => a + b, 0);
    return d.length ? (d[3] + d[4]) / total : NaN; // idle + iowait
  };
}

/** A load run plus the server's CPU time per answered request: a figure the other tenants of a shared machine disturb far less than req/s. */
export async function measured(server: { proc: { pid?: number } }, run: () => Promise<LoadResult>) {
  const cpu = cpuSince([server.proc.pid]);
  const r = await run();
  return { ...r, cpuUsPerReq: (cpu() * 1e6) / Math.max(1, r.rps * BENCH_SECONDS) };
}
