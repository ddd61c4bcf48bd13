import { z } from 'zod';

export { CAMPAIGN_CODE_PAGE, campaignIdOfScene, campaignScene } from './notify-format';

/** The notices sent as WeChat subscribe messages; each maps to one template of the mini-program account. */
export const NOTIFY_KINDS = ['class_promoted', 'class_reminder', 'event_reminder'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

export const NOTIFY_KIND_LABEL: Record<NotifyKind, string> = {
  class_promoted: '候补递补通知',
  class_reminder: '上课提醒',
  event_reminder: '活动提醒',
};

/** Where a queued message stands: waiting (also between retries), being sent, sent, failed for good, or no longer needed. */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export const notifyStatusInput = z
  .object({
    classId: z.number({ error: '课程编号需为数字' }).int().positive().optional(),
    eventId: z.number({ error: '活动编号需为数字' }).int().positive().optional(),
  })
  .strict()
  .refine((p) => (p.classId === undefined) !== (p.eventId === undefined), { message: '请指定一个课程（classId）或一个活动（eventId）' });

export interface DeliveryCounts {
  kind: NotifyKind;
  label: string;
  sent: number;
  /** Queued or between retries. */
  pending: number;
  failed: number;
  /** Failed for good, by WeChat's code (or our own check), most frequent first. */
  failures: { code: string; message: string; count: number }[];
}

export const eventRemindInput = z
  .object({
    eventId: z.number({ error: '活动编号需为数字' }).int().positive(),
    /** The member's answer to the subscribe-message dialog for the 活动提醒 template. */
    accepted: z.boolean({ error: '是否同意接收提醒需为 true 或 false' }),
  })
  .strict();

export const campaignCodeInput = z.object({ campaignId: z.number({ error: '竞赛编号需为数字' }).int().positive() }).strict();

/** The code on a quiz poster: a 小程序码 image (media path) when the host can reach WeChat, else null (the client draws a QR of the H5 link). */
export interface CampaignCode {
  image: string | null;
  /** What the 小程序码 carries: the page and its `scene` ("c=<campaignId>"). */
  page: string;
  scene: string;
}

export interface NotifyActions {
  'wechat.campaignCode': { payload: z.input<typeof campaignCodeInput>; result: CampaignCode };
  'notify.admin.status': { payload: z.input<typeof notifyStatusInput>; result: { kinds: DeliveryCounts[] } };
  'notify.eventRemind': { payload: z.input<typeof eventRemindInput>; result: { queued: boolean; remindAt: string | null } };
}
