import Taro from '@tarojs/taro';

export const LOGIN_PAGE = '/pages/login/index';
const HOME_PAGE = '/pages/home/index';
const TAB_PAGES = [HOME_PAGE, '/pages/mine/index'];
/** A page of this app with its query: nothing else is followed after login. */
const APP_ROUTE = /^\/(pages|packages)\/[\w/-]+(\?[^#]*)?$/;

/** The page on screen with its query, as the path to open it again. */
function currentRoute(): string | undefined {
  const page = Taro.getCurrentPages().slice(-1)[0] as { route?: string; path?: string; options?: Record<string, string> } | undefined;
  if (!page?.route) return undefined;
  // H5 keeps the whole path with its query; the mini-program the route and the options.
  if (page.path?.includes('?')) return `/${page.path.replace(/^\//, '')}`;
  const query = Object.entries(page.options ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `/${page.route.replace(/^\//, '')}${query ? `?${query}` : ''}`;
}

/** The login page, told to come back to `back` (by default the page on screen: a check-in link, a class). */
export function loginUrl(back = currentRoute()): string {
  const target = backTarget(back);
  return target && target.split('?')[0] !== HOME_PAGE ? `${LOGIN_PAGE}?back=${encodeURIComponent(target)}` : LOGIN_PAGE;
}

/** Sends a visitor without a session to the login page, keeping the page they meant to open. */
export function goToLogin(): void {
  Taro.reLaunch({ url: loginUrl() });
}

/** Where a login returns to: `back` when it is a page of this app (never the login page itself). */
export function backTarget(back: string | undefined): string | undefined {
  if (!back) return undefined;
  const route = back.startsWith('%2F') ? decodeURIComponent(back) : back;
  if (!APP_ROUTE.test(route) || route.startsWith(LOGIN_PAGE)) return undefined;
  return route;
}

/** After login: the page the visitor meant to open, or 首页. */
export function returnAfterLogin(back: string | undefined): void {
  const target = backTarget(back);
  if (!target || TAB_PAGES.includes(target.split('?')[0])) Taro.switchTab({ url: target?.split('?')[0] ?? HOME_PAGE });
  else Taro.reLaunch({ url: target });
}
