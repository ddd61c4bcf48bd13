import { PRIVACY_NOTICE_VERSION } from '../../contracts/privacy';
import type { MemberContext } from '../context';
import { AppError } from '../../core/errors';

/**
 * 个人信息保护法: a real name or a phone number is stored only after the member agreed to the current
 * privacy notice. Every handler that would store one (profile, registration forms, …) asks here first.
 */
export function requirePrivacyConsent(ctx: Pick<MemberContext, 'member'>, message = '保存姓名或手机号前，请先阅读并同意《个人信息保护说明》'): void {
  if (ctx.member.consentVersion !== PRIVACY_NOTICE_VERSION) throw new AppError('CONSENT_REQUIRED', message);
}

/** Form labels that ask for a person's name (家长姓名, 联系人姓名, 名字, …). */
export const NAME_LABEL = /姓名|名字/;
