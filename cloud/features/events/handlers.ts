import { requireAdminOrg } from '../../core/admin-org';
import { z } from 'zod';
import { defineAction } from '../../core/action';
import { AppError, notFound } from '../../core/errors';
import type { Action } from '../../core/action';
import type { MemberContext } from '../../core/context';
import type { Store } from '../store';
import {
  eventCheckinInput,
  eventGetInput,
  eventIdInput,
  eventIntendInput,
  eventListInput,
  eventMyCheckinsInput,
  eventPublishInput,
  eventSetPublishedInput,
  eventUpdateInput,
  eventVoidInput,
  type EventDetail,
  type EventSummary,
} from '../../contracts/events';
import { CHECKIN_CODE_MAX_AGE_MS, CHECKIN_WINDOW_MS, OFFLINE_MAX_DELAY_MS } from '../../contracts/events-shared';
import { codeSigner, distanceMeters, windowOf, type CodeSigner } from './codes';
import type { EventInput, EventRow } from './repo';
import { buildStats, checkinRow, exportWorkbook } from './stats';
import { requireCoverImage } from '../media/cover';
import { eventIntentChanged } from '../notify/handlers';

const signers = new WeakMap<Store, CodeSigner>();
async function signerOf(store: Store): Promise<CodeSigner> {
  let s = signers.get(store);
  if (!s) {
    s = codeSigner(await store.events.codeSecret());
    signers.set(store, s);
  }
  return s;
}

/** "5月29日 09:00" in Beijing time, for messages. */
export function bjTime(iso: string | Date): string {
  const d = new Date((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const summary = (e: EventRow): EventSummary => ({
  id: e.id,
  title: e.title,
  type: e.type,
  kind: e.kind,
  cover: e.cover,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  venueName: e.venueName,
  org: { id: e.orgId, name: e.orgName, level: e.orgLevel },
  audience: e.audience,
  points: e.points,
  intentCount: e.intentCount,
  published: e.published,
});

async function detail(ctx: MemberContext, e: EventRow): Promise<EventDetail> {
  const mine = await ctx.store.events.checkinOf(e.id, ctx.member.id);
  return {
    ...summary(e),
    body: e.body,
    venue: { name: e.venueName, address: e.venueAddress, lat: e.lat, lng: e.lng, radius: e.radius },
    checkinOpensAt: e.checkinOpensAt,
    checkinClosesAt: e.checkinClosesAt,
    locationRequired: e.locationRequired,
    intending: await ctx.store.events.isIntending(e.id, ctx.member.id),
    myCheckin: mine
      ? { eventId: e.id, title: e.title, checkedInAt: mine.checkedInAt, scannedAt: mine.scannedAt, offline: mine.offline, voided: mine.voided, points: e.points }
      : null,
    canManage: ctx.admin.covers(e.orgPath),
    checkinCount: e.checkinCount,
  };
}

async function memberOrgPath(ctx: MemberContext): Promise<string | null> {
  if (!ctx.member.orgId) return null;
  return (await ctx.store.orgs.getById(ctx.member.orgId))?.path ?? null;
}

/** Published and meant for this member (their org or a level above, or everyone); admins of its org also see drafts. */
async function visibleEvent(ctx: MemberContext, id: number, counts = true): Promise<EventRow> {
  const e = await ctx.store.events.getById(id, { counts });
  if (!e) throw notFound('活动');
  if (ctx.admin.covers(e.orgPath)) return e;
  if (!e.published) throw notFound('活动');
  if (e.audience === 'all') return e;
  const path = await memberOrgPath(ctx);
  if (!path) throw new AppError('NOT_IN_AUDIENCE', '这是面向本单位会员的活动，请先在“我的”中选择您所在的单位');
  if (!path.startsWith(e.orgPath)) throw new AppError('NOT_IN_AUDIENCE', `这是${e.orgName}面向本单位会员的活动，您所在的单位不在其中`);
  return e;
}

async function managedEvent(ctx: MemberContext, id: number): Promise<EventRow> {
  const e = await ctx.store.events.getById(id);
  if (!e) throw notFound('活动');
  ctx.admin.require(e.orgPath);
  return e;
}

type EventFields = z.output<typeof eventUpdateInput>;
function toInput(orgId: string, p: Omit<EventFields, 'id'>, published: boolean): EventInput {
  const starts = Date.parse(p.startsAt);
  const ends = Date.parse(p.endsAt);
  if (ends <= starts) throw new AppError('INVALID_PAYLOAD', '结束时间应晚于开始时间');
  const opens = p.checkinOpensAt ? Date.parse(p.checkinOpensAt) : starts - 3600_000;
  const closes = p.checkinClosesAt ? Date.parse(p.checkinClosesAt) : ends;
  if (closes <= opens) throw new AppError('INVALID_PAYLOAD', '签到截止时间应晚于签到开始时间');
  if (p.locationRequired && (p.venue.lat === null || p.venue.lng === null))
    throw new AppError('INVALID_PAYLOAD', '要求定位签到时，请填写活动地点的经纬度');
  if (p.kind === 'event' && !p.venue.name) throw new AppError('INVALID_PAYLOAD', '请填写活动地点');
  return {
    orgId,
    kind: p.kind,
    type: p.type,
    title: p.title,
    cover: p.cover ?? null,
    body: p.body,
    startsAt: new Date(starts).toISOString(),
    endsAt: new Date(ends).toISOString(),
    venueName: p.venue.name,
    venueAddress: p.venue.address,
    lat: p.venue.lat,
    lng: p.venue.lng,
    radius: p.venue.radius,
    checkinOpensAt: new Date(opens).toISOString(),
    checkinClosesAt: new Date(closes).toISOString(),
    locationRequired: p.locationRequired,
    points: p.points,
    audience: p.audience,
    published,
  };
}

// Wrong codes per member and event: at most 10 in any 5 minutes (a sliding window kept in the
// store, so it holds across restarts and across host processes), so the 6-digit space cannot be walked.
const WRONG_CODE_LIMIT = 10;
const WRONG_CODE_WINDOW_MS = 5 * 60_000;
const tooManyWrongCodes = () => new AppError('TOO_MANY_REQUESTS', '签到码输错次数太多，请 5 分钟后再试，或请现场工作人员帮助');

/**
 * Verifies a typed 6-digit code or a scanned QR payload for `eventId`, as of `ref` (the server's
 * now, or the recorded scan time of an offline check-in). Returns the code's window.
 */
function verifyCode(signer: CodeSigner, eventId: number, code: string, ref: number): number {
  const current = windowOf(ref);
  const maxAgeWindows = CHECKIN_CODE_MAX_AGE_MS / CHECKIN_WINDOW_MS; // 2: this window and the one before
  let w: number;
  if (/^\d{6}$/.test(code)) {
    const found = [...Array(maxAgeWindows).keys()].map((i) => current - i).find((c) => signer.digits(eventId, c) === code);
    if (found !== undefined) return found;
    // A code of this event from the last ten minutes: say it expired rather than "wrong".
    for (let i = maxAgeWindows; i <= 20; i++)
      if (signer.digits(eventId, current - i) === code)
        throw new AppError('CHECKIN_CODE_EXPIRED', '签到码已过期（每 30 秒更新一次），请输入大屏上最新的签到码');
    throw new AppError('CHECKIN_CODE_INVALID', '签到码不正确，请核对现场大屏上的 6 位数字');
  } else {
    const qr = signer.verifyQr(code);
    if (!qr) throw new AppError('CHECKIN_CODE_FORGED', '这个二维码不是本活动的签到码，请扫描现场大屏上的二维码');
    if (qr.eventId !== eventId) throw new AppError('CHECKIN_CODE_OTHER_EVENT', '这是另一场活动的签到码，请扫描本场活动大屏上的二维码');
    w = qr.window;
  }
  if (w > current) throw new AppError('CHECKIN_CODE_INVALID', '签到码时间不正确，请检查手机时间后重新扫码');
  if (current - w >= maxAgeWindows) throw new AppError('CHECKIN_CODE_EXPIRED', '签到码已过期（每 30 秒更新一次），请扫描大屏上最新的二维码');
  return w;
}

export const eventList = defineAction({
  name: 'event.list',
  input: eventListInput,
  auth: 'member',
  async handler(ctx, { when, scope, limit }) {
    const now = ctx.now();
    let rows: EventRow[];
    if (scope === 'manage') {
      ctx.admin.requireAny();
      rows = await ctx.store.events.listManaged(ctx.admin.orgs.map((o) => o.path), when, now, limit);
    } else {
      rows = await ctx.store.events.listForMember({ memberOrgPath: await memberOrgPath(ctx), includeAll: scope === 'all', when, now, limit });
    }
    return { items: rows.map(summary), serverNow: now.toISOString() };
  },
});

export const eventGet = defineAction({
  name: 'event.get',
  input: eventGetInput,
  auth: 'member',
  handler: async (ctx, { id }) => detail(ctx, await visibleEvent(ctx, id)),
});

export const eventIntend = defineAction({
  name: 'event.intend',
  input: eventIntendInput,
  auth: 'member',
  async handler(ctx, { id, intend }) {
    const e = await visibleEvent(ctx, id);
    if (!e.published) throw new AppError('CONFLICT', '活动尚未发布');
    if (intend && Date.parse(e.endsAt) < ctx.now().getTime()) throw new AppError('EVENT_ENDED', '活动已经结束了，下次再来吧');
    const r = await ctx.store.events.setIntent(id, ctx.member.id, intend, ctx.now());
    await eventIntentChanged(ctx, id, r.intending);
    return r;
  },
});

export const eventCheckin = defineAction({
  name: 'event.checkin',
  input: eventCheckinInput,
  auth: 'member',
  async handler(ctx, p) {
    const now = ctx.now();
    const nowMs = now.getTime();
    const e = await visibleEvent(ctx, p.eventId, false);
    if (!e.published) throw new AppError('CONFLICT', '活动尚未发布，暂不能签到');
    if (e.kind !== 'event') throw new AppError('CONFLICT', '这是一则通知，无需签到');

    // A second check-in (a retry, a double tap) answers with the first one.
    const existing = await ctx.store.events.checkinOf(e.id, ctx.member.id);
    if (existing) {
      if (existing.voided) throw new AppError('CHECKIN_VOIDED', '您的签到已被活动组织者作废，如有疑问请联系现场工作人员');
      return { firstTime: false, checkedInAt: existing.checkedInAt, offline: existing.offline, points: e.points, distance: null };
    }

    const signer = await signerOf(ctx.store);
    let offline = false;
    let at = nowMs; // the moment the member was at the venue
    let w: number;
    try {
      if (p.scannedAt) {
        const scanned = Date.parse(p.scannedAt);
        if (scanned > nowMs + 2 * 60_000) throw new AppError('INVALID_PAYLOAD', '扫码时间晚于当前时间，请检查手机的日期和时间');
        if (nowMs - scanned > OFFLINE_MAX_DELAY_MS)
          throw new AppError('OFFLINE_TOO_LATE', '离线扫码需在 24 小时内联网提交，这次扫码已超过 24 小时，无法签到');
        try {
          w = verifyCode(signer, e.id, p.code, nowMs);
        } catch {
          // No longer valid now: judge the code as of the recorded scan time.
          w = verifyCode(signer, e.id, p.code, scanned);
          offline = true;
          at = scanned;
        }
      } else {
        w = verifyCode(signer, e.id, p.code, nowMs);
      }
    } catch (err) {
      // A wrong code is recorded in one atomic conditional INSERT, which also says whether the
      // member had already used up the allowance (then the answer is 429, whatever the code).
      if (err instanceof AppError && err.code.startsWith('CHECKIN_CODE')) {
        const recorded = await ctx.store.events.recordWrongCode(e.id, ctx.member.id, now, WRONG_CODE_WINDOW_MS, WRONG_CODE_LIMIT);
        if (!recorded) throw tooManyWrongCodes();
      }
      throw err;
    }
    // A right code counts only while the member is under the limit: the code must not be found by guessing.
    if ((await ctx.store.events.wrongCodeCount(e.id, ctx.member.id, now, WRONG_CODE_WINDOW_MS)) >= WRONG_CODE_LIMIT) throw tooManyWrongCodes();

    if (at < Date.parse(e.checkinOpensAt)) throw new AppError('CHECKIN_NOT_OPEN', `签到还没开始，将于 ${bjTime(e.checkinOpensAt)} 开放`);
    if (at > Date.parse(e.checkinClosesAt)) throw new AppError('CHECKIN_CLOSED', `本活动签到已于 ${bjTime(e.checkinClosesAt)} 结束`);

    let distance: number | null = null;
    if (p.location && e.lat !== null && e.lng !== null) distance = Math.round(distanceMeters(p.location, { lat: e.lat, lng: e.lng }));
    if (e.locationRequired) {
      if (!p.location)
        throw new AppError('LOCATION_REQUIRED', '本活动需要确认您在活动现场：请允许小程序使用您的位置（设置 › 位置信息）后再签到，或请现场工作人员帮助');
      if (distance! > e.radius)
        throw new AppError('OUT_OF_RANGE', `您距离活动地点约 ${formatDistance(distance!)}，超出签到范围（${e.radius} 米），请到达现场后再签到`);
    }

    const { record, created } = await ctx.store.events.checkin({
      eventId: e.id,
      memberId: ctx.member.id,
      orgId: ctx.member.orgId,
      at: now,
      scannedAt: p.scannedAt ? new Date(Date.parse(p.scannedAt)) : null,
      offline,
      codeWindow: w,
      lat: p.location?.lat ?? null,
      lng: p.location?.lng ?? null,
      distance,
    });
    if (record.voided) throw new AppError('CHECKIN_VOIDED', '您的签到已被活动组织者作废，如有疑问请联系现场工作人员');
    if (e.points > 0)
      await ctx.store.points.award({ memberId: ctx.member.id, delta: e.points, reason: `活动签到：${e.title}`.slice(0, 60), refKey: `event:checkin:${e.id}:${ctx.member.id}`, at: now });
    return { firstTime: created, checkedInAt: record.checkedInAt, offline: record.offline, points: e.points, distance };
  },
});

const formatDistance = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${m} 米`);

export const eventMyCheckins = defineAction({
  name: 'event.myCheckins',
  input: eventMyCheckinsInput,
  auth: 'member',
  async handler(ctx) {
    const rows = await ctx.store.events.myCheckins(ctx.member.id);
    return {
      items: rows.map((r) => ({ eventId: r.eventId, title: r.title, checkedInAt: r.checkedInAt, scannedAt: r.scannedAt, offline: r.offline, voided: r.voided, points: r.points })),
    };
  },
});

export const eventPublish = defineAction({
  name: 'event.publish',
  input: eventPublishInput,
  auth: 'admin',
  async handler(ctx, p) {
    await requireAdminOrg(ctx, p.orgId);
    await requireCoverImage(ctx, p.cover);
    const { orgId, draft, ...fields } = p;
    const e = await ctx.store.events.create(toInput(orgId, fields, !draft), ctx.member.id, ctx.now());
    return detail(ctx, e);
  },
});

export const eventUpdate = defineAction({
  name: 'event.update',
  input: eventUpdateInput,
  auth: 'admin',
  async handler(ctx, p) {
    const e = await managedEvent(ctx, p.id);
    await requireCoverImage(ctx, p.cover);
    const { id, ...fields } = p;
    return detail(ctx, await ctx.store.events.update(id, toInput(e.orgId, fields, e.published), ctx.now()));
  },
});

export const eventSetPublished = defineAction({
  name: 'event.setPublished',
  input: eventSetPublishedInput,
  auth: 'admin',
  async handler(ctx, { id, published }) {
    await managedEvent(ctx, id);
    return detail(ctx, await ctx.store.events.setPublished(id, published, ctx.now()));
  },
});

export const eventCode = defineAction({
  name: 'event.code',
  input: eventIdInput,
  auth: 'admin',
  async handler(ctx, { id }) {
    const e = await managedEvent(ctx, id);
    if (e.kind !== 'event') throw new AppError('CONFLICT', '通知没有签到码');
    const now = ctx.now();
    const w = windowOf(now);
    const { code, qr } = (await signerOf(ctx.store)).issue(e.id, w);
    return { eventId: e.id, code, qr, window: w, rotatesAt: new Date((w + 1) * CHECKIN_WINDOW_MS).toISOString(), serverNow: now.toISOString() };
  },
});

export const eventLive = defineAction({
  name: 'event.live',
  input: eventIdInput,
  auth: 'admin',
  async handler(ctx, { id }) {
    const e = await managedEvent(ctx, id);
    const counts = await ctx.store.events.counts(id);
    const latest = await ctx.store.events.checkins(id, { limit: 12, offline: false });
    const offline = await ctx.store.events.checkins(id, { limit: 500, offline: true });
    return {
      eventId: id,
      title: e.title,
      count: counts.total,
      offlineCount: counts.offline,
      latest: latest.map(checkinRow),
      offline: offline.map(checkinRow),
      serverNow: ctx.now().toISOString(),
    };
  },
});

export const eventVoidCheckin = defineAction({
  name: 'event.voidCheckin',
  input: eventVoidInput,
  auth: 'admin',
  async handler(ctx, { checkinId, void: voided }) {
    const c = await ctx.store.events.checkinById(checkinId);
    if (!c) throw notFound('签到记录');
    const e = await managedEvent(ctx, c.eventId);
    if (!c.offline) throw new AppError('CONFLICT', '只能作废离线签到；现场扫码的签到已由签到码和时间核验');
    const now = ctx.now();
    const { changed } = await ctx.store.events.setVoided(checkinId, voided, ctx.member.id, now);
    if (changed && c.memberId !== null && e.points > 0) {
      // Each void / restore is its own ledger entry, so the balance follows the organiser's decision.
      await ctx.store.points.award({
        memberId: c.memberId,
        delta: voided ? -e.points : e.points,
        reason: voided ? `离线签到被作废：${e.title}`.slice(0, 60) : `离线签到恢复：${e.title}`.slice(0, 60),
        refKey: `event:${voided ? 'void' : 'restore'}:${checkinId}:${now.getTime()}`,
        at: now,
      });
    }
    const row = (await ctx.store.events.checkins(e.id)).find((r) => r.id === checkinId)!;
    return checkinRow(row);
  },
});

export const eventStats = defineAction({
  name: 'event.stats',
  input: eventIdInput,
  auth: 'admin',
  async handler(ctx, { id }) {
    const e = await managedEvent(ctx, id);
    return buildStats(e, await ctx.store.events.checkins(id), ctx.now());
  },
});

export const eventExport = defineAction({
  name: 'event.export',
  input: eventIdInput,
  auth: 'admin',
  async handler(ctx, { id }) {
    const e = await managedEvent(ctx, id);
    const stats = buildStats(e, await ctx.store.events.checkins(id), ctx.now());
    return { fileName: `签到名单-${e.id}.xlsx`, base64: await exportWorkbook(e, stats) };
  },
});

export const eventActions: Action[] = [
  eventList,
  eventGet,
  eventIntend,
  eventCheckin,
  eventMyCheckins,
  eventPublish,
  eventUpdate,
  eventSetPublished,
  eventCode,
  eventLive,
  eventVoidCheckin,
  eventStats,
  eventExport,
];
