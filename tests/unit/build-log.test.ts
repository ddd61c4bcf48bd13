import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm start` (and test / bench) show a Taro build through scripts/lib.mjs condensedBuildLog. Fed with what
 * the build prints (a redrawn progress bar, webpack's asset table, the size warning from Taro and again from
 * webpack), it prints a few lines, or one redrawn line on a terminal, and the warning once.
 */
const LIB = path.join(__dirname, '..', '..', 'scripts', 'lib.mjs');
const bar = (pct: number, stage: string) =>
  `\x1b[2K\x1b[1A\x1b[2K\x1b[G\n● Webpack \x1b[32m█████████████████████████\x1b[39m ${stage} (${pct}%)  \n ${stage === 'building' ? '1/1 entries 20/30 dependencies' : 'asset processing'}\n\n- 即将开始启动编译，请稍等~\n`;
const SIZE = 'entrypoint size limit: The following entrypoint(s) combined asset size exceeds the recommended limit (244 KiB). This can impact web performance.';
const BUILD_OUTPUT = [
  '👽 Taro v4.2.1\n\nTips:\n1. 建议开启持久化缓存功能\n',
  ...[0, 8, 10, 10, 11, 35, 62, 70, 71, 88, 92, 98].map((p) => bar(p, p < 70 ? 'building' : p < 98 ? 'sealing' : 'emitting')),
  `⚠️ Warnings: \n\nEntrypointsOverSizeLimitWarning: ${SIZE}\nEntrypoints:\n  app (331 KiB)\n      js/294.2956fd10.js\n      js/app.e61fcd38.js\n`,
  `⚠️  编译警告. 12/6/2026, 8:25:37 PM\nEntrypointsOverSizeLimitWarning: ${SIZE}\nEntrypoints:\n  app (331 KiB)\n`,
  'assets by path js/*.js 3.35 MiB\n  asset js/app.e61fcd38.js 226 KiB [emitted]\n',
  `WARNING in ${SIZE}\nEntrypoints:\n  app (331 KiB)\n\nwebpack 5.91.0 compiled with 1 warning in 245382 ms\n`,
].join('');

function condense(tty: boolean): string {
  const script = `
    import { condensedBuildLog } from ${JSON.stringify(LIB)};
    const out = { isTTY: ${tty}, columns: 80, data: '', write(s) { this.data += s; } };
    let t = 0;
    const log = condensedBuildLog('h5', out, { now: () => (t += 150) });
    const input = Buffer.from(process.env.BUILD_OUTPUT);
    for (let i = 0; i < input.length; i += 97) log.feed(input.subarray(i, i + 97));
    log.finish(0);
    process.stdout.write(out.data);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, BUILD_OUTPUT }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

test('without a terminal: a line per quarter of the build, the size warning once, no escapes', () => {
  const out = condense(false);
  const lines = out.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(8);
  // eslint-disable-next-line no-control-regex -- the test looks for terminal escapes
  expect(out).not.toMatch(/\x1b|█|Webpack|assets by path/);
  expect(lines.slice(0, 4)).toEqual(['[build] h5 0% building', '[build] h5 35% building', '[build] h5 62% building', '[build] h5 88% sealing']);
  expect(lines.filter((l) => l.includes('244 KiB'))).toEqual(['[build] 提示：入口包 331 KiB 大于 webpack 建议的 244 KiB（首屏所需的分包已预加载）']);
  expect(lines.at(-2)).toMatch(/^\[build\] h5 完成，用时 \d+ 秒$/);
});

test('on a terminal: the progress is one line redrawn in place, then the result', () => {
  const out = condense(true);
  expect(out.split('\n').length).toBeLessThanOrEqual(3);
  const redraws = out.split('\r\x1b[2K').filter(Boolean);
  expect(redraws.length).toBeGreaterThan(3);
  expect(redraws.some((r) => r.startsWith('[build] h5  92% sealing'))).toBe(true);
  expect(out).toMatch(/\[build\] h5 完成，用时 \d+ 秒\n\[build\] 提示：入口包 331 KiB/);
});
