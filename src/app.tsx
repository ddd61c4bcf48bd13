import { type PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { elderMode } from './services/elder-mode';
import './app.css';
import { disarmJavascriptLinks } from './utils/h5-inert-links';

if (process.env.TARO_ENV === 'h5') disarmJavascriptLinks(document);

// H5 only: Taro's own tab bar, toast and dialog (weapp draws these natively, following WeChat's text size).
if (process.env.TARO_ENV === 'h5') require('./app-h5.css');

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (CLOUD_ENV_ID && process.env.TARO_ENV === 'weapp') Taro.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
    // H5: the document carries 长辈模式 from the first paint, also on screens that have no <Screen> root.
    if (process.env.TARO_ENV === 'h5') {
      document.body.classList.toggle('elder', elderMode.get());
      elderMode.subscribe((on) => document.body.classList.toggle('elder', on));
    }
  });
  return children;
}

export default App;
