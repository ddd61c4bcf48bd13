/**
 * The Chinese name of every field an organiser fills in, by the payload path the API's schema reports
 * ("venue.radius", "fields.2.label"). The one place where a schema key becomes words a person reads:
 * the admin forms label their fields and place the API's refusals with it.
 */
export type FieldLabels = Readonly<Record<string, string>>;

export const EVENT_FIELD_LABELS: FieldLabels = {
  orgId: '发布单位',
  kind: '类别',
  type: '类型',
  title: '标题',
  cover: '封面',
  body: '正文',
  startsAt: '开始时间',
  endsAt: '结束时间',
  audience: '面向',
  'venue.name': '活动地点',
  'venue.address': '详细地址',
  'venue.lat': '纬度',
  'venue.lng': '经度',
  'venue.radius': '签到范围',
  locationRequired: '现场定位签到',
  checkinOpensAt: '签到开始',
  checkinClosesAt: '签到截止',
  points: '签到积分',
};

export const CLASS_FIELD_LABELS: FieldLabels = {
  orgId: '发布单位',
  title: '课程名称',
  topic: '主题',
  teacher: '授课老师',
  description: '简介',
  'venue.name': '场地名称',
  'venue.address': '详细地址',
  'venue.lat': '纬度',
  'venue.lng': '经度',
  onlineUrl: '线上链接',
  startsAt: '开课时间',
  endsAt: '时长',
  regOpensAt: '报名开始',
  regClosesAt: '报名截止',
  capacity: '名额',
  ageMin: '孩子最小年龄',
  ageMax: '孩子最大年龄',
  cancelHours: '取消报名时限',
  waitlistOpen: '满员以后',
  fields: '报名表',
  'fields.*.label': '报名字段名称',
  'fields.*.options': '报名字段选项',
  'fields.*.options.*': '报名字段选项',
};

export const QUIZ_CAMPAIGN_FIELD_LABELS: FieldLabels = {
  title: '标题',
  description: '介绍',
  cover: '封面',
  orgId: '面向单位',
  draws: '抽题',
  'draws.*.count': '抽题数量',
  opensAt: '开始日期',
  closesAt: '结束日期',
  timeLimitSec: '每次限时',
  attemptsPerDay: '每人每天次数',
  attemptsTotal: '每人总次数',
  passMark: '及格分',
  showReview: '公布答案与解析',
};

/** The label of a payload path; list indexes match "*". */
export function labelOf(labels: FieldLabels, path: string): string | undefined {
  return labels[path] ?? labels[path.replace(/\.\d+(?=\.|$)/g, '.*')];
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * An API refusal made readable and placed: `field` is the payload path it is about (when one is known),
 * `text` never contains a schema key. The API names a field as "title：标题最多 60 个字"; a refusal
 * whose words are not Chinese (a schema's default) is replaced by "<label>填写不正确".
 */
export function readableRefusal(labels: FieldLabels, message: string): { field: string | null; text: string } {
  const keyed = /^([A-Za-z_][\w]*(?:\.[\w*]+)*)：([\s\S]*)$/.exec(message.trim());
  if (keyed) {
    const [, path, rest] = keyed;
    const label = labelOf(labels, path);
    const known = label !== undefined;
    const name = label ?? '填写的内容';
    if (!HAS_CHINESE.test(rest)) return { field: known ? path : null, text: `${name}填写不正确，请检查` };
    return { field: known ? path : null, text: rest.includes(name) || !known ? rest : `${name}：${rest}` };
  }
  // Already in words: place it by the label it starts with (longest label first: 签到开始 before 签到).
  const byLength = Object.entries(labels).sort((a, b) => b[1].length - a[1].length);
  const hit = byLength.find(([path, label]) => !path.includes('*') && message.startsWith(label));
  return { field: hit ? hit[0] : null, text: message };
}
