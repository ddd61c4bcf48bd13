/**
 * The folder opens in WeChat DevTools as it is: project.config.json points at the weapp build and at the
 * built cloud functions, and every page and subPackage entry page the app declares is in the build.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));

test('miniprogramRoot is the weapp build, with every page and subPackage page compiled', () => {
  const mp = path.join(ROOT, project.miniprogramRoot);
  const app = JSON.parse(fs.readFileSync(path.join(mp, 'app.json'), 'utf8'));
  const pages: string[] = [...app.pages, ...app.subPackages.flatMap((p: { root: string; pages: string[] }) => p.pages.map((x) => `${p.root}/${x}`))];
  const missing = pages.filter((p) => !['.js', '.json', '.wxml'].every((ext) => fs.existsSync(path.join(mp, `${p}${ext}`))));
  expect(missing).toEqual([]);
  // Each feature has its subPackage, entered at its index page.
  for (const f of ['quiz', 'classes', 'events', 'magazine', 'admin']) {
    const sub = app.subPackages.find((p: { root: string }) => p.root === `packages/${f}`);
    expect([f, sub?.pages[0]]).toEqual([f, 'index']);
  }
  for (const t of app.tabBar.list) expect(fs.existsSync(path.join(mp, t.iconPath))).toBe(true);
});

test('no subPackage entry page is a placeholder any more', () => {
  const src = path.join(ROOT, 'src', 'packages');
  for (const f of ['quiz', 'classes', 'events', 'magazine', 'admin']) {
    const entry = fs.readFileSync(path.join(src, f, 'index.tsx'), 'utf8');
    expect([f, /FeatureIntro|即将上线/.test(entry)]).toEqual([f, false]);
    expect([f, /\bcall\(|useAction\(/.test(entry)]).toEqual([f, true]);
  }
});

test('cloudfunctionRoot holds the cloud function `api`, ready to upload', () => {
  const fn = path.join(ROOT, project.cloudfunctionRoot, 'api');
  const pkg = JSON.parse(fs.readFileSync(path.join(fn, 'package.json'), 'utf8'));
  expect(pkg.main).toBe('index.js');
  expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['wx-server-sdk', 'better-sqlite3']));
  expect(fs.readFileSync(path.join(fn, 'index.js'), 'utf8')).toMatch(/getWXContext/);
  expect(fs.existsSync(path.join(fn, 'seeds', 'orgs.json'))).toBe(true);
});
