import fs from 'node:fs';
import path from 'node:path';
import { WEAPP_ROOT } from '../support/weapp';

/**
 * 长辈模式 in the weapp build: the sizes live in CSS variables WeChat can read (rpx, scaled by `--k`), and
 * `--k` follows WeChat's own text size (我 › 设置 › 通用 › 字体大小) as getSystemInfoSync reports it.
 */

function fontScaleWith(info: Record<string, unknown> | Error): number {
  let scale = 0;
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  try {
    jest.isolateModules(() => {
      jest.doMock('@tarojs/taro', () => ({
        __esModule: true,
        default: {
          getSystemInfoSync: () => {
            if (info instanceof Error) throw info;
            return info;
          },
        },
      }));
      scale = require('../../src/services/elder-mode').wechatFontScale();
    });
  } finally {
    process.env.TARO_ENV = env;
  }
  return scale;
}

test("weapp type grows with WeChat's own text size and never shrinks below ours", () => {
  expect(fontScaleWith({ fontSizeSetting: 17 })).toBe(1);
  expect(fontScaleWith({ fontSizeSetting: 20 })).toBeCloseTo(20 / 17, 2);
  expect(fontScaleWith({ fontSizeSetting: 24 })).toBeCloseTo(24 / 17, 2);
  // Smaller than standard, missing, or a failing call: our sizes are already the floor.
  expect(fontScaleWith({ fontSizeSetting: 14 })).toBe(1);
  expect(fontScaleWith({})).toBe(1);
  expect(fontScaleWith(new Error('no system info'))).toBe(1);
});

test('the weapp stylesheet carries the standard and 长辈模式 sizes as rpx variables scaled by --k', () => {
  // app.wxss imports the app's own sheet (app-origin.wxss) and the shared one (common.wxss).
  const css = ['app.wxss', 'app-origin.wxss', 'common.wxss']
    .map((f) => path.join(WEAPP_ROOT, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n')
    .replace(/\s+/g, '');
  // Standard: 34rpx body (17 px on a 375 px phone), 88rpx targets (44 px); 长辈模式: 40rpx (20 px), 96rpx (48 px).
  expect(css).toContain('--fs-body:calc(34rpx*var(--k))');
  expect(css).toContain('--tap:calc(88rpx*var(--k))');
  expect(css).toMatch(/\.elder[^{]*\{[^}]*--fs-body:calc\(40rpx\*var\(--k\)\)/);
  expect(css).toMatch(/\.elder[^{]*\{[^}]*--fs-secondary:calc\(36rpx\*var\(--k\)\)/);
  expect(css).toMatch(/\.elder[^{]*\{[^}]*--tap:calc\(96rpx\*var\(--k\)\)/);
  // The H5-only overlay rules (Taro's H5 toast and dialog) stay out of the weapp build.
  expect(css).not.toContain('taro__toast');
});
