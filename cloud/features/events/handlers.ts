import { requireAdminOrg } from '../../core/admin-org';
import { defineAction, type Action, type MemberContext } from '../context';
import { AppError, notFound } from '../../core/errors';
import { memberOrg } from '../../core/member-org';
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
import { CHECKIN_WINDOW_MS } from '../../contracts/events-shared';
import { codeSigner, windowOf, type CodeSigner } from './codes';
import type { EventRow } from './repo';
import {
  WRONG_CODE_LIMIT,
  WRONG_CODE_WINDOW_MS,
  acceptCode,
  checkLocation,
  checkinAward,
  checkinVoided,
  eventInputOf,
  isWrongCode,
  overWrongCodeLimit,
  requireCheckinable,
  requireInCheckinPeriod,
  requireVoidable,
  tooManyWrongCodes,
  voidAward,
  type AcceptedCode,
} from './rules';
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
      ? {
          eventId: e.id,
          title: e.title,
          checkedInAt: mine.checkedInAt,
          scannedAt: mine.scannedAt,
          offline: mine.offline,
          voided: mine.voided,
          points: e.points,
        }
      : null,
    canManage: ctx.admin.covers(e.orgPath),
    checkinCount: e.checkinCount,
  };
}

async function memberOrgPath(ctx: MemberContext): Promise<string | null> {
  return (await memberOrg(ctx))?.path ?? null;
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

export const eventList = defineAction({
  name: 'event.list',
  input: eventListInput,
  auth: 'member',
  async handler(ctx, { when, scope, limit }) {
    const now = ctx.now();
    let rows: EventRow[];
    if (scope === 'manage') {
      ctx.admin.requireAny();
      rows = await ctx.store.events.listManaged(
        ctx.admin.orgs.map((o) => o.path),
        when,
        now,
        limit,
      );
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
    const e = await visibleEvent(ctx, p.eventId, false);
    requireCheckinable(e);

    // A second check-in (a retry, a double tap) answers with the first one.
    const existing = await ctx.store.events.checkinOf(e.id, ctx.member.id);
    if (existing) {
      if (existing.voided) throw checkinVoided();
      return { firstTime: false, checkedInAt: existing.checkedInAt, offline: existing.offline, points: e.points, distance: null };
    }

    let code: AcceptedCode;
    try {
      code = acceptCode(await signerOf(ctx.store), e.id, p.code, p.scannedAt, now.getTime());
    } catch (err) {
      // The store records a wrong code and says, in the same atomic step, whether the member had already
      // used up the allowance (then the answer is 429, whatever the code).
      if (isWrongCode(err) && !(await ctx.store.events.recordWrongCode(e.id, ctx.member.id, now, WRONG_CODE_WINDOW_MS, WRONG_CODE_LIMIT)))
        throw tooManyWrongCodes();
      throw err;
    }
    if (overWrongCodeLimit(await ctx.store.events.wrongCodeCount(e.id, ctx.member.id, now, WRONG_CODE_WINDOW_MS))) throw tooManyWrongCodes();
    requireInCheckinPeriod(e, code.at);
    const distance = checkLocation(e, p.location);

    const { kind, record } = await ctx.store.events.checkin(
      {
        eventId: e.id,
        memberId: ctx.member.id,
        orgId: ctx.member.orgId,
        at: now,
        scannedAt: p.scannedAt ? new Date(Date.parse(p.scannedAt)) : null,
        offline: code.offline,
        codeWindow: code.window,
        lat: p.location?.lat ?? null,
        lng: p.location?.lng ?? null,
        distance,
      },
      checkinAward(e, ctx.member.id, now),
    );
    if (record.voided) throw checkinVoided();
    return { firstTime: kind === 'created', checkedInAt: record.checkedInAt, offline: record.offline, points: e.points, distance };
  },
});

export const eventMyCheckins = defineAction({
  name: 'event.myCheckins',
  input: eventMyCheckinsInput,
  auth: 'member',
  async handler(ctx) {
    const rows = await ctx.store.events.myCheckins(ctx.member.id);
    return {
      items: rows.map((r) => ({
        eventId: r.eventId,
        title: r.title,
        checkedInAt: r.checkedInAt,
        scannedAt: r.scannedAt,
        offline: r.offline,
        voided: r.voided,
        points: r.points,
      })),
    };
  },
});

export const eventPublish = defineAction({
  name: 'event.admin.publish',
  input: eventPublishInput,
  auth: 'admin',
  async handler(ctx, p) {
    await requireAdminOrg(ctx, p.orgId);
    await requireCoverImage(ctx, p.cover);
    const { orgId, draft, ...fields } = p;
    const e = await ctx.store.events.create(eventInputOf(orgId, fields, !draft), ctx.member.id, ctx.now());
    if (!e) throw notFound('所选单位');
    return detail(ctx, e);
  },
});

export const eventUpdate = defineAction({
  name: 'event.admin.update',
  input: eventUpdateInput,
  auth: 'admin',
  async handler(ctx, p) {
    const e = await managedEvent(ctx, p.id);
    await requireCoverImage(ctx, p.cover);
    const { id, ...fields } = p;
    const updated = await ctx.store.events.update(id, eventInputOf(e.orgId, fields, e.published), ctx.now());
    if (!updated) throw notFound('活动');
    return detail(ctx, updated);
  },
});

export const eventSetPublished = defineAction({
  name: 'event.admin.setPublished',
  input: eventSetPublishedInput,
  auth: 'admin',
  async handler(ctx, { id, published }) {
    await managedEvent(ctx, id);
    const e = await ctx.store.events.setPublished(id, published, ctx.now());
    if (!e) throw notFound('活动');
    return detail(ctx, e);
  },
});

export const eventCode = defineAction({
  name: 'event.admin.code',
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
  name: 'event.admin.live',
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
  name: 'event.admin.voidCheckin',
  input: eventVoidInput,
  auth: 'admin',
  async handler(ctx, { checkinId, void: voided }) {
    const c = await ctx.store.events.checkinById(checkinId);
    if (!c) throw notFound('签到记录');
    const e = await managedEvent(ctx, c.eventId);
    requireVoidable(c);
    const now = ctx.now();
    if (!(await ctx.store.events.setVoided(checkinId, voided, ctx.member.id, now, voidAward(e, c, voided, now)))) throw notFound('签到记录');
    const row = (await ctx.store.events.checkins(e.id)).find((r) => r.id === checkinId)!;
    return checkinRow(row);
  },
});

export const eventStats = defineAction({
  name: 'event.admin.stats',
  input: eventIdInput,
  auth: 'admin',
  async handler(ctx, { id }) {
    const e = await managedEvent(ctx, id);
    return buildStats(e, await ctx.store.events.checkins(id), ctx.now());
  },
});

export const eventExport = defineAction({
  name: 'event.admin.export',
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
