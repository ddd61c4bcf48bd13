// Helpers shared by the npm scripts (start, test, bench).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/**
 * Builds a Taro target unless its output is up to date. The build's own output (a redrawn progress bar,
 * webpack's asset table, each warning printed by Taro and again by webpack) is condensed by
 * `condensedBuildLog`; this stays synchronous for the scripts that call it by running the build through
 * this file as a child (see the bottom).
 */
export function buildTaro(type, { force = false, env = {} } = {}) {
  const marker = type === 'h5' ? 'dist/h5/index.html' : 'dist/weapp/app.json';
  if (!force && !isStale(marker)) {
    console.log(`[build] ${type} 已是最新，跳过构建`);
    return;
  }
  run(process.execPath, [fileURLToPath(import.meta.url), 'taro-build', type], { env: { NODE_ENV: 'production', ...env } });
}

// eslint-disable-next-line no-control-regex -- terminal escapes are what is stripped
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;
const STEP = 25; // without a terminal: one line per quarter of the build

/**
 * Turns a Taro build's output into a short log. On a terminal the progress is one line, redrawn in place;
 * elsewhere (CI, a file) a line per quarter. Warnings are printed once each, at the end, in a line; the
 * full output is kept so that a failed build still shows what went wrong.
 */
export function condensedBuildLog(type, out = process.stdout, { tty = !!out.isTTY, now = Date.now } = {}) {
  const started = now();
  const kept = [];
  const warnings = new Map();
  let pending = '';
  const decoder = new StringDecoder('utf8'); // a chunk may end inside a character
  let shown = -1;
  let lastDraw = 0;
  let entrypoint = '';
  let inEntrypoints = false;

  const progress = (pct, stage) => {
    if (tty) {
      if (pct === shown || now() - lastDraw < 100) return;
      lastDraw = now();
      out.write(`\r\x1b[2K[build] ${type} ${String(pct).padStart(3)}% ${stage}`.slice(0, (out.columns || 100) - 1));
    } else if (pct >= shown + STEP || (shown < 0 && pct >= 0)) {
      out.write(`[build] ${type} ${pct}% ${stage}\n`);
    } else return;
    shown = pct;
  };

  const line = (raw) => {
    const text = raw.replace(ANSI, '').trim();
    if (!text) return;
    kept.push(text);
    if (kept.length > 400) kept.shift();
    const p = /\((\d{1,3})%\)\s*(.*)$/.exec(text) ?? /\b(\d{1,3})%\s+(\w[\w ]*)/.exec(text);
    if (p && /Webpack|█|building|sealing|emitting|setup/.test(text)) {
      const stage = text
        .replace(/^.*?█+\s*/, '')
        .replace(/\(\d{1,3}%\)/, '')
        .replace(/\s+/g, ' ')
        .trim();
      progress(Number(p[1]), stage.split(' ')[0] || '准备');
      return;
    }
    if (/^Entrypoints:/.test(text)) inEntrypoints = true;
    else if (inEntrypoints && /^\S+ \([\d.]+ \w+\)$/.test(text)) entrypoint = text.replace(/^\S+ \((.*)\)$/, '$1');
    else if (!/^(js|css)\//.test(text)) inEntrypoints = false;
    const w = /^(?:WARNING in |\w+Warning: )(.*)$/.exec(text);
    if (w) {
      const what = /size limit/.test(w[1]) ? 'size' : w[1].slice(0, 160);
      warnings.set(what, w[1]);
    }
  };

  return {
    feed(chunk) {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const parts = pending.split(/\r\n|\r|\n/);
      pending = parts.pop() ?? '';
      parts.forEach(line);
    },
    finish(code) {
      if (pending) line(pending);
      if (tty) out.write('\r\x1b[2K');
      const seconds = Math.round((now() - started) / 1000);
      if (code !== 0) {
        out.write(`[build] ${type} 构建失败（exit ${code}），输出的最后部分：\n${kept.slice(-60).join('\n')}\n`);
        return;
      }
      out.write(`[build] ${type} 完成，用时 ${seconds} 秒\n`);
      for (const [what, text] of warnings) {
        if (what === 'size') out.write(`[build] 提示：入口包${entrypoint ? ` ${entrypoint} ` : ''}大于 webpack 建议的 244 KiB（首屏所需的分包已预加载）\n`);
        else out.write(`[build] 警告：${text}\n`);
      }
    },
  };
}

// `node scripts/lib.mjs taro-build <type>`: the build with the condensed log (used by buildTaro).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === 'taro-build') {
  const type = process.argv[3];
  const log = condensedBuildLog(type);
  const child = spawn(path.join(BIN, 'taro'), ['build', '--type', type], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.feed(d));
  child.stderr.on('data', (d) => log.feed(d));
  child.on('close', (code) => {
    log.finish(code ?? 1);
    process.exit(code ?? 1);
  });
}
