// npm test: install what the browser and MySQL layers need, lint, build what the weapp and e2e layers load, run every test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ROOT, run, buildTaro } from './lib.mjs';

/** Debian's Chromium and CJK fonts (e2e), and MariaDB (the API suite's second run; jest starts it as a child process). */
function ensureSystemPackages() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const fontsOk = spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -qi "noto"']).status === 0;
  const mariadbOk = fs.existsSync('/usr/sbin/mariadbd') || !!process.env.MYSQL_TEST_URL;
  if (fs.existsSync(chromium) && fontsOk && mariadbOk) return;
  if (process.getuid?.() !== 0) {
    throw new Error('缺少 Chromium、中文字体或 MariaDB：请以 root 运行 `apt-get install -y chromium fonts-noto-cjk mariadb-server`');
  }
  console.log('[test] installing chromium, fonts-noto-cjk and mariadb-server from Debian …');
  run('apt-get', ['update'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk', 'mariadb-server'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

const force = process.env.CI === 'true' || process.argv.includes('--rebuild');
ensureSystemPackages();
console.log('[lint] eslint + prettier …');
run('eslint', ['.', '--max-warnings', '0']);
run('prettier', ['--check', '.', '--log-level', 'warn']);
buildTaro('weapp', { force });
buildTaro('h5', { force });
console.log('[build] taro build native-components --type weapp …');
run('taro', ['build', 'native-components', '--type', 'weapp'], { env: { NODE_ENV: 'production', TARO_OUTPUT_ROOT: 'dist/weapp-components' } });
run('node', ['scripts/build-cloud.mjs']);

const jestArgs = process.argv.slice(2).filter((a) => a !== '--rebuild');
const r = spawnSync(`${ROOT}/node_modules/.bin/jest`, ['--maxWorkers=2', ...jestArgs], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
