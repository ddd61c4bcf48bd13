import Taro from '@tarojs/taro';

const TOKEN_KEY = 'session.token';

/** The HTTP host's session token. With the cloud transport WeChat itself identifies the caller. */
export const sessionToken = {
  get: (): string => Taro.getStorageSync(TOKEN_KEY) || '',
  set: (token: string) => Taro.setStorageSync(TOKEN_KEY, token),
  clear: () => Taro.removeStorageSync(TOKEN_KEY),
};

/** Whether this build needs a login page: only HTTP builds do; in the cloud WeChat says who the caller is. */
export const needsLogin = (): boolean => !CLOUD_ENV_ID;
