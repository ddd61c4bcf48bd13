// Helpers shared by the npm scripts (start, test, bench).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env, PATH: `${BIN}:${process.env.PATH}` } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when the build output is missing or older than anything that goes into it. */
export function isStale(outputFile, inputs = ['src', 'config', 'cloud/contracts', 'babel.config.js', 'package.json']) {
  const out = path.join(ROOT, outputFile);
  if (!fs.existsSync(out)) return true;
  const built = fs.statSync(out).mtimeMs;
  return inputs.some((i) => {
    const p = path.join(ROOT, i);
    if (!fs.existsSync(p)) return false;
    return (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs) > built;
  });
}

/** Builds a Taro target unless its output is up to date. */
export function buildTaro(type, { force = false, env = {} } = {}) {
  const marker = type === 'h5' ? 'dist/h5/index.html' : 'dist/weapp/app.json';
  if (!force && !isStale(marker)) {
    console.log(`[build] ${type} 已是最新，跳过构建`);
    return;
  }
  console.log(`[build] taro build --type ${type} …`);
  run('taro', ['build', '--type', type], { env: { NODE_ENV: 'production', ...env } });
}
