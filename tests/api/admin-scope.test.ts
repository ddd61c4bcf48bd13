import { actions } from '../../cloud/app';
import type { DispatchResult } from '../../cloud/core/router';
import { startTestApp, type TestApp } from '../support/app';
import { pngImage } from '../support/images';
import { campaignPayload } from '../support/quiz';

/**
 * Admin scope, walked action by action: an admin of 包头 (150200) aims every admin action at what an admin of
 * 呼和浩特 (150100), a sibling area, made. Each answer is 403 FORBIDDEN and carries none of that area's data;
 * afterwards the 呼和浩特 resources are as they were, and the same payloads sent by their own admin succeed, so
 * each 403 came from the scope check and not from a malformed payload.
 */

const H = 3600_000;
const T0 = Date.parse('2026-12-01T02:00:00.000Z');
let clock = T0;
let app: TestApp;

const HHHT = 'dev-admin-hhht'; // seeded: administers 呼和浩特 150100
const BAOTOU = 'admin-baotou';
const PARENT = { name: '乌兰其其格', phone: '13912345678' };
const VENUE = { lat: 40.8175, lng: 111.6708 };

/** What 呼和浩特's admin made (and 包头's own class and issue, for the payloads that mix the two). */
interface Fixture {
  classId: number;
  registrationId: number;
  registrationCode: string;
  eventId: number;
  offlineCheckinId: number;
  campaignId: number;
  bankId: string;
  issueId: number;
  articleId: number;
  baotouClassId: number;
  baotouIssueId: number;
}
let f: Fixture;

const classBody = (orgId: string, title: string) => ({
  orgId,
  title,
  topic: '科学养育',
  teacher: '王老师',
  description: '简介',
  venue: { name: '向日葵亲子小屋', address: '新华大街 1 号', lat: 40.8, lng: 111.7 },
  onlineUrl: null,
  startsAt: new Date(T0 + 72 * H).toISOString(),
  endsAt: new Date(T0 + 74 * H).toISOString(),
  regOpensAt: new Date(T0 - 24 * H).toISOString(),
  regClosesAt: new Date(T0 + 70 * H).toISOString(),
  capacity: 10,
  ageMin: 0,
  ageMax: 6,
  fields: [
    { id: 'parent_name', label: '姓名', type: 'name', required: true },
    { id: 'phone', label: '联系电话', type: 'phone', required: true },
    { id: 'kid', label: '名字', type: 'text', required: false },
  ],
  cancelHours: 24,
  waitlistOpen: true,
});

const eventFields = {
  title: '呼市会员活动日',
  type: '会员活动日',
  startsAt: new Date(T0 - H).toISOString(),
  endsAt: new Date(T0 + H).toISOString(),
  venue: { name: '新华广场', address: '新城区', ...VENUE, radius: 200 },
  points: 5,
  audience: 'all',
};

const campaignBody = (over: Record<string, unknown> = {}) => campaignPayload({ title: '呼市答题', orgId: '150100', ...over });

const issueBody = (orgId: string, number: number) => ({
  orgId,
  year: 2026,
  number,
  title: `青城书香第${number}期`,
  cover: 'reading',
  intro: '导读',
  publishAt: '2026-12-10T08:00:00+08:00',
});

const articleBody = (issueId: number) => ({
  issueId,
  title: '社区里的育儿角',
  author: '青城通讯员',
  column: '科学育儿',
  summary: '一个社区育儿角的半年。',
  bodyMd: '## 缘起\n\n社区里的年轻父母常常聚在楼下聊带娃的烦恼。',
});

const importFolder = [
  {
    name: '2027-03/issue.json',
    text: JSON.stringify({ year: 2027, number: 3, title: '越权导入的一期', publishAt: '2027-03-01T08:00:00+08:00', cover: 'grassland' }),
  },
  { name: '2027-03/01-spring.md', text: '---\ntitle: 开春话健康\nauthor: 通讯员\ncolumn: 家庭健康\nsummary: 摘要\n---\n\n开春以后，早晚温差大。' },
];

let templateContent: string;

interface Probe {
  /** What the payload aims at, when an action has more than one probe. */
  aim?: string;
  payload: () => unknown;
  /** The answer 包头's admin must get; by default 403 FORBIDDEN with nothing of 呼和浩特 in it. */
  expect?: (res: DispatchResult) => void;
  /** Set for payloads that mix 包头's own resource with 呼和浩特's: 呼和浩特's admin could not send them either. */
  mixed?: true;
}

function expectForbidden(res: DispatchResult): void {
  expect([res.status, res.body.ok ? 'ok' : res.body.error.code]).toEqual([403, 'FORBIDDEN']);
}

/** Every admin action, and how 包头's admin aims it at 呼和浩特. Order matters only for the owner's replay (deleteArticle last). */
const probes: Record<string, Probe[]> = {
  'class.admin.publish': [{ payload: () => classBody('150100', '越权开课') }],
  'class.admin.update': [{ payload: () => ({ classId: f.classId, title: '改名' }) }],
  'class.admin.roster': [{ payload: () => ({ classId: f.classId }) }],
  'class.admin.checkin': [
    { aim: 'by registration', payload: () => ({ classId: f.classId, registrationId: f.registrationId }) },
    { aim: 'by ticket code', payload: () => ({ classId: f.classId, code: f.registrationCode }) },
    {
      aim: 'own class, 呼和浩特 registration',
      mixed: true,
      payload: () => ({ classId: f.baotouClassId, registrationId: f.registrationId }),
      expect: (res) => expect([res.status, !res.body.ok && res.body.error.code]).toEqual([404, 'TICKET_INVALID']),
    },
  ],
  'class.admin.stats': [
    { aim: 'orgId 150100', payload: () => ({ orgId: '150100' }) },
    {
      aim: 'own org by default',
      payload: () => ({}),
      mixed: true,
      expect: (res) => {
        expect(res.status).toBe(200);
        const rows = (res.body as { data: { rows: { classId: number }[] } }).data.rows;
        expect(rows.map((r) => r.classId)).toContain(f.baotouClassId);
        expect(rows.map((r) => r.classId)).not.toContain(f.classId);
      },
    },
  ],
  'class.admin.export': [{ payload: () => ({ classId: f.classId }) }],

  'event.admin.publish': [{ payload: () => ({ ...eventFields, orgId: '150100', title: '越权活动' }) }],
  'event.admin.update': [{ payload: () => ({ ...eventFields, id: f.eventId }) }],
  'event.admin.setPublished': [{ payload: () => ({ id: f.eventId, published: true }) }],
  'event.admin.code': [{ payload: () => ({ id: f.eventId }) }],
  'event.admin.live': [{ payload: () => ({ id: f.eventId }) }],
  'event.admin.stats': [{ payload: () => ({ id: f.eventId }) }],
  'event.admin.export': [{ payload: () => ({ id: f.eventId }) }],
  'event.admin.voidCheckin': [{ payload: () => ({ checkinId: f.offlineCheckinId, void: false }) }],

  'quiz.admin.campaigns': [
    {
      // No org in the payload: the list is of the caller's own subtree.
      payload: () => ({}),
      expect: (res) => {
        expect(res.status).toBe(200);
        const data = (res.body as { data: { campaigns: { id: number; orgId: string }[]; banks: { id: string; orgId: string }[] } }).data;
        expect(data.campaigns.map((c) => c.id)).not.toContain(f.campaignId);
        expect(data.campaigns.every((c) => c.orgId.startsWith('1502'))).toBe(true);
        expect(data.banks.map((b) => b.id)).not.toContain(f.bankId);
        expect(data.banks.filter((b) => b.orgId.startsWith('1501'))).toEqual([]);
      },
    },
  ],
  'quiz.admin.saveCampaign': [
    { aim: 'new in 150100', payload: () => campaignBody({ title: '越权答题' }) },
    { aim: 'edit', payload: () => campaignBody({ id: f.campaignId, title: '改名' }) },
    { aim: 'edit, moved to own org', mixed: true, payload: () => campaignBody({ id: f.campaignId, orgId: '150200' }) },
    {
      aim: 'own org, 呼和浩特 bank',
      mixed: true,
      payload: () => campaignBody({ orgId: '150200', draws: [{ bankId: f.bankId, count: 1 }] }),
      // The bank is invisible to 包头, so it is named as not there.
      expect: (res) => expect([res.status, !res.body.ok && res.body.error.code]).toEqual([400, 'INVALID_PAYLOAD']),
    },
  ],
  'quiz.admin.template': [
    {
      // Org-neutral: the blank import template, the same for every admin; it holds no org's data.
      payload: () => ({ format: 'csv' }),
      expect: (res) => expect(res.body).toMatchObject({ ok: true, data: { fileName: '题库导入模板.csv' } }),
    },
  ],
  'quiz.admin.importBank': [{ payload: () => ({ orgId: '150100', title: '越权题库', fileName: 'tpl.xlsx', content: templateContent }) }],
  'quiz.admin.stats': [{ payload: () => ({ campaignId: f.campaignId }) }],
  'quiz.admin.export': [{ payload: () => ({ campaignId: f.campaignId }) }],

  'magazine.admin.issues': [
    {
      // No org in the payload: the list is of the caller's own subtree.
      payload: () => ({}),
      expect: (res) => {
        expect(res.status).toBe(200);
        const issues = (res.body as { data: { issues: { id: number; orgId: string }[] } }).data.issues;
        expect(issues.map((i) => i.id)).toContain(f.baotouIssueId);
        expect(issues.map((i) => i.id)).not.toContain(f.issueId);
        expect(issues.filter((i) => i.orgId.startsWith('1501'))).toEqual([]);
      },
    },
  ],
  'magazine.admin.issue': [{ payload: () => ({ issueId: f.issueId }) }],
  'magazine.admin.publish': [{ payload: () => ({ issueId: f.issueId, publishAt: '2026-12-10T08:00:00+08:00' }) }],
  'magazine.admin.saveIssue': [
    { aim: 'new in 150100', payload: () => issueBody('150100', 9) },
    { aim: 'edit', payload: () => ({ ...issueBody('150100', 8), issueId: f.issueId }) },
    { aim: 'edit, moved to own org', mixed: true, payload: () => ({ ...issueBody('150200', 8), issueId: f.issueId }) },
  ],
  'magazine.admin.importFiles': [{ payload: () => ({ orgId: '150100', files: importFolder }) }],
  'magazine.admin.saveArticle': [
    { aim: 'new', payload: () => articleBody(f.issueId) },
    { aim: 'edit', payload: () => ({ ...articleBody(f.issueId), articleId: f.articleId, title: '改名' }) },
    {
      aim: 'own issue, 呼和浩特 article',
      mixed: true,
      payload: () => ({ ...articleBody(f.baotouIssueId), articleId: f.articleId, title: '改名' }),
      // The article is not in that issue: deliberately not found.
      expect: (res) => expect([res.status, !res.body.ok && res.body.error.code]).toEqual([404, 'NOT_FOUND']),
    },
  ],
  'magazine.admin.deleteArticle': [{ payload: () => ({ articleId: f.articleId }) }],

  'notify.admin.status': [
    { aim: 'class', payload: () => ({ classId: f.classId }) },
    { aim: 'event', payload: () => ({ eventId: f.eventId }) },
  ],

  // Reached over HTTP only through POST /api/media/upload, which dispatches this same action with the bytes
  // and the orgId query parameter; dispatching it here checks the scope the route relies on.
  'media.admin.upload': [{ aim: 'orgId 150100', payload: () => ({ bytes: pngImage(8, 8, 3), orgId: '150100' }) }],
};

const cases = Object.entries(probes).flatMap(([action, list]) =>
  list.map((probe) => ({ action, probe, name: probe.aim ? `${action} (${probe.aim})` : action })),
);

beforeAll(async () => {
  app = await startTestApp({ now: () => new Date(clock), consented: true });
  await app.store.admins.grant(BAOTOU, '150200', new Date(T0));
  const hhht = app.as(HHHT);
  const baotou = app.as(BAOTOU);

  const c = await hhht.call('class.admin.publish', classBody('150100', '呼市测试课堂') as never);
  const reg = await app.as('parent-hhht').call('class.register', {
    classId: c.id,
    childAge: 3,
    answers: { parent_name: PARENT.name, phone: PARENT.phone, kid: PARENT.name },
  });
  const baotouClass = await baotou.call('class.admin.publish', classBody('150200', '包头测试课堂') as never);

  const ev = await hhht.call('event.admin.publish', { ...eventFields, orgId: '150100' } as never);
  // An offline check-in (scanned while the code was valid, sent later), the only kind that can be voided.
  const { qr } = await hhht.call('event.admin.code', { id: ev.id });
  const scannedAt = new Date(clock).toISOString();
  clock += 10 * 60_000;
  await app.as('parent-hhht').call('event.checkin', { eventId: ev.id, code: qr, scannedAt, location: VENUE });
  const offline = (await hhht.call('event.admin.live', { id: ev.id })).offline;

  const campaign = await hhht.call('quiz.admin.saveCampaign', campaignBody() as never);
  templateContent = (await hhht.call('quiz.admin.template', { format: 'xlsx' })).content;
  const bank = await hhht.call('quiz.admin.importBank', { orgId: '150100', title: '呼市题库', fileName: 'tpl.xlsx', content: templateContent });

  const issue = await hhht.call('magazine.admin.saveIssue', issueBody('150100', 8));
  const article = await hhht.call('magazine.admin.saveArticle', articleBody(issue.id));
  const baotouIssue = await baotou.call('magazine.admin.saveIssue', issueBody('150200', 8));

  f = {
    classId: c.id,
    registrationId: reg.registration.id,
    registrationCode: reg.registration.code,
    eventId: ev.id,
    offlineCheckinId: offline[0].id,
    campaignId: campaign.id,
    bankId: bank.bankId!,
    issueId: issue.id,
    articleId: article.id,
    baotouClassId: baotouClass.id,
    baotouIssueId: baotouIssue.id,
  };
});
afterAll(() => app.close());

test('every admin action has a probe here, and nothing else does', () => {
  const adminActions = actions.filter((a) => a.auth === 'admin').map((a) => a.name);
  expect(Object.keys(probes).sort()).toEqual([...adminActions].sort());
  // The convention the list relies on: an admin action is named <domain>.admin.<verb>.
  expect(adminActions.every((name) => /^[a-z]+\.admin\.[A-Za-z]+$/.test(name))).toBe(true);
});

test.each(cases)('包头 admin → $name', async ({ action, probe }) => {
  const res = await app.as(BAOTOU).raw(action, probe.payload());
  (probe.expect ?? expectForbidden)(res);
  const text = JSON.stringify(res.body);
  for (const secret of [PARENT.name, PARENT.phone, f.registrationCode]) expect(text).not.toContain(secret);
});

test('呼和浩特 resources are as their admin left them', async () => {
  const hhht = app.as(HHHT);
  const roster = await hhht.call('class.admin.roster', { classId: f.classId });
  expect(roster.class.title).toBe('呼市测试课堂');
  expect(roster.entries.map((e) => [e.id, e.attendedAt])).toEqual([[f.registrationId, null]]);

  const live = await hhht.call('event.admin.live', { id: f.eventId });
  expect(live.title).toBe('呼市会员活动日');
  expect(live.offline.map((c) => [c.id, c.voided])).toEqual([[f.offlineCheckinId, false]]);

  const quiz = await hhht.call('quiz.admin.campaigns', {});
  expect(quiz.campaigns.filter((c) => c.orgId === '150100').map((c) => c.title)).toEqual(expect.arrayContaining(['呼市答题']));
  expect(quiz.campaigns.map((c) => c.title)).not.toEqual(expect.arrayContaining(['越权答题']));
  expect(quiz.banks.filter((b) => b.orgId === '150100').map((b) => b.id)).toEqual([f.bankId]);

  const issue = await hhht.call('magazine.admin.issue', { issueId: f.issueId });
  expect(issue.issue).toMatchObject({ orgId: '150100', number: 8, title: '青城书香第8期' });
  expect(issue.articles.map((a) => [a.id, a.title])).toEqual([[f.articleId, '社区里的育儿角']]);
  const issues = (await hhht.call('magazine.admin.issues', {})).issues.map((i) => i.title);
  expect(issues).not.toContain('越权导入的一期');
  expect(issues).not.toContain('青城书香第9期');

  const classes = (await hhht.call('class.admin.stats', { orgId: '150100' })).rows.map((r) => r.title);
  expect(classes).not.toContain('越权开课');
  const events = (await hhht.call('event.list', { when: 'all', scope: 'manage', limit: 100 })).items.map((e) => e.title);
  expect(events).not.toContain('越权活动');
});

test('the same payloads from 呼和浩特’s own admin succeed, so each refusal above was the scope check', async () => {
  const answers: [string, number, string][] = [];
  for (const { name, action, probe } of cases.filter((c) => !c.probe.mixed)) {
    const res = await app.as(HHHT).raw(action, probe.payload());
    answers.push([name, res.status, res.body.ok ? 'ok' : `${res.body.error.code} ${res.body.error.message}`]);
  }
  expect(answers.filter(([, status]) => status !== 200)).toEqual([]);
});
