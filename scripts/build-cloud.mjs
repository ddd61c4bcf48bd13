// Bundles the cloud function `api` (cloud/hosts/wx) into dist/cloudfunctions/api, the folder
// project.config.json names as cloudfunctionRoot, ready to upload from WeChat DevTools.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

const out = path.join(ROOT, 'dist', 'cloudfunctions', 'api');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(ROOT, 'cloud', 'hosts', 'wx', 'index.ts')],
  outfile: path.join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  // Native or provided by WeChat's runtime: installed by the cloud's own npm install.
  external: ['wx-server-sdk', 'better-sqlite3'],
  logLevel: 'warning',
});
fs.cpSync(path.join(ROOT, 'seeds'), path.join(out, 'seeds'), { recursive: true });
// The timer trigger (sender and reminders every minute) and the cloud.openapi permissions.
fs.copyFileSync(path.join(ROOT, 'cloud', 'hosts', 'wx', 'config.json'), path.join(out, 'config.json'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
fs.writeFileSync(
  path.join(out, 'package.json'),
  JSON.stringify(
    { name: 'api', version: pkg.version, main: 'index.js', dependencies: { 'wx-server-sdk': '~3.0.1', 'better-sqlite3': pkg.dependencies['better-sqlite3'] } },
    null,
    2,
  ),
);
console.log(`[build] cloud function api → ${path.relative(ROOT, out)} (${(fs.statSync(path.join(out, 'index.js')).size / 1024).toFixed(0)} KB)`);
