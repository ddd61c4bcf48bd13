import type { UserConfigExport } from '@tarojs/cli';

export default {
  // Chinese text kept as UTF-8 (3 bytes a character) rather than \uXXXX escapes (6): the messages, labels and
  // help texts are mostly Chinese, and both WeChat and browsers read UTF-8 scripts.
  terser: { enable: true, config: { output: { ascii_only: false } } },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
