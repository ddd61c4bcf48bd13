import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { useElderMode } from '../../hooks/useElderMode';
import { wechatFontScale } from '../../services/elder-mode';
import './index.css';

const IS_H5 = process.env.TARO_ENV === 'h5';
const HOME = '/pages/home/index';
/** Tab pages have the tab bar; the login page is the way in. Neither gets a back bar. */
const NO_BAR = new Set(['pages/home/index', 'pages/mine/index', 'pages/login/index']);

interface Props {
  className?: string;
  id?: string;
  /** The H5 title bar's text when it differs from the page config's (e.g. one page used for two lists). */
  title?: string;
  children?: ReactNode;
}

/**
 * The root of every member screen. It carries 长辈模式 (the `elder` class: larger type and targets via the
 * CSS variables in app.css), WeChat's own text size in weapp (`--k`), and on H5 a title bar with 返回, or
 * 首页 when the page was opened directly and there is nothing to go back to.
 */
export default function Screen({ className = '', id, title, children }: Props) {
  const elder = useElderMode();
  const [scale] = useState(wechatFontScale);
  const [bar, setBar] = useState<{ title: string; back: boolean } | null>(null);

  const placeBar = () => {
    if (!IS_H5) return;
    const { page, router } = Taro.getCurrentInstance();
    const route = (router?.path ?? '').replace(/^\//, '').split('?')[0];
    if (NO_BAR.has(route)) return setBar(null);
    setBar({ title: (page?.config as { navigationBarTitleText?: string } | undefined)?.navigationBarTitleText ?? '', back: Taro.getCurrentPages().length > 1 });
  };
  // On show, and on mount too: a page may swap its whole screen (e.g. 编辑资料 → 选择所在单位) while shown.
  useDidShow(placeBar);
  useEffect(placeBar, []);

  // H5: the tab bar, toasts and dialogs live outside the page, so the document carries the mode too.
  useEffect(() => {
    if (IS_H5) document.body.classList.toggle('elder', elder);
  }, [elder]);
  // H5: Taro's page containers scroll; a scrolling region must be reachable from the keyboard.
  useEffect(() => {
    if (IS_H5) document.querySelectorAll('.taro_page:not([tabindex])').forEach((el) => el.setAttribute('tabindex', '0'));
  });

  const style = scale > 1 ? ({ '--k': String(scale) } as CSSProperties) : undefined;
  return (
    <View id={id} className={`screen ${elder ? 'elder' : 'standard'} ${className}`} style={style}>
      {bar && (
        <View className="titlebar" role="navigation" aria-label="页面导航">
          {bar.back ? (
            <View className="titlebar__btn titlebar__back" role="button" aria-label="返回上一页" onClick={() => Taro.navigateBack()}>
              <Text>‹ 返回</Text>
            </View>
          ) : (
            <View className="titlebar__btn titlebar__home" role="button" aria-label="回到首页" onClick={() => Taro.switchTab({ url: HOME })}>
              <Text>首页</Text>
            </View>
          )}
          <View className="titlebar__title" role="heading" aria-level={1}>
            <Text>{title ?? bar.title}</Text>
          </View>
          <View className="titlebar__spacer" />
        </View>
      )}
      {children}
    </View>
  );
}
