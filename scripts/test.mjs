// npm test: install what the browser layer needs, build what the weapp and e2e layers load, run every test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ROOT, run, buildTaro } from './lib.mjs';

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const fontsOk = spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -qi "noto"']).status === 0;
  if (fs.existsSync(chromium) && fontsOk) return;
  if (process.getuid?.() !== 0) {
    throw new Error('缺少 Chromium 或中文字体：请以 root 运行 `apt-get install -y chromium fonts-noto-cjk`');
  }
  console.log('[test] installing chromium and fonts-noto-cjk from Debian …');
  run('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

const force = process.env.CI === 'true' || process.argv.includes('--rebuild');
ensureChromium();
buildTaro('weapp', { force });
buildTaro('h5', { force });
console.log('[build] taro build native-components --type weapp …');
run('taro', ['build', 'native-components', '--type', 'weapp'], { env: { NODE_ENV: 'production', TARO_OUTPUT_ROOT: 'dist/weapp-components' } });
run('node', ['scripts/build-cloud.mjs']);

const jestArgs = process.argv.slice(2).filter((a) => a !== '--rebuild');
const r = spawnSync(`${ROOT}/node_modules/.bin/jest`, ['--maxWorkers=2', ...jestArgs], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
