import Taro from '@tarojs/taro';
import { parseSubscribeTemplates } from '@contracts/classes-format';
import { call } from '../../services/api';

/** Configured once, at build time (env CLASS_SUBSCRIBE_TEMPLATE_IDS, see README 家长课堂). */
const TEMPLATES = parseSubscribeTemplates(typeof CLASS_SUBSCRIBE_TEMPLATE_IDS === 'string' ? CLASS_SUBSCRIBE_TEMPLATE_IDS : '');

/**
 * On weapp, asks for permission to send the promotion and reminder notices as subscribe messages and records
 * the answer per template (class.subscribe), so the outbox only queues what the parent accepted. Skipped when no
 * template is configured or off weapp; a refusal or failure never blocks registering. Must be called straight
 * from the tap (WeChat only shows the dialog inside a user gesture).
 */
export async function askClassSubscriptions(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || TEMPLATES.length === 0) return;
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: TEMPLATES.map((t) => t.templateId) } as never)) as unknown as Record<string, string>;
    // 'accept' | 'reject' | 'ban' | 'filter': anything but accept means "do not send".
    const decisions = TEMPLATES.filter((t) => typeof res?.[t.templateId] === 'string').map((t) => ({
      kind: t.kind,
      templateId: t.templateId,
      accepted: res[t.templateId] === 'accept',
    }));
    if (decisions.length) await call('class.subscribe', { decisions }, { quiet: true }).catch(() => undefined);
  } catch {
    // The dialog failed or was dismissed: nothing is recorded, nothing is queued.
  }
}
