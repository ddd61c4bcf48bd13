import Taro from '@tarojs/taro';

/**
 * The 活动提醒 template, configured at build time with the class templates (CLASS_SUBSCRIBE_TEMPLATE_IDS,
 * "…,event_reminder:<模板ID>"); '' when not configured (then nothing is asked).
 */
const TEMPLATE_ID = (() => {
  const config = typeof CLASS_SUBSCRIBE_TEMPLATE_IDS === 'string' ? CLASS_SUBSCRIBE_TEMPLATE_IDS : '';
  const m = /(?:^|,)\s*event_reminder:([A-Za-z0-9_-]{1,64})\s*(?:,|$)/.exec(config);
  return m ? m[1] : '';
})();

/**
 * On weapp, asks whether the member wants a 活动提醒 the day before (one subscribe message per acceptance).
 * Must run straight from the 我要参加 tap (WeChat shows the dialog only inside a user gesture). Resolves to the
 * answer, or null when nothing was asked (H5, no template, dialog failed).
 */
export async function askEventReminder(): Promise<boolean | null> {
  if (process.env.TARO_ENV !== 'weapp' || !TEMPLATE_ID) return null;
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: [TEMPLATE_ID] } as never)) as unknown as Record<string, string>;
    return res?.[TEMPLATE_ID] === 'accept';
  } catch {
    return null;
  }
}
