import crypto from 'node:crypto';
import type { MysqlDb, Sql } from './db';
import { payPoints } from './points';
import type { CheckinListRow, CheckinRecord, EventInput, EventRepo, EventRow } from '../../features/events/repo';
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
const CHECKIN_COLUMNS = `c.id, c.event_id AS eventId, c.member_id AS memberId, c.checked_in_at AS checkedInAt, c.scanned_at AS scannedAt,
  c.offline, c.voided_at IS NOT NULL AS voided`;

type Raw = Record<string, any>;
const num = (v: unknown): number => Number(v);
const toEvent = (r: Raw): EventRow => ({
  ...(r as EventRow),
  id: num(r.id),
  orgLevel: num(r.orgLevel),
  radius: num(r.radius),
  points: num(r.points),
  intentCount: num(r.intentCount),
  checkinCount: num(r.checkinCount),
  locationRequired: num(r.locationRequired) === 1,
  published: num(r.published) === 1,
});
const toCheckin = <T extends Raw>(r: T) => ({
  ...r,
  id: num(r.id),
  eventId: num(r.eventId),
  memberId: r.memberId === null ? null : num(r.memberId),
  offline: num(r.offline) === 1,
  voided: num(r.voided) === 1,
});

const fieldValues = (i: EventInput) => [
  i.kind,
  i.type,
  i.title,
  i.cover ?? null,
  i.body,
  i.startsAt,
  i.endsAt,
  i.venueName,
  i.venueAddress,
  i.lat,
  i.lng,
  i.radius,
  i.checkinOpensAt,
  i.checkinClosesAt,
  i.locationRequired ? 1 : 0,
  i.points,
  i.audience,
];

/** Times (ms) of wrong codes kept in a guard row, as stored: comma-separated. */
const parseTimes = (s: string | undefined): number[] => (s ? s.split(',').filter(Boolean).map(Number) : []);

export function mysqlEventRepo(db: MysqlDb): EventRepo {
  let secret: Buffer | undefined;
  const get = async (id: number, sql: Sql = db): Promise<EventRow | undefined> => {
    const r = await sql.row<Raw>(`SELECT ${EVENT_COLUMNS} ${FROM} WHERE e.id = ?`, [id]);
    return r ? toEvent(r) : undefined;
  };
  const checkinOf = async (eventId: number, memberId: number): Promise<CheckinRecord | undefined> => {
    const r = await db.row<Raw>(`SELECT ${CHECKIN_COLUMNS} FROM event_checkins c WHERE c.event_id = ? AND c.member_id = ?`, [eventId, memberId]);
    return r ? (toCheckin(r) as CheckinRecord) : undefined;
  };
  const checkinById = async (id: number): Promise<CheckinRecord | undefined> => {
    const r = await db.row<Raw>(`SELECT ${CHECKIN_COLUMNS} FROM event_checkins c WHERE c.id = ?`, [id]);
    return r ? (toCheckin(r) as CheckinRecord) : undefined;
  };

  const listed = async (f: EventFilter, limit: number) =>
    (await db.rows<Raw>(`SELECT ${EVENT_COLUMNS} ${FROM} WHERE ${f.where} ORDER BY ${f.order}, e.id LIMIT ?`, [...f.params, limit])).map(toEvent);

  return {
    async codeSecret() {
      if (secret) return secret;
      await db.insertUnique('INSERT INTO event_keys (id, secret, created_at) VALUES (1, ?, ?)', [crypto.randomBytes(32), new Date().toISOString()]);
      secret = Buffer.from((await db.value<Buffer>('SELECT secret FROM event_keys WHERE id = 1'))!);
      return secret;
    },
    async create(input, createdBy, at) {
      // The org's path is copied from its row: no row, nothing inserted.
      const r = await db.run(
        `INSERT INTO events (kind, type, title, cover, body, starts_at, ends_at, venue_name, venue_address, lat, lng, radius,
           checkin_opens_at, checkin_closes_at, location_required, points, audience, org_id, org_path, published, created_by, created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, o.id, o.path, ?, ?, ?, ? FROM orgs o WHERE o.id = ?`,
        [...fieldValues(input), input.published ? 1 : 0, createdBy, at.toISOString(), at.toISOString(), input.orgId],
      );
      return r.affected === 1 ? get(r.insertId) : undefined;
    },
    async update(id, input, at) {
      await db.run(
        `UPDATE events SET kind = ?, type = ?, title = ?, cover = ?, body = ?, starts_at = ?, ends_at = ?, venue_name = ?, venue_address = ?,
           lat = ?, lng = ?, radius = ?, checkin_opens_at = ?, checkin_closes_at = ?, location_required = ?, points = ?, audience = ?, updated_at = ?
         WHERE id = ?`,
        [...fieldValues(input), at.toISOString(), id],
      );
      return get(id);
    },
    async setPublished(id, published, at) {
      await db.run('UPDATE events SET published = ?, updated_at = ? WHERE id = ?', [published ? 1 : 0, at.toISOString(), id]);
      return get(id);
    },
    async getById(id, opts) {
      if (opts?.counts !== false) return get(id);
      // The check-in path needs no counts (they scan the event's check-ins).
      const r = await db.row<Raw>(`SELECT ${BASE_COLUMNS}, 0 AS intentCount, 0 AS checkinCount ${FROM} WHERE e.id = ?`, [id]);
      return r ? toEvent(r) : undefined;
    },
    async listForMember(q) {
      const f = memberEventFilter(q, 'SUBSTRING(?, 1, CHAR_LENGTH(e.org_path)) = e.org_path');
      return f ? listed(f, q.limit) : [];
    },
    async listManaged(paths, when, now, limit) {
      const f = managedEventFilter(paths, when, now);
      return f ? listed(f, limit) : [];
    },
    async setIntent(eventId, memberId, intend, at) {
      if (intend) await db.insertUnique('INSERT INTO event_intents (event_id, member_id, created_at) VALUES (?, ?, ?)', [eventId, memberId, at.toISOString()]);
      else await db.run('DELETE FROM event_intents WHERE event_id = ? AND member_id = ?', [eventId, memberId]);
      return { intending: intend, intentCount: num(await db.value('SELECT COUNT(*) FROM event_intents WHERE event_id = ?', [eventId])) };
    },
    async isIntending(eventId, memberId) {
      return (await db.row('SELECT 1 FROM event_intents WHERE event_id = ? AND member_id = ?', [eventId, memberId])) !== undefined;
    },
    async checkin(c, award) {
      // The UNIQUE (event, member) key decides, whichever host the request reached; the points row
      // commits with the check-in row or not at all.
      const created = await db.tx(async (sql) => {
        // One member's taps queue on their member row (by primary key), which payPoints locks anyway: taken
        // first, it is not upgraded from the foreign key's shared lock while another tap holds the same.
        await sql.run('SELECT id FROM members WHERE id = ? FOR UPDATE', [c.memberId]);
        const { inserted } = await sql.insertUnique(
          `INSERT INTO event_checkins (event_id, member_id, org_id, checked_in_at, scanned_at, offline, code_window, lat, lng, distance)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            c.eventId,
            c.memberId,
            c.orgId,
            c.at.toISOString(),
            c.scannedAt ? c.scannedAt.toISOString() : null,
            c.offline ? 1 : 0,
            c.codeWindow,
            c.lat,
            c.lng,
            c.distance,
          ],
        );
        if (inserted && award) await payPoints(sql, award);
        return inserted;
      });
      // Read after the commit: a duplicate's row is the one another transaction committed.
      return { kind: created ? 'created' : 'duplicate', record: (await checkinOf(c.eventId, c.memberId))! };
    },
    checkinOf,
    checkinById,
    async setVoided(id, voided, by, at, award) {
      const changed = await db.tx(async (sql) => {
        const r = voided
          ? await sql.run('UPDATE event_checkins SET voided_at = ?, voided_by = ? WHERE id = ? AND voided_at IS NULL', [at.toISOString(), by, id])
          : await sql.run('UPDATE event_checkins SET voided_at = NULL, voided_by = NULL WHERE id = ? AND voided_at IS NOT NULL', [id]);
        // affected counts matched rows: the WHERE held, so the state changed.
        if (r.affected === 1 && award) await payPoints(sql, award);
        return r.affected === 1;
      });
      const record = await checkinById(id);
      return record ? { record, changed } : undefined;
    },
    async myCheckins(memberId) {
      const rows = await db.rows<Raw>(
        `SELECT ${CHECKIN_COLUMNS}, e.title, e.points FROM event_checkins c JOIN events e ON e.id = c.event_id
         WHERE c.member_id = ? ORDER BY c.checked_in_at DESC, c.id DESC LIMIT 500`,
        [memberId],
      );
      return rows.map((r) => ({ ...(toCheckin(r) as CheckinRecord), title: r.title as string, points: num(r.points) }));
    },
    async memberData(memberId) {
      const checkins = (
        await db.rows<Raw>(
          `SELECT e.title, c.checked_in_at AS checkedInAt, c.scanned_at AS scannedAt, c.offline, c.voided_at IS NOT NULL AS voided, c.lat, c.lng, c.distance
           FROM event_checkins c JOIN events e ON e.id = c.event_id WHERE c.member_id = ? ORDER BY c.checked_in_at DESC, c.id DESC`,
          [memberId],
        )
      ).map((r) => ({
        title: r.title as string,
        checkedInAt: r.checkedInAt as string,
        scannedAt: r.scannedAt as string | null,
        offline: num(r.offline) === 1,
        voided: num(r.voided) === 1,
        lat: r.lat as number | null,
        lng: r.lng as number | null,
        distance: r.distance as number | null,
      }));
      const intents = await db.rows<{ title: string; startsAt: string; createdAt: string }>(
        `SELECT e.title, e.starts_at AS startsAt, i.created_at AS createdAt FROM event_intents i JOIN events e ON e.id = i.event_id
         WHERE i.member_id = ? ORDER BY i.created_at DESC, i.id DESC`,
        [memberId],
      );
      return { checkins, intents };
    },
    async forgetMember(memberId) {
      await db.run('UPDATE event_checkins SET lat = NULL, lng = NULL, distance = NULL WHERE member_id = ?', [memberId]);
    },
    async checkins(eventId, opts = {}) {
      const conds = ['c.event_id = ?'];
      const params: unknown[] = [eventId];
      if (opts.offline !== undefined) conds.push(opts.offline ? 'c.offline = 1' : 'c.offline = 0');
      params.push(opts.limit ?? 100000);
      const rows = await db.rows<Raw>(
        `SELECT ${CHECKIN_COLUMNS}, m.nickname, m.real_name AS realName, m.phone, c.org_id AS orgId, o.name AS orgName
         FROM event_checkins c LEFT JOIN members m ON m.id = c.member_id LEFT JOIN orgs o ON o.id = c.org_id
         WHERE ${conds.join(' AND ')} ORDER BY c.checked_in_at DESC, c.id DESC LIMIT ?`,
        params,
      );
      return rows.map((r) => toCheckin(r) as CheckinListRow);
    },
    async counts(eventId) {
      const r = (await db.row<Raw>(
        `SELECT COALESCE(SUM(voided_at IS NULL), 0) AS total, COALESCE(SUM(offline = 1 AND voided_at IS NULL), 0) AS offline,
           COALESCE(SUM(voided_at IS NOT NULL), 0) AS voided FROM event_checkins WHERE event_id = ?`,
        [eventId],
      ))!;
      return { total: num(r.total), offline: num(r.offline), voided: num(r.voided) };
    },
    async recordWrongCode(eventId, memberId, at, windowMs, limit) {
      // Several hosts: the member's guard row, locked by its primary key, serialises their wrong codes at
      // this event; inside the lock the times still in the window are counted and the new one added.
      const now = at.getTime();
      return db.tx(async (sql) => {
        await sql.run(`INSERT INTO event_code_guards (event_id, member_id, recent_ms) VALUES (?, ?, '') ON DUPLICATE KEY UPDATE event_id = event_id`, [
          eventId,
          memberId,
        ]);
        const stored = await sql.value<string>('SELECT recent_ms FROM event_code_guards WHERE event_id = ? AND member_id = ? FOR UPDATE', [eventId, memberId]);
        const recent = parseTimes(stored).filter((t) => t > now - windowMs);
        if (recent.length >= limit) return false;
        recent.push(now);
        await sql.run('UPDATE event_code_guards SET recent_ms = ? WHERE event_id = ? AND member_id = ?', [recent.join(','), eventId, memberId]);
        return true;
      });
    },
    async wrongCodeCount(eventId, memberId, at, windowMs) {
      const stored = await db.value<string>('SELECT recent_ms FROM event_code_guards WHERE event_id = ? AND member_id = ?', [eventId, memberId]);
      return parseTimes(stored).filter((t) => t > at.getTime() - windowMs).length;
    },
  };
}
