import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../cloud/app';

// The H5 camera scanner (getUserMedia + jsqr) is an H5-only chunk: the weapp events subPackage, where
// Taro.scanCode does the job, must not carry it. Reads the builds `npm test` makes first.

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

test('the weapp events subPackage has no camera scanner or jsqr and stays under 150 KB', () => {
  const root = path.join(REPO_ROOT, 'dist', 'weapp', 'packages', 'events');
  const all = files(root);
  const bytes = all.reduce((n, f) => n + fs.statSync(f).size, 0);
  expect(bytes).toBeLessThan(150 * 1024);
  const js = all
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  expect(js).toContain('HYZJ-CHECKIN'); // it is the events code
  expect(js).not.toMatch(/jsQR|getUserMedia|camera-scan|inversionAttempts/);
});

test('on H5 the scanner is a chunk of its own, loaded on 扫码签到, not part of the app entry', () => {
  const dir = path.join(REPO_ROOT, 'dist', 'h5', 'js');
  const chunks = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
  const withScanner = chunks.filter((f) => /camera-scan/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
  expect(withScanner).toHaveLength(1);
  expect(withScanner[0]).not.toMatch(/^app\./);
  expect(fs.readFileSync(path.join(dir, withScanner[0]), 'utf8')).toMatch(/inversionAttempts/); // jsqr is in it
  const entry = chunks
    .filter((f) => f.startsWith('app.'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  expect(entry).not.toMatch(/inversionAttempts/);
});
