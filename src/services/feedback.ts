import type * as Ui from './feedback-ui';

/**
 * Toasts and the loading mask, for code on the first screen (the API client, 首页). On H5 their code (Taro's
 * whole interaction module) is fetched when first shown instead of with the first screen; calls keep their order,
 * so a mask hidden before its code arrived is never left up. The mini-program has it in its package anyway.
 */
let ui: Promise<typeof Ui> | undefined;
let queue: Promise<unknown> = Promise.resolve();

function run(show: (m: typeof Ui) => void): void {
  // One branch per build (the constant decides at build time), so each bundles only its own way of loading.
  if (process.env.TARO_ENV === 'h5') {
    ui ??= import('./feedback-ui');
    queue = queue.then(() => ui!.then(show)).catch(() => undefined);
  } else {
    // In the package already: kept synchronous.
    show(require('./feedback-ui') as typeof Ui);
  }
}

export const feedback = {
  toast: (title: string, duration = 3000) => run((m) => m.toast(title, duration)),
  showLoading: (title: string) => run((m) => m.showLoading(title)),
  hideLoading: () => run((m) => m.hideLoading()),
};
