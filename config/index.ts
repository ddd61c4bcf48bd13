import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { FirstScreenPlugin } from './first-screen';
import { PrecompressPlugin } from './precompress';

// Build-time switches, read from the environment (see README "配置"):
//   TARO_APP_CLOUD_ENV  a WeChat cloud env id: the client then calls the cloud function `api`
//   TARO_APP_API_BASE   origin of the HTTP host for weapp builds without cloud (H5 uses its own origin)
//   CLASS_SUBSCRIBE_TEMPLATE_IDS  WeChat subscribe-message templates, "class_promoted:<id>,class_reminder:<id>,event_reminder:<id>"
//   TARO_APP_CLOUD_RUN_SERVICE  a 微信云托管 service name: the weapp calls the API with Taro.cloud.callContainer (needs TARO_APP_CLOUD_ENV)
//   TARO_OUTPUT_ROOT    where to write, so the native-components build does not overwrite dist/weapp
// Shared contracts live outside src/ (cloud/contracts) and must be compiled like app code.
const contractsDir = require('path').resolve(__dirname, '..', 'cloud', 'contracts');

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huiyuan-zhijia',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      CLOUD_ENV_ID: JSON.stringify(process.env.TARO_APP_CLOUD_ENV || ''),
      API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE || ''),
      CLASS_SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(process.env.CLASS_SUBSCRIBE_TEMPLATE_IDS || ''),
      CLOUD_RUN_SERVICE: JSON.stringify(process.env.TARO_APP_CLOUD_RUN_SERVICE || ''),
    },
    alias: {
      '@contracts': contractsDir,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [contractsDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: [contractsDir] },
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      router: { mode: 'hash' },
      webpackChain(chain) {
        // H5 renders with Preact (through preact/compat) instead of react-dom: react-dom was the largest single part of the
        // JavaScript a first visit downloads. The weapp keeps React and Taro's own reconciler (@tarojs/react).
        chain.resolve.alias
          .set('react$', 'preact/compat')
          .set('react-dom$', 'preact/compat')
          .set('react-dom/client$', 'preact/compat/client')
          .set('react/jsx-runtime$', 'preact/compat/jsx-runtime')
          .set('@tarojs/components$', require('path').resolve(__dirname, 'h5-components', 'index.js'));
        // Polyfills Taro's H5 request brings for browsers older than those babel.config.js compiles for, and
        // JSONP, which no call of the app uses: left out of the bundle (an alias to false is an empty module).
        chain.resolve.merge({
          alias: { 'whatwg-fetch$': false, 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only$': false, 'jsonp-retry$': false },
        });
        // Side-effect free, so that a page importing one component does not load the others' modules.
        chain.module
          .rule('h5Components')
          .test(/[\\/]config[\\/]h5-components[\\/]/)
          .set('sideEffects', false);
        chain.module
          .rule('stripWeuiFont')
          .test(/[\\/]@tarojs[\\/]components[\\/]dist[\\/]taro-components[\\/]taro-components\.css$/)
          .enforce('pre')
          .use('stripWeuiFont')
          .loader(require('path').resolve(__dirname, 'strip-weui-font.js'));
        // Taro defines its pull-to-refresh element at start-up for pages with enablePullDownRefresh; no page has it.
        chain.plugin('mainPlugin').tap((args) => {
          const meta = args[0].loaderMeta;
          if (meta) {
            meta.extraImportForWeb = meta.extraImportForWeb.replace(/^import \{ defineCustomElementTaroPullToRefreshCore \}.*\n/m, '');
            meta.execBeforeCreateWebApp = meta.execBeforeCreateWebApp.replace(/^defineCustomElementTaroPullToRefreshCore\(\)\n/m, '');
          }
          return args;
        });
        // Taro's H5 split covers initial chunks only, so every page chunk carried its own copy of the
        // component library and of the Taro APIs it calls. Shared chunks instead: fetched once (the first
        // screen's beside the app bundle, see first-screen.ts), cached for every later page.
        const split = chain.optimization.get('splitChunks') || {};
        chain.optimization.splitChunks({
          ...split,
          cacheGroups: {
            ...split.cacheGroups,
            // The form components no first screen uses (see h5-components/): a chunk for the pages that use them.
            formComponents: {
              name: 'form-components',
              chunks: 'async',
              priority: 25,
              enforce: true,
              test: /([\\/]@tarojs[\\/]components[\\/]dist[\\/]components[\\/](taro-(picker|textarea|rich-text|canvas)-core|picker-group)|[\\/]config[\\/]h5-components[\\/](picker|textarea|rich-text|canvas))\.js$/,
            },
            pageComponents: {
              name: 'page-components',
              chunks: 'async',
              minChunks: 2,
              priority: 20,
              test: /[\\/]node_modules[\\/]@tarojs[\\/](components|components-react)[\\/]/,
            },
            // The Taro APIs pages call (toast, request, upload…): shared chunks by the set of pages using them,
            // so a page fetches only the APIs it calls.
            pageApis: {
              chunks: 'async',
              minChunks: 2,
              priority: 15,
              reuseExistingChunk: true,
              test: /[\\/]node_modules[\\/](@tarojs|@babel[\\/]runtime|tslib|whatwg-fetch|abortcontroller-polyfill|query-string|decode-uri-component|split-on-first|filter-obj)[\\/]/,
            },
          },
        });
        chain.plugin('firstScreen').use(FirstScreenPlugin, [require('path').resolve(__dirname, '..', 'src')]);
        if (process.env.NODE_ENV === 'production') chain.plugin('precompress').use(PrecompressPlugin);
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
