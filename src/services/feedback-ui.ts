import Taro from '@tarojs/taro';

/** What src/services/feedback.ts loads when a toast or the loading mask is first shown. */
export const toast = (title: string, duration: number) => Taro.showToast({ title, icon: 'none', duration });
export const showLoading = (title: string) => Taro.showLoading({ title, mask: true });
export const hideLoading = () => Taro.hideLoading();
