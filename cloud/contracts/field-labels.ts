/**
 * Where a schema key becomes words a person reads. FIELD_LABELS: the label of every payload field by its key,
 * which the server's refusals name (never the key itself). The per-form maps below: the organiser forms' labels by
 * payload path ("venue.radius", "fields.2.label"), with which the forms place a refusal next to its field.
 */
export const FIELD_LABELS: Record<string, string> = {
  title: '标题',
  limit: '数量',
  venue: '活动地点',
  type: '类型',
  topic: '主题',
  scope: '范围',
  position: '位置',
  orgId: '所在单位',
  adminOrgId: '发布单位',
  kind: '类型',
  description: '简介',
  cover: '封面',
  code: '签到码',
  answers: '答案',
  year: '年份',
  where: '地点',
  when: '时间',
  weeks: '周数',
  waitlistOpen: '候补',
  visible: '是否可见',
  version: '版本',
  timeLimitSec: '答题时限',
  templateId: '消息模板',
  teacher: '授课老师',
  summary: '摘要',
  showReview: '答案解析',
  seq: '序号',
  required: '是否必填',
  radius: '签到范围',
  q: '搜索词',
  published: '发布状态',
  points: '积分',
  passMark: '及格分',
  options: '选项',
  openid: '账号',
  onlineUrl: '线上课堂链接',
  number: '期号',
  night: '夜间模式',
  elderMode: '长辈模式',
  nickname: '昵称',
  name: '姓名',
  realName: '真实姓名',
  phone: '手机号',
  locationRequired: '是否需要定位',
  location: '位置',
  lng: '经度',
  lat: '纬度',
  level: '级别',
  label: '名称',
  intro: '导读',
  format: '格式',
  fontSize: '字号',
  fileName: '文件名',
  fields: '报名表',
  date: '日期',
  count: '数量',
  content: '内容',
  column: '栏目',
  childAge: '孩子年龄',
  capacity: '名额',
  cancelHours: '取消规则',
  bytes: '文件',
  bodyMd: '正文',
  body: '正文',
  author: '作者',
  audience: '面向对象',
  attemptsTotal: '总答题次数',
  attemptsPerDay: '每天答题次数',
  ageMin: '最小年龄',
  ageMax: '最大年龄',
  address: '地址',
  startsAt: '开始时间',
  endsAt: '结束时间',
  regOpensAt: '报名开始时间',
  regClosesAt: '报名截止时间',
  publishAt: '发布时间',
  scannedAt: '扫码时间',
  id: '编号',
  payload: '提交的内容',
};

/** A field's label by its path (`fields.2.label` → the last named part): unknown keys get a neutral word, never the key. */
export function fieldLabel(path: readonly (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string' && FIELD_LABELS[key]) return FIELD_LABELS[key];
  }
  return '提交的内容';
}

/**
 * The organiser forms' own names for their fields, by the payload path a refusal carries ("venue.radius",
 * "fields.2.label"): a form labels its fields with them and places each refusal under its field.
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
 * `text` never contains a schema key. The API sends the path beside its message; a message still shaped
 * "title：…" (an older host) is taken apart, and one whose words are not Chinese becomes "<label>填写不正确".
 */
export function readableRefusal(labels: FieldLabels, message: string, path?: string): { field: string | null; text: string } {
  // The API names the field (envelope `field`) and words the message with its label already.
  if (path && labelOf(labels, path) !== undefined && HAS_CHINESE.test(message)) return { field: path, text: message };
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
