import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPONENTS_ROOT, WEAPP_ROOT } from '../support/weapp';
// WeChat's own wcc (WXML) and wcsc (WXSS) compilers, shipped for Linux in miniprogram-compiler.

const compiler = require('miniprogram-compiler');

const wcsc = require('miniprogram-compiler/src/wcsc');

const glob = require(require.resolve('glob', { paths: [require.resolve('miniprogram-compiler')] }));

function compileFolder(root: string) {
  let wxml: string;
  try {
    wxml = compiler.wxmlToJs(root);
  } catch (e) {
    throw new Error(`wcc rejected the WXML in ${root}: ${(e as Error).message}`);
  }
  // wxssToJs hides wcsc's own report (it returns the Error and then fails on it), so ask wcsc first.
  const wxssFiles: string[] = glob.sync('**/*.wxss', { cwd: root, nodir: true, ignore: ['node_modules/**'] }).map((f: string) => f.slice(0, -5));
  const report = wcsc(root, wxssFiles, { maxBuffer: 64 * 1024 * 1024 });
  if (report instanceof Error) throw new Error(`wcsc rejected the WXSS in ${root}: ${report.message}`);
  let wxss: string;
  try {
    wxss = compiler.wxssToJs(root, { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    throw new Error(`wcsc rejected the WXSS in ${root}: ${(e as Error).message}`);
  }
  return { wxml, wxss };
}

test.each([
  ['the whole weapp build', WEAPP_ROOT],
  ['the native components build', COMPONENTS_ROOT],
])('WeChat compiles %s without errors', (_label, root) => {
  expect(fs.existsSync(path.join(root, 'base.wxml'))).toBe(true);
  const { wxml, wxss } = compileFolder(root);
  expect(wxml).toContain('$gwx');
  expect(wxss.length).toBeGreaterThan(100);
});

test('the check is real: a broken WXML file is rejected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wcc-'));
  fs.writeFileSync(path.join(dir, 'bad.wxml'), '<view><text>未闭合</view>');
  expect(() => compileFolder(dir)).toThrow(/wcc rejected/);
});

test("the check is real: a broken WXSS file is rejected with wcsc's own report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wcsc-'));
  fs.writeFileSync(path.join(dir, 'ok.wxml'), '<view>好</view>');
  fs.writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red;\n .b {{ }');
  expect(() => compileFolder(dir)).toThrow(/wcsc rejected[\s\S]*bad\.wxss\(2:/);
});

test('the whole weapp build lists every page and subPackage, and ships no validator', () => {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_ROOT, 'app.json'), 'utf8'));
  expect(app.pages).toContain('pages/home/index');
  expect(app.pages).toContain('pages/mine/index');
  expect(app.subPackages.map((p: { root: string }) => p.root).sort()).toEqual([
    'packages/admin',
    'packages/classes',
    'packages/events',
    'packages/magazine',
    'packages/quiz',
  ]);
  expect(app.tabBar.list.map((t: { text: string }) => t.text)).toEqual(['首页', '我的']);
  // The client imports only types from cloud/contracts: zod must never reach the bundle.
  const js = fs
    .readdirSync(WEAPP_ROOT)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(WEAPP_ROOT, f), 'utf8'))
    .join('\n');
  expect(js).not.toMatch(/ZodError|\$ZodType/);
  // The transport is chosen at build time: built without TARO_APP_CLOUD_ENV, only the HTTP one is shipped.
  expect(js).toContain('/api/');
  expect(js).not.toMatch(/name:\s*["']api["']/);
});
