// babel-preset-taro: https://docs.taro.zone/docs/babel-config
// H5 is compiled for browsers with ES2017, fetch and AbortController (Chrome/Android WebView 66+, iOS Safari 12.2+,
// which WeChat's built-in browser long exceeds): the preset's default (iOS 9, Android 5) turned every class and
// async function of the first screen into ES5 helpers. The weapp keeps the preset's default.
const h5Targets = { chrome: '66', ios: '12.2', safari: '12.1', firefox: '60' };
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(process.env.TARO_ENV === 'h5' ? { targets: h5Targets } : {}) }]],
};
