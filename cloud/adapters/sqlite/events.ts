import { groupCommitOf } from './group-commit';
import crypto from 'node:crypto';
import { statementCache, type Db } from './db';
import { ledgerWriter } from './points';
import type { PointsAward } from '../../features/points/repo';
import type { CheckinListRow, CheckinRecord, EventInput, EventRepo, EventRow, NewCheckin } from '../../features/events/repo';
import { managedEventFilter, memberEventFilter, type EventFilter } from '../shared/events';

const BASE_COLUMNS = `
  e.id, e.org_id AS orgId, e.org_path AS orgPath, o.name AS orgName, o.level AS orgLevel, e.kind, e.type, e.title, e.cover, e.body,
  e.starts_at AS startsAt, e.ends_at AS endsAt, e.venue_name AS venueName, e.venue_address AS venueAddress,
  e.lat, e.lng, e.radius, e.checkin_opens_at AS checkinOpensAt, e.checkin_closes_at AS checkinClosesAt,
  e.location_required AS locationRequired, e.points, e.audience, e.published`;
const COUNT_COLUMNS = `
  (SELECT COUNT(*) FROM event_intents i WHERE i.event_id = e.id) AS intentCount,
  (SELECT COUNT(*) FROM event_checkins c WHERE c.event_id = e.id AND c.voided_at IS NULL) AS checkinCount`;
const EVENT_COLUMNS = `${BASE_COLUMNS}, ${COUNT_COLUMNS}`;
const FROM = 'FROM events e JOIN orgs o ON o.id = e.org_id';

const toEvent = (r: any): EventRow => ({ ...r, locationRequired: r.locationRequired === 1, published: r.published === 1 });
const CHECKIN_COLUMNS = `c.id, c.event_id AS eventId, c.member_id AS memberId, c.checked_in_at AS checkedInAt, c.scanned_at AS scannedAt,
  c.offline, c.voided_at IS NOT NULL AS voided`;
const toCheckin = <T extends { offline: unknown; voided: unknown }>(r: T) => ({ ...r, offline: r.offline === 1, voided: r.voided === 1 });

export function sqliteEventRepo(db: Db): EventRepo {
  let secret: Buffer | undefined;
  const byId = db.prepare(`SELECT ${EVENT_COLUMNS} ${FROM} WHERE e.id = ?`);
  // The check-in path needs no counts (they scan the event's check-ins).
  const byIdLight = db.prepare(`SELECT ${BASE_COLUMNS}, 0 AS intentCount, 0 AS checkinCount ${FROM} WHERE e.id = ?`);
  const fields = (i: EventInput) => ({
    org_id: i.orgId,
    kind: i.kind,
    type: i.type,
    title: i.title,
    cover: i.cover ?? null,
    body: i.body,
    starts_at: i.startsAt,
    ends_at: i.endsAt,
    venue_name: i.venueName,
    venue_address: i.venueAddress,
    lat: i.lat,
    lng: i.lng,
    radius: i.radius,
    checkin_opens_at: i.checkinOpensAt,
    checkin_closes_at: i.checkinClosesAt,
    location_required: i.locationRequired ? 1 : 0,
    points: i.points,
    audience: i.audience,
    published: i.published ? 1 : 0,
  });
  // The org's path is copied from its row: no row, nothing inserted.
  const insertEvent = db.prepare(`INSERT INTO events (org_id, org_path, kind, type, title, cover, body, starts_at, ends_at, venue_name, venue_address,
      lat, lng, radius, checkin_opens_at, checkin_closes_at, location_required, points, audience, published, created_by, created_at, updated_at)
    SELECT @org_id, o.path, @kind, @type, @title, @cover, @body, @starts_at, @ends_at, @venue_name, @venue_address,
      @lat, @lng, @radius, @checkin_opens_at, @checkin_closes_at, @location_required, @points, @audience, @published, @created_by, @at, @at
    FROM orgs o WHERE o.id = @org_id`);
  const updateEvent = db.prepare(`UPDATE events SET kind=@kind, type=@type, title=@title, cover=@cover, body=@body, starts_at=@starts_at, ends_at=@ends_at,
      venue_name=@venue_name, venue_address=@venue_address, lat=@lat, lng=@lng, radius=@radius, checkin_opens_at=@checkin_opens_at,
      checkin_closes_at=@checkin_closes_at, location_required=@location_required, points=@points, audience=@audience, updated_at=@at WHERE id=@id`);
  const get = (id: number): EventRow | undefined => {
    const r = byId.get(id);
    return r ? toEvent(r) : undefined;
  };

  const insertIntent = db.prepare('INSERT OR IGNORE INTO event_intents (event_id, member_id, created_at) VALUES (?, ?, ?)');
  const deleteIntent = db.prepare('DELETE FROM event_intents WHERE event_id = ? AND member_id = ?');
  const countIntent = db.prepare('SELECT COUNT(*) FROM event_intents WHERE event_id = ?').pluck();
  const hasIntent = db.prepare('SELECT 1 FROM event_intents WHERE event_id = ? AND member_id = ?').pluck();
  const setIntent = db.transaction((eventId: number, memberId: number, intend: boolean, at: string) => {
    if (intend) insertIntent.run(eventId, memberId, at);
    else deleteIntent.run(eventId, memberId);
    return { intending: intend, intentCount: countIntent.get(eventId) as number };
  });

  const insertCheckin =
    db.prepare(`INSERT INTO event_checkins (event_id, member_id, org_id, checked_in_at, scanned_at, offline, code_window, lat, lng, distance)
    VALUES (@eventId, @memberId, @orgId, @at, @scannedAt, @offline, @codeWindow, @lat, @lng, @distance)
    ON CONFLICT (event_id, member_id) DO NOTHING`);
  const checkinOf = db.prepare(`SELECT ${CHECKIN_COLUMNS} FROM event_checkins c WHERE c.event_id = ? AND c.member_id = ?`);
  const checkinById = db.prepare(`SELECT ${CHECKIN_COLUMNS} FROM event_checkins c WHERE c.id = ?`);
  const forgetLocations = db.prepare('UPDATE event_checkins SET lat = NULL, lng = NULL, distance = NULL WHERE member_id = ?');
  const inGroupCommit = groupCommitOf(db);
  const payPoints = ledgerWriter(db);
  // Runs inside the group commit's savepoint: the check-in row and its points commit together or not at all.
  const doCheckin = (c: NewCheckin, award: PointsAward | null) => {
    const created =
      insertCheckin.run({ ...c, at: c.at.toISOString(), scannedAt: c.scannedAt ? c.scannedAt.toISOString() : null, offline: c.offline ? 1 : 0 }).changes === 1;
    if (created && award) payPoints(award);
    return { kind: created ? ('created' as const) : ('duplicate' as const), record: toCheckin(checkinOf.get(c.eventId, c.memberId) as any) as CheckinRecord };
  };
  const voidStmt = db.prepare('UPDATE event_checkins SET voided_at = ?, voided_by = ? WHERE id = ? AND voided_at IS NULL');
  const restoreStmt = db.prepare('UPDATE event_checkins SET voided_at = NULL, voided_by = NULL WHERE id = ? AND voided_at IS NOT NULL');
  const setVoided = db.transaction((id: number, voided: boolean, by: number, at: Date, award: PointsAward | null) => {
    const changed = (voided ? voidStmt.run(at.toISOString(), by, id) : restoreStmt.run(id)).changes === 1;
    if (changed && award) payPoints(award);
    const r = checkinById.get(id);
    return r ? { record: toCheckin(r as any) as CheckinRecord, changed } : undefined;
  });

  // Wrong-code limit: one conditional INSERT decides and records together, so concurrent requests (in
  // this process or in another one on the same file, serialised by SQLite's write lock) cannot all
  // slip under the limit. Rows older than the window are pruned in the same IMMEDIATE transaction.
  // Only wrong codes write; a right code costs one indexed COUNT.
  const pruneAttempts = db.prepare('DELETE FROM event_code_attempts WHERE at_ms <= ?');
  const insertWrong = db.prepare(`INSERT INTO event_code_attempts (event_id, member_id, at_ms)
    SELECT @eventId, @memberId, @at
    WHERE (SELECT COUNT(*) FROM event_code_attempts WHERE member_id = @memberId AND event_id = @eventId AND at_ms > @since) < @limit`);
  const countWrong = db.prepare('SELECT COUNT(*) FROM event_code_attempts WHERE member_id = ? AND event_id = ? AND at_ms > ?').pluck();
  const recordWrong = db.transaction((eventId: number, memberId: number, at: number, windowMs: number, limit: number) => {
    pruneAttempts.run(at - windowMs);
    return insertWrong.run({ eventId, memberId, at, since: at - windowMs, limit }).changes === 1;
  });

  const cached = statementCache(db);
  const listed = (f: EventFilter, limit: number) =>
    cached(`SELECT ${EVENT_COLUMNS} ${FROM} WHERE ${f.where} ORDER BY ${f.order} LIMIT ?`)
      .all(...f.params, limit)
      .map(toEvent);

  return {
    async recordWrongCode(eventId, memberId, at, windowMs, limit) {
      return recordWrong.immediate(eventId, memberId, at.getTime(), windowMs, limit);
    },
    async wrongCodeCount(eventId, memberId, at, windowMs) {
      return countWrong.get(memberId, eventId, at.getTime() - windowMs) as number;
    },
    async codeSecret() {
      if (secret) return secret;
      db.prepare('INSERT OR IGNORE INTO event_keys (id, secret, created_at) VALUES (1, ?, ?)').run(crypto.randomBytes(32), new Date().toISOString());
      secret = db.prepare('SELECT secret FROM event_keys WHERE id = 1').pluck().get() as Buffer;
      return secret;
    },
    async create(input, createdBy, at) {
      const r = insertEvent.run({ ...fields(input), created_by: createdBy, at: at.toISOString() });
      return r.changes === 1 ? get(Number(r.lastInsertRowid)) : undefined;
    },
    async update(id, input, at) {
      updateEvent.run({ ...fields(input), id, at: at.toISOString() });
      return get(id);
    },
    async setPublished(id, published, at) {
      db.prepare('UPDATE events SET published = ?, updated_at = ? WHERE id = ?').run(published ? 1 : 0, at.toISOString(), id);
      return get(id);
    },
    async getById(id, opts) {
      const r = (opts?.counts === false ? byIdLight : byId).get(id);
      return r ? toEvent(r) : undefined;
    },
    async listForMember(q) {
      const f = memberEventFilter(q, 'substr(?, 1, length(e.org_path)) = e.org_path');
      return f ? listed(f, q.limit) : [];
    },
    async listManaged(paths, when, now, limit) {
      const f = managedEventFilter(paths, when, now);
      return f ? listed(f, limit) : [];
    },
    async setIntent(eventId, memberId, intend, at) {
      return setIntent(eventId, memberId, intend, at.toISOString());
    },
    async isIntending(eventId, memberId) {
      return hasIntent.get(eventId, memberId) === 1;
    },
    checkin(c, award) {
      // A hall checking in at once shares its commits: group-commit.ts.
      return inGroupCommit(() => doCheckin(c, award));
    },
    async checkinOf(eventId, memberId) {
      const r = checkinOf.get(eventId, memberId);
      return r ? (toCheckin(r as any) as CheckinRecord) : undefined;
    },
    async checkinById(id) {
      const r = checkinById.get(id);
      return r ? (toCheckin(r as any) as CheckinRecord) : undefined;
    },
    async setVoided(id, voided, by, at, award) {
      return setVoided(id, voided, by, at, award);
    },
    async myCheckins(memberId) {
      return db
        .prepare(
          `SELECT ${CHECKIN_COLUMNS}, e.title, e.points FROM event_checkins c JOIN events e ON e.id = c.event_id WHERE c.member_id = ? ORDER BY c.checked_in_at DESC LIMIT 500`,
        )
        .all(memberId)
        .map((r: any) => toCheckin(r)) as any;
    },
    async memberData(memberId) {
      const checkins = db
        .prepare(
          `SELECT e.title, c.checked_in_at AS checkedInAt, c.scanned_at AS scannedAt, c.offline, c.voided_at IS NOT NULL AS voided, c.lat, c.lng, c.distance
           FROM event_checkins c JOIN events e ON e.id = c.event_id WHERE c.member_id = ? ORDER BY c.checked_in_at DESC`,
        )
        .all(memberId)
        .map((r: any) => toCheckin(r)) as any;
      const intents = db
        .prepare(
          'SELECT e.title, e.starts_at AS startsAt, i.created_at AS createdAt FROM event_intents i JOIN events e ON e.id = i.event_id WHERE i.member_id = ? ORDER BY i.created_at DESC',
        )
        .all(memberId) as { title: string; startsAt: string; createdAt: string }[];
      return { checkins, intents };
    },
    async forgetMember(memberId) {
      // The schema's trigger does the same on DELETE; the MySQL adapter has only this.
      forgetLocations.run(memberId);
    },
    async checkins(eventId, opts = {}) {
      const conds = ['c.event_id = ?'];
      const params: unknown[] = [eventId];
      if (opts.offline !== undefined) conds.push(opts.offline ? 'c.offline = 1' : 'c.offline = 0');
      params.push(opts.limit ?? 100000);
      return db
        .prepare(
          `SELECT ${CHECKIN_COLUMNS}, m.nickname, m.real_name AS realName, m.phone, c.org_id AS orgId, o.name AS orgName
           FROM event_checkins c LEFT JOIN members m ON m.id = c.member_id LEFT JOIN orgs o ON o.id = c.org_id
           WHERE ${conds.join(' AND ')} ORDER BY c.checked_in_at DESC, c.id DESC LIMIT ?`,
        )
        .all(...params)
        .map((r: any) => toCheckin(r)) as CheckinListRow[];
    },
    async counts(eventId) {
      return db
        .prepare(
          `SELECT COUNT(*) FILTER (WHERE voided_at IS NULL) AS total, COUNT(*) FILTER (WHERE offline = 1 AND voided_at IS NULL) AS offline,
             COUNT(*) FILTER (WHERE voided_at IS NOT NULL) AS voided FROM event_checkins WHERE event_id = ?`,
        )
        .get(eventId) as { total: number; offline: number; voided: number };
    },
  };
}
