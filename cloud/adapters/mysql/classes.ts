import { isDuplicateKey, placeholders, pushTo, valueRows, valuesOf, type MysqlDb, type Sql, type TxSql } from './db';
import { asError, grouped } from './group';
import type { RegistrationStatus } from '../../contracts/classes';
import {
  REMINDER_KINDS,
  type CancelOutcome,
  type ClassFacts,
  type ClassPolicy,
  type ClassRepo,
  type ClassRow,
  type DueReminder,
  type MessageRow,
  type RegisterOutcome,
  type RegistrationRow,
  type SeatState,
  type UpdateOutcome,
} from '../../features/classes/repo';
import { payPoints } from './points';
import { classInsertValues, classPatchSets, INSERT_CLASS_SQL } from '../shared/classes';

const CLASS_COLUMNS = `c.id, c.org_id AS orgId, o.name AS orgName, o.level AS orgLevel, o.path AS orgPath, c.title, c.topic, c.teacher,
  c.description, c.venue_json AS venueJson, c.online_url AS onlineUrl, c.starts_at AS startsAt, c.ends_at AS endsAt,
  c.reg_opens_at AS regOpensAt, c.reg_closes_at AS regClosesAt, c.capacity, c.confirmed_count AS confirmedCount,
  c.waitlist_count AS waitlistCount, c.age_min AS ageMin, c.age_max AS ageMax, c.fields_json AS fieldsJson,
  c.cancel_hours AS cancelHours, c.waitlist_open AS waitlistOpen, c.created_at AS createdAt`;

// A waitlist position: the waitlisted registrations of the class up to this one in seq order (arrival under the class lock).
const REG_COLUMNS = `r.id, r.class_id AS classId, r.member_id AS memberId, r.status, r.code, r.name, r.child_age AS childAge,
  r.answers_json AS answersJson, r.created_at AS createdAt, r.confirmed_at AS confirmedAt, r.cancelled_at AS cancelledAt,
  r.attended_at AS attendedAt,
  CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) FROM class_registrations w
    WHERE w.class_id = r.class_id AND w.status = 'waitlisted' AND w.seq <= r.seq) END AS position`;

type Raw = Record<string, any>;

function toClass(r: Raw | undefined): ClassRow | undefined {
  if (!r) return undefined;
  const { venueJson, fieldsJson, ...rest } = r;
  return { ...rest, venue: venueJson ? JSON.parse(venueJson) : null, fields: JSON.parse(fieldsJson), waitlistOpen: Number(r.waitlistOpen) === 1 } as ClassRow;
}

function toReg(r: Raw | undefined): RegistrationRow | undefined {
  if (!r) return undefined;
  const { answersJson, ...rest } = r;
  return {
    ...rest,
    answers: JSON.parse(answersJson),
    position: r.position === null || r.position === undefined ? null : Number(r.position),
  } as RegistrationRow;
}

/** The class row, locked for the rest of the transaction (by primary key): every seat decision of a class queues here. */
type LockedClass = SeatState & ClassFacts & { nextSeq: number };
const LOCK_CLASS = `SELECT id AS classId, capacity, confirmed_count AS confirmed, waitlist_count AS waitlisted, waitlist_open AS waitlistOpen,
     title, starts_at AS startsAt, cancel_hours AS cancelHours, next_seq AS nextSeq
   FROM classes WHERE id = ? FOR UPDATE`;

function lockedClassOf(s: Raw | undefined): LockedClass | undefined {
  if (!s) return undefined;
  return {
    classId: Number(s.classId),
    capacity: Number(s.capacity),
    confirmed: Number(s.confirmed),
    waitlisted: Number(s.waitlisted),
    waitlistOpen: Number(s.waitlistOpen) === 1,
    title: s.title,
    startsAt: s.startsAt,
    cancelHours: s.cancelHours === null ? null : Number(s.cancelHours),
    nextSeq: Number(s.nextSeq),
  };
}

const lockClass = async (sql: Sql, classId: number) => lockedClassOf(await sql.row<Raw>(LOCK_CLASS, [classId]));

/** A call of `register`, as a registration group holds it. */
interface RegisterCall {
  classId: number;
  memberId: number;
  data: Parameters<ClassRepo['register']>[2];
  at: Date;
  policy: ClassPolicy;
}

export function mysqlClassRepo(db: MysqlDb): ClassRepo {
  // A WeChat subscribe message may only be sent for a template the member accepted: the row is written only then.
  const queueOutbox = async (sql: Sql, memberId: number, template: string, payload: unknown, at: string): Promise<boolean> => {
    const r = await sql.run(
      `INSERT INTO notification_outbox (member_id, channel, template, payload_json, created_at)
       SELECT member_id, 'wechat-subscribe', kind, ?, ? FROM class_subscriptions WHERE member_id = ? AND kind = ? AND accepted = 1`,
      [JSON.stringify(payload), at, memberId, template],
    );
    return r.affected === 1;
  };

  /** A promoted registration's reminders; a reminder it already has stays as it is. */
  const addReminders = async (sql: Sql, registrationId: number, startsAt: string, at: Date, policy: ClassPolicy) => {
    const reminders = policy.remindersFor(startsAt, at);
    if (!reminders.length) return;
    await sql.run(
      `INSERT INTO class_reminders (registration_id, kind, due_at) VALUES ${valueRows(reminders.length, 3)} ON DUPLICATE KEY UPDATE registration_id = registration_id`,
      valuesOf(reminders, (r) => [registrationId, r.kind, r.dueAt]),
    );
  };

  /** Under the class lock: confirms as many from the head of the waitlist (seq order) as the policy says, telling each. */
  const promote = async (sql: Sql, s: LockedClass, at: Date, policy: ClassPolicy): Promise<number[]> => {
    const due = policy.promotionsDue(s);
    if (due === 0) return [];
    const iso = at.toISOString();
    // A locking read: it sees the latest commits (a plain read may see the snapshot taken before the class lock
    // was granted, as on TiDB). Every writer of this class's queue holds the class lock first, so nobody waits here.
    const heads = await sql.rows<{ id: number; memberId: number | null }>(
      `SELECT id, member_id AS memberId FROM class_registrations WHERE class_id = ? AND status = 'waitlisted' ORDER BY seq LIMIT ? FOR UPDATE`,
      [s.classId, due],
    );
    for (const next of heads) {
      await sql.run(`UPDATE class_registrations SET status = 'confirmed', confirmed_at = ? WHERE id = ?`, [iso, next.id]);
      await addReminders(sql, next.id, s.startsAt, at, policy);
      if (next.memberId !== null) {
        const notice = policy.promotionNotice(s, next.id);
        await sql.run('INSERT INTO class_messages (member_id, kind, title, body, class_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
          next.memberId,
          'promoted',
          notice.message.title,
          notice.message.body,
          s.classId,
          iso,
        ]);
        await queueOutbox(sql, next.memberId, notice.outbox.template, notice.outbox.payload, iso);
      }
    }
    if (heads.length) {
      await sql.run('UPDATE classes SET confirmed_count = confirmed_count + ?, waitlist_count = waitlist_count - ? WHERE id = ?', [
        heads.length,
        heads.length,
        s.classId,
      ]);
      s.confirmed += heads.length;
      s.waitlisted -= heads.length;
    }
    return heads.map((h) => Number(h.id));
  };

  /** Under the class lock: gives back a seat or waitlist place; a freed seat goes to the head of the waitlist at once. */
  const release = async (
    sql: Sql,
    s: LockedClass,
    registrationId: number,
    status: 'confirmed' | 'waitlisted',
    at: Date,
    policy: ClassPolicy,
  ): Promise<number[]> => {
    await sql.run(`UPDATE class_registrations SET status = 'cancelled', cancelled_at = ?, active_member_id = NULL WHERE id = ?`, [
      at.toISOString(),
      registrationId,
    ]);
    if (status === 'waitlisted') {
      await sql.run('UPDATE classes SET waitlist_count = waitlist_count - 1 WHERE id = ?', [s.classId]);
      s.waitlisted--;
      return [];
    }
    await sql.run('UPDATE classes SET confirmed_count = confirmed_count - 1 WHERE id = ?', [s.classId]);
    s.confirmed--;
    return promote(sql, s, at, policy);
  };

  /**
   * One registration in a transaction of its own: a call that reaches the host alone, and a failed group's fallback.
   * A clash on a UNIQUE key (a ticket code taken already, or an active registration that the snapshot missed, as on
   * TiDB) runs it again, which draws another code or finds that registration.
   */
  async function registerAlone(call: RegisterCall): Promise<RegisterOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await db.tx((sql) => registerTogether(sql, [call])))[0];
      } catch (e) {
        if (!isDuplicateKey(e) || attempt >= 5) throw e;
      }
    }
  }

  /**
   * The registrations for one class that reach this host together share one transaction (registerTogether), so the
   * class row, which every registration of the class queues for, is held for two round trips per group, not per
   * registration. A group that fails (a ticket code drawn twice hits the UNIQUE key, say) registers its calls one by one.
   */
  const registerGroup = grouped<RegisterCall, RegisterOutcome>(
    async (calls) => {
      const byClass = new Map<number, RegisterCall[]>();
      for (const call of calls) pushTo(byClass, call.classId, call);
      const outcomes = new Map<RegisterCall, RegisterOutcome | Error>();
      const alone = (call: RegisterCall) => registerAlone(call).catch(asError);
      await Promise.all(
        [...byClass.values()].map(async (group) => {
          if (group.length === 1) return void outcomes.set(group[0], await alone(group[0]));
          try {
            const out = await db.tx((sql) => registerTogether(sql, group));
            group.forEach((call, i) => outcomes.set(call, out[i]));
          } catch (e) {
            if (!isDuplicateKey(e)) console.warn('[classes] a group of registrations failed and is registered one by one:', asError(e).message);
            for (const call of group) outcomes.set(call, await alone(call));
          }
        }),
      );
      return calls.map((call) => outcomes.get(call)!);
    },
    { inFlight: 1, maxGroup: 100, lingerMs: 1 },
  );

  /**
   * Registrations for one class: the class lock and the members' active registrations in one round trip (a read there
   * costs the queue nothing), the seats decided in call order by the feature's policy, then the inserts with the commit
   * in one more. An active registration committed since the read (or missed by an older snapshot, as on TiDB) is
   * refused by the UNIQUE key on active_member_id, which fails the whole transaction.
   */
  async function registerTogether(sql: TxSql, calls: readonly RegisterCall[]): Promise<RegisterOutcome[]> {
    const classId = calls[0].classId;
    const members = [...new Set(calls.map((c) => c.memberId))];
    const [locked, active] = await sql.batch([
      { sql: LOCK_CLASS, params: [classId] },
      {
        sql: `SELECT active_member_id AS memberId FROM class_registrations WHERE class_id = ? AND active_member_id IN (${placeholders(members.length)})`,
        params: [classId, ...members],
      },
    ]);
    const s = lockedClassOf(locked.rows[0]);
    if (!s) return calls.map(() => ({ kind: 'notFound' }));
    const holding = new Set(active.rows.map((r) => Number(r.memberId)));
    // A seat freed outside a cancel still belongs to the head of the waitlist.
    await promote(sql, s, calls[0].at, calls[0].policy);
    const outcomes: RegisterOutcome[] = [];
    /** The new registrations, each with its place in the class's arrival order. */
    const added: { seq: number; registration: RegistrationRow }[] = [];
    const reminders: { seq: number; kind: string; dueAt: string }[] = [];
    for (const { memberId, data, at, policy } of calls) {
      if (holding.has(memberId)) {
        outcomes.push({ kind: 'duplicate' });
        continue;
      }
      const status = policy.seatFor(s);
      if (status === 'full') {
        outcomes.push({ kind: 'full' });
        continue;
      }
      holding.add(memberId);
      const seq = ++s.nextSeq;
      if (status === 'confirmed') s.confirmed++;
      else s.waitlisted++;
      const iso = at.toISOString();
      const registration: RegistrationRow = {
        id: 0,
        classId,
        memberId,
        status,
        code: policy.newTicketCode(),
        name: data.name,
        childAge: data.childAge,
        answers: data.answers,
        createdAt: iso,
        confirmedAt: status === 'confirmed' ? iso : null,
        cancelledAt: null,
        attendedAt: null,
        // Every waitlisted registration of the class has a smaller seq: this one is the last in line.
        position: status === 'waitlisted' ? s.waitlisted : null,
      };
      if (status === 'confirmed') for (const r of policy.remindersFor(s.startsAt, at)) reminders.push({ seq, ...r });
      added.push({ seq, registration });
      outcomes.push({ kind: status, registration });
    }
    if (!added.length) return outcomes;
    const results = await sql.batchAndCommit([
      {
        sql: `INSERT INTO class_registrations (class_id, member_id, active_member_id, seq, status, code, name, child_age, answers_json, created_at, confirmed_at)
              VALUES ${valueRows(added.length, 11)}`,
        params: valuesOf(added, ({ seq, registration: r }) => [
          classId,
          r.memberId,
          r.memberId,
          seq,
          r.status,
          r.code,
          r.name,
          r.childAge,
          JSON.stringify(r.answers),
          r.createdAt,
          r.confirmedAt,
        ]),
      },
      // The counters as they stand under the lock, after the promotions and these seats.
      { sql: 'UPDATE classes SET next_seq = ?, confirmed_count = ?, waitlist_count = ? WHERE id = ?', params: [s.nextSeq, s.confirmed, s.waitlisted, classId] },
      // The new registrations by their seq in the class (a unique key): their reminders, and their ids. The rows read are
      // the ones this transaction inserted, so the read waits for no one and locks nothing more.
      ...(reminders.length
        ? [
            {
              sql: `INSERT INTO class_reminders (registration_id, kind, due_at)
                    SELECT r.id, v.kind, v.due_at FROM (${reminders.map(() => 'SELECT ? AS seq, ? AS kind, ? AS due_at').join(' UNION ALL ')}) v
                    JOIN class_registrations r ON r.class_id = ? AND r.seq = v.seq`,
              params: [...valuesOf(reminders, (r) => [r.seq, r.kind, r.dueAt]), classId],
            },
          ]
        : []),
      { sql: 'SELECT id, seq FROM class_registrations WHERE class_id = ? AND seq BETWEEN ? AND ?', params: [classId, added[0].seq, s.nextSeq] },
    ]);
    const idBySeq = new Map(results[results.length - 1].rows.map((r) => [Number(r.seq), Number(r.id)]));
    for (const { seq, registration } of added) registration.id = idBySeq.get(seq)!;
    return outcomes;
  }

  const regStatus = (sql: Sql, registrationId: number, lock: boolean) =>
    sql.row<{ status: RegistrationStatus; classId: number; memberId: number | null }>(
      `SELECT status, class_id AS classId, member_id AS memberId FROM class_registrations WHERE id = ?${lock ? ' FOR UPDATE' : ''}`,
      [registrationId],
    );

  return {
    async create(c, createdBy, at) {
      const r = await db.run(INSERT_CLASS_SQL, classInsertValues(c, createdBy, at));
      return r.insertId;
    },

    update(id, patch, at, policy) {
      return db.tx(async (sql): Promise<UpdateOutcome> => {
        const s = await lockClass(sql, id);
        if (!s) return { kind: 'notFound' };
        if (patch.capacity !== undefined && patch.capacity < s.confirmed) return { kind: 'belowConfirmed', confirmed: s.confirmed };
        const { sets, values } = classPatchSets(patch);
        await sql.run(`UPDATE classes SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`, [...values, at.toISOString(), id]);
        if (patch.capacity !== undefined) s.capacity = patch.capacity;
        if (patch.startsAt) {
          s.startsAt = patch.startsAt;
          for (const kind of REMINDER_KINDS) {
            await sql.run(
              `UPDATE class_reminders m JOIN class_registrations r ON r.id = m.registration_id SET m.due_at = ?
               WHERE r.class_id = ? AND m.kind = ? AND m.sent_at IS NULL`,
              [policy.reminderDueAt(kind, patch.startsAt), id, kind],
            );
          }
        }
        if (patch.title) s.title = patch.title;
        if (patch.waitlistOpen !== undefined) s.waitlistOpen = patch.waitlistOpen;
        return { kind: 'updated', promoted: await promote(sql, s, at, policy) };
      });
    },

    async get(id) {
      return toClass(await db.row<Raw>(`SELECT ${CLASS_COLUMNS} FROM classes c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?`, [id]));
    },

    async list({ from, topic }) {
      const rows = await db.rows<Raw>(
        `SELECT ${CLASS_COLUMNS} FROM classes c JOIN orgs o ON o.id = c.org_id
         WHERE (? IS NULL OR c.ends_at >= ?) AND (? IS NULL OR c.topic = ?) ORDER BY c.starts_at, c.id`,
        [from, from, topic ?? null, topic ?? null],
      );
      return rows.map((r) => toClass(r)!);
    },

    register: (classId, memberId, data, at, policy) => registerGroup({ classId, memberId, data, at, policy }),

    async cancel<R>(registrationId: number, memberId: number, at: Date, policy: ClassPolicy, refuse: (c: ClassFacts, status: RegistrationStatus) => R | null) {
      const first = await regStatus(db, registrationId, false);
      if (!first || first.memberId === null || Number(first.memberId) !== memberId) return { kind: 'notFound' } as CancelOutcome<R>;
      return db.tx(async (sql): Promise<CancelOutcome<R>> => {
        // Lock order everywhere: the class row, then its registrations.
        const s = (await lockClass(sql, first.classId))!;
        const r = (await regStatus(sql, registrationId, true))!;
        const refusal = refuse(s, r.status);
        if (refusal !== null) return { kind: 'refused', refusal };
        if (r.status === 'cancelled') return { kind: 'cancelled', promoted: null };
        return { kind: 'cancelled', promoted: (await release(sql, s, registrationId, r.status, at, policy))[0] ?? null };
      });
    },

    async registration(id) {
      return toReg(await db.row<Raw>(`SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.id = ?`, [id]));
    },
    async registrationByCode(classId, code) {
      return toReg(await db.row<Raw>(`SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.class_id = ? AND r.code = ?`, [classId, code]));
    },
    async ofMember(memberId) {
      return (
        await db.rows<Raw>(`SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.member_id = ? ORDER BY r.created_at DESC, r.id DESC`, [memberId])
      ).map((r) => toReg(r)!);
    },
    async activeOf(classId, memberId) {
      return toReg(await db.row<Raw>(`SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.class_id = ? AND r.active_member_id = ?`, [classId, memberId]));
    },
    async statusesOf(memberId) {
      const rows = await db.rows<{ classId: number; status: RegistrationStatus }>(
        `SELECT class_id AS classId, status FROM class_registrations WHERE member_id = ? AND status IN ('confirmed', 'waitlisted')`,
        [memberId],
      );
      return new Map(rows.map((r) => [Number(r.classId), r.status]));
    },
    async lastOf(memberId) {
      const r = await db.row<Raw>(
        `SELECT ${REG_COLUMNS}, c.fields_json AS fieldsJson FROM class_registrations r JOIN classes c ON c.id = r.class_id
         WHERE r.member_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
        [memberId],
      );
      if (!r) return undefined;
      const { fieldsJson, ...rest } = r;
      return { ...toReg(rest)!, fields: JSON.parse(fieldsJson) };
    },
    async roster(classId) {
      const rows = await db.rows<Raw>(
        `SELECT r.id, r.class_id AS classId, r.member_id AS memberId, r.status, r.code, r.name, r.child_age AS childAge,
           r.answers_json AS answersJson, r.created_at AS createdAt, r.confirmed_at AS confirmedAt, r.cancelled_at AS cancelledAt,
           r.attended_at AS attendedAt
         FROM class_registrations r WHERE r.class_id = ? ORDER BY r.seq`,
        [classId],
      );
      let rank = 0;
      return rows.map((r) => ({ ...toReg(r)!, position: r.status === 'waitlisted' ? ++rank : null }));
    },

    setAttended(registrationId, at, points) {
      // The attendance and the points it earns (or the reversal of an un-tick) commit together.
      return db.tx(async (sql) => {
        const { affected } = at
          ? await sql.run(
              `UPDATE class_registrations SET attended_at = ?, attend_seq = attend_seq + 1 WHERE id = ? AND status = 'confirmed' AND attended_at IS NULL`,
              [at.toISOString(), registrationId],
            )
          : await sql.run('UPDATE class_registrations SET attended_at = NULL WHERE id = ? AND attended_at IS NOT NULL', [registrationId]);
        const r = await sql.row<{ memberId: number | null; seq: number }>(
          'SELECT member_id AS memberId, attend_seq AS seq FROM class_registrations WHERE id = ? FOR UPDATE',
          [registrationId],
        );
        if (!r) return { changed: affected === 1, seq: 0 };
        const seq = Number(r.seq);
        const award = points({ registrationId, memberId: r.memberId === null ? null : Number(r.memberId), seq });
        if (award) await payPoints(sql, award);
        return { changed: affected === 1, seq };
      });
    },

    async messages(memberId, limit = 100) {
      const rows = await db.rows<MessageRow>(
        `SELECT id, member_id AS memberId, kind, title, body, class_id AS classId, created_at AS createdAt, read_at AS readAt
         FROM class_messages WHERE member_id = ? ORDER BY id DESC LIMIT ?`,
        [memberId, limit],
      );
      return rows.map((m) => ({ ...m, id: Number(m.id), memberId: Number(m.memberId), classId: m.classId === null ? null : Number(m.classId) }));
    },
    async addMessage(m) {
      await db.run('INSERT INTO class_messages (member_id, kind, title, body, class_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        m.memberId,
        m.kind,
        m.title,
        m.body,
        m.classId,
        m.createdAt,
      ]);
    },
    async markMessagesRead(memberId, at) {
      await db.run('UPDATE class_messages SET read_at = ? WHERE member_id = ? AND read_at IS NULL', [at.toISOString(), memberId]);
    },
    async dueReminders(now, limit = 500) {
      const iso = now.toISOString();
      const rows = await db.rows<Raw>(
        `SELECT m.id, m.kind, r.id AS registrationId, r.member_id AS memberId, c.id AS classId, c.title AS classTitle,
           c.starts_at AS startsAt, c.venue_json AS venueJson
         FROM class_reminders m JOIN class_registrations r ON r.id = m.registration_id JOIN classes c ON c.id = r.class_id
         WHERE m.sent_at IS NULL AND m.due_at <= ? AND r.status = 'confirmed' AND r.member_id IS NOT NULL AND c.starts_at > ?
         ORDER BY m.due_at, m.id LIMIT ?`,
        [iso, iso, limit],
      );
      return rows.map(({ venueJson, ...r }): DueReminder => ({
        id: Number(r.id),
        kind: r.kind,
        registrationId: Number(r.registrationId),
        memberId: Number(r.memberId),
        classId: Number(r.classId),
        classTitle: r.classTitle,
        startsAt: r.startsAt,
        venueName: venueJson ? (JSON.parse(venueJson).name ?? null) : null,
      }));
    },
    async claimReminder(id, at) {
      // Matched rows (CLIENT_FOUND_ROWS): 1 only for the delivery that found it still unsent.
      return (await db.run('UPDATE class_reminders SET sent_at = ? WHERE id = ? AND sent_at IS NULL', [at.toISOString(), id])).affected === 1;
    },
    addOutbox(memberId, template, payload, at) {
      return queueOutbox(db, memberId, template, payload, at.toISOString());
    },
    async setSubscriptions(memberId, decisions, at) {
      const iso = at.toISOString();
      await db.tx(async (sql) => {
        for (const d of decisions) {
          const accepted = d.accepted ? 1 : 0;
          await sql.run(
            `INSERT INTO class_subscriptions (member_id, kind, template_id, accepted, decided_at) VALUES (?, ?, ?, ?, ?)
             ON DUPLICATE KEY UPDATE template_id = ?, accepted = ?, decided_at = ?`,
            [memberId, d.kind, d.templateId, accepted, iso, d.templateId, accepted, iso],
          );
        }
      });
    },
    async subscriptions(memberId) {
      const rows = await db.rows<Raw>(
        'SELECT kind, template_id AS templateId, accepted, decided_at AS decidedAt FROM class_subscriptions WHERE member_id = ? ORDER BY kind',
        [memberId],
      );
      return rows.map((r) => ({ kind: r.kind, templateId: r.templateId, accepted: Number(r.accepted) === 1, decidedAt: r.decidedAt }));
    },

    async releaseMember(memberId, at, policy) {
      const iso = at.toISOString();
      const held = await db.rows<{ id: number; classId: number }>(
        `SELECT r.id, r.class_id AS classId FROM class_registrations r WHERE r.member_id = ? AND r.status IN ('confirmed', 'waitlisted') ORDER BY r.class_id, r.id`,
        [memberId],
      );
      if (held.length === 0) return [];
      return db.tx(async (sql) => {
        const out: { registrationId: number; classId: number; promoted: number[] }[] = [];
        // Classes locked in id order, so two releases never wait on each other in a circle.
        for (const h of held) {
          const s = (await lockClass(sql, Number(h.classId)))!;
          const r = await regStatus(sql, Number(h.id), true);
          if (!r || (r.status !== 'confirmed' && r.status !== 'waitlisted')) continue;
          if (Date.parse(s.startsAt) > at.getTime()) {
            out.push({ registrationId: Number(h.id), classId: s.classId, promoted: await release(sql, s, Number(h.id), r.status, at, policy) });
          } else {
            // A class already running keeps the seat empty (no promotion after the start). The row goes with the
            // member's account (ON DELETE CASCADE); with no triggers here, its seat leaves the counters now.
            const confirmed = r.status === 'confirmed' ? 1 : 0;
            await sql.run('UPDATE classes SET confirmed_count = confirmed_count - ?, waitlist_count = waitlist_count - ? WHERE id = ?', [
              confirmed,
              1 - confirmed,
              s.classId,
            ]);
            await sql.run(`UPDATE class_registrations SET status = 'cancelled', cancelled_at = ?, active_member_id = NULL WHERE id = ?`, [iso, Number(h.id)]);
          }
        }
        return out;
      });
    },

    async outbox(memberId) {
      const rows = await db.rows<Raw>(
        'SELECT template, payload_json AS payloadJson, created_at AS createdAt FROM notification_outbox WHERE member_id = ? ORDER BY id',
        [memberId],
      );
      return rows.map((r) => ({ template: r.template, payload: JSON.parse(r.payloadJson), createdAt: r.createdAt }));
    },
  };
}
