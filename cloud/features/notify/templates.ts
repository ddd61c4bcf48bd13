import { z } from 'zod';
import { NOTIFY_KINDS, type NotifyKind } from '../../contracts/notify';

/** What each message says, by meaning; the template configuration maps these onto the template's own keys. */
export interface MessageFields {
  /** 课程名称 / 活动名称. */
  title: string;
  /** 上课时间 / 活动时间 (an ISO instant). */
  time: string;
  /** 温馨提示 / 地点. */
  note: string;
}

export interface TemplateConfig {
  templateId: string;
  /** The template's key for each meaning, e.g. { title: 'thing1', time: 'time2', note: 'thing3' }. */
  keys: Record<keyof MessageFields, string>;
}

export type TemplateConfigs = Partial<Record<NotifyKind, TemplateConfig>>;

const DEFAULT_KEYS: TemplateConfig['keys'] = { title: 'thing1', time: 'time2', note: 'thing3' };
const key = z.string().regex(/^[a-z_]+\d+$/, '模板字段名形如 thing1、time2');
const configSchema = z.partialRecord(
  z.enum(NOTIFY_KINDS),
  z.object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '模板 ID 只含字母、数字、- 和 _'),
    keys: z.object({ title: key, time: key, note: key }).partial().optional(),
  }),
);

/**
 * Parses WX_SUBSCRIBE_TEMPLATES, a JSON object by notice kind, e.g.
 * {"class_promoted":{"id":"<模板ID>","keys":{"title":"thing1","time":"time2","note":"thing3"}}}
 * (keys default to thing1 / time2 / thing3). Throws with a readable message when malformed, so a host
 * refuses to start with a configuration that would fail every send.
 */
export function parseTemplateConfigs(text: string | undefined): TemplateConfigs {
  if (!text?.trim()) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('WX_SUBSCRIBE_TEMPLATES 不是有效的 JSON');
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`WX_SUBSCRIBE_TEMPLATES 有误：${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  const out: TemplateConfigs = {};
  for (const [kind, c] of Object.entries(parsed.data) as [NotifyKind, { id: string; keys?: Partial<TemplateConfig['keys']> }][]) {
    if (c) out[kind] = { templateId: c.id, keys: { ...DEFAULT_KEYS, ...c.keys } };
  }
  return out;
}
