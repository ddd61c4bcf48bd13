import { groupCommitOf } from './group-commit';
import { statementCache, type Db } from './db';
import { ledgerWriter } from './points';
import type {
  CancelOutcome,
  ClassFacts,
  ClassInput,
  ClassPatch,
  ClassPolicy,
  ClassRepo,
  ClassRow,
  DueReminder,
  MessageRow,
  RegisterOutcome,
  RegistrationRow,
  SeatState,
} from '../../features/classes/repo';
import { REMINDER_KINDS } from '../../features/classes/repo';
import type { RegistrationStatus } from '../../contracts/classes';
import { classInsertValues, classPatchSets, INSERT_CLASS_SQL } from '../shared/classes';

const CLASS_COLUMNS = `c.id, c.org_id AS orgId, o.name AS orgName, o.level AS orgLevel, o.path AS orgPath, c.title, c.topic, c.teacher,
  c.description, c.venue_json AS venueJson, c.online_url AS onlineUrl, c.starts_at AS startsAt, c.ends_at AS endsAt,
  c.reg_opens_at AS regOpensAt, c.reg_closes_at AS regClosesAt, c.capacity, c.confirmed_count AS confirmedCount,
  c.waitlist_count AS waitlistCount,
  c.age_min AS ageMin, c.age_max AS ageMax, c.fields_json AS fieldsJson, c.cancel_hours AS cancelHours,
  c.waitlist_open AS waitlistOpen, c.created_at AS createdAt`;

const REG_COLUMNS = `r.id, r.class_id AS classId, r.member_id AS memberId, r.status, r.code, r.name, r.child_age AS childAge,
  r.answers_json AS answersJson, r.created_at AS createdAt, r.confirmed_at AS confirmedAt, r.cancelled_at AS cancelledAt,
  r.attended_at AS attendedAt,
  CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) FROM class_registrations w
    WHERE w.class_id = r.class_id AND w.status = 'waitlisted' AND w.id <= r.id) END AS position`;

type Raw = Record<string, any>;

/** Parsed venue/fields per class, reused while their JSON text is unchanged (a burst reads the same class 2,000 times). */
const parsedJson = new Map<string, unknown>();
function parseCached<T>(json: string): T {
  let v = parsedJson.get(json);
  if (v === undefined) {
    if (parsedJson.size > 2000) parsedJson.clear();
    v = JSON.parse(json);
    parsedJson.set(json, v);
  }
  return v as T;
}

function toClass(r: Raw | undefined): ClassRow | undefined {
  if (!r) return undefined;
  const { venueJson, fieldsJson, ...rest } = r;
  // Shared read-only objects: nothing downstream mutates a class's venue or form definition.
  return { ...rest, venue: venueJson ? parseCached(venueJson) : null, fields: parseCached(fieldsJson), waitlistOpen: r.waitlistOpen === 1 } as ClassRow;
}

function toReg(r: Raw | undefined): RegistrationRow | undefined {
  if (!r) return undefined;
  const { answersJson, ...rest } = r;
  return { ...rest, answers: JSON.parse(answersJson), position: r.position ?? null } as RegistrationRow;
}

/** The class row's seat counters and the facts the rules need, as read in the transaction. */
type ClassState = SeatState & ClassFacts;

export function sqliteClassRepo(db: Db): ClassRepo {
  const classById = db.prepare(`SELECT ${CLASS_COLUMNS} FROM classes c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?`);
  const regById = db.prepare(`SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.id = ?`);
  const activeReg = db.prepare(`SELECT id FROM class_registrations WHERE class_id = ? AND member_id = ? AND status IN ('confirmed', 'waitlisted')`).pluck();
  const bumpCounts = db.prepare('UPDATE classes SET confirmed_count = confirmed_count + ?, waitlist_count = waitlist_count + ? WHERE id = ?');
  const classStateStmt = db.prepare(
    `SELECT id AS classId, capacity, confirmed_count AS confirmed, waitlist_count AS waitlisted, waitlist_open AS waitlistOpen, title,
       starts_at AS startsAt, cancel_hours AS cancelHours FROM classes WHERE id = ?`,
  );
  const classState = (classId: number): ClassState | undefined => {
    const s = classStateStmt.get(classId) as (Omit<ClassState, 'waitlistOpen'> & { waitlistOpen: number }) | undefined;
    return s && { ...s, waitlistOpen: s.waitlistOpen === 1 };
  };
  const codeTaken = db.prepare('SELECT 1 FROM class_registrations WHERE code = ?').pluck();
  const insertReg = db.prepare(
    `INSERT INTO class_registrations (class_id, member_id, status, code, name, child_age, answers_json, created_at, confirmed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReminder = db.prepare('INSERT OR IGNORE INTO class_reminders (registration_id, kind, due_at) VALUES (?, ?, ?)');
  const headOfWaitlist = db.prepare(
    `SELECT id, member_id AS memberId FROM class_registrations WHERE class_id = ? AND status = 'waitlisted' ORDER BY id LIMIT ?`,
  );
  const confirmReg = db.prepare(`UPDATE class_registrations SET status = 'confirmed', confirmed_at = ? WHERE id = ? AND status = 'waitlisted'`);
  const insertMessage = db.prepare('INSERT INTO class_messages (member_id, kind, title, body, class_id, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  // A WeChat subscribe message may only be sent for a template the member accepted: the row is written only then.
  const insertOutbox = db.prepare(
    `INSERT INTO notification_outbox (member_id, channel, template, payload_json, created_at)
     SELECT @memberId, 'wechat-subscribe', @template, @payload, @at
     WHERE EXISTS (SELECT 1 FROM class_subscriptions WHERE member_id = @memberId AND kind = @template AND accepted = 1)`,
  );
  const queueOutbox = (memberId: number, template: string, payload: unknown, at: string) =>
    insertOutbox.run({ memberId, template, payload: JSON.stringify(payload), at }).changes === 1;
  const cancelReg = db.prepare(`UPDATE class_registrations SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status IN ('confirmed', 'waitlisted')`);
  const regStatus = db.prepare('SELECT status, class_id AS classId, member_id AS memberId FROM class_registrations WHERE id = ?');
  const moveReminders = db.prepare(
    `UPDATE class_reminders SET due_at = ? WHERE kind = ? AND sent_at IS NULL AND registration_id IN (SELECT id FROM class_registrations WHERE class_id = ?)`,
  );
  const statement = statementCache(db);

  const addReminders = (registrationId: number, startsAt: string, at: Date, policy: ClassPolicy) => {
    for (const r of policy.remindersFor(startsAt, at)) insertReminder.run(registrationId, r.kind, r.dueAt);
  };

  /** Inside a transaction: confirms as many from the head of the waitlist as the policy says, telling each. */
  const promote = (s: ClassState, at: Date, policy: ClassPolicy): number[] => {
    const due = policy.promotionsDue(s);
    if (due === 0) return [];
    const iso = at.toISOString();
    const heads = headOfWaitlist.all(s.classId, due) as { id: number; memberId: number | null }[];
    for (const next of heads) {
      confirmReg.run(iso, next.id);
      addReminders(next.id, s.startsAt, at, policy);
      if (next.memberId !== null) {
        const notice = policy.promotionNotice(s, next.id);
        insertMessage.run(next.memberId, 'promoted', notice.message.title, notice.message.body, s.classId, iso);
        queueOutbox(next.memberId, notice.outbox.template, notice.outbox.payload, iso);
      }
    }
    bumpCounts.run(heads.length, -heads.length, s.classId);
    return heads.map((h) => h.id);
  };

  const registerTx = (
    classId: number,
    memberId: number,
    name: string,
    childAge: number | null,
    answers: Record<string, string | number>,
    at: Date,
    policy: ClassPolicy,
  ): RegisterOutcome => {
    if (activeReg.get(classId, memberId) !== undefined) return { kind: 'duplicate' };
    let s = classState(classId);
    if (!s) return { kind: 'notFound' };
    // A seat freed outside a cancel (a member's account deleted while the class was running) still belongs to the head of the waitlist.
    if (promote(s, at, policy).length) s = classState(classId)!;
    const status = policy.seatFor(s);
    if (status === 'full') return { kind: 'full' };
    let code = policy.newTicketCode();
    while (codeTaken.get(code) !== undefined) code = policy.newTicketCode();
    const iso = at.toISOString();
    const confirmedAt = status === 'confirmed' ? iso : null;
    const id = Number(insertReg.run(classId, memberId, status, code, name, childAge, JSON.stringify(answers), iso, confirmedAt).lastInsertRowid);
    if (status === 'confirmed') {
      bumpCounts.run(1, 0, classId);
      addReminders(id, s.startsAt, at, policy);
    } else {
      bumpCounts.run(0, 1, classId);
    }
    // The row just written, without reading it back. A new waitlisted registration is the last in line:
    // its position is the new waitlist length.
    const registration: RegistrationRow = {
      id,
      classId,
      memberId,
      status,
      code,
      name,
      childAge,
      answers,
      createdAt: iso,
      confirmedAt,
      cancelledAt: null,
      attendedAt: null,
      position: status === 'waitlisted' ? s.waitlisted + 1 : null,
    };
    return { kind: status, registration };
  };

  // Registrations of a burst share their commits (group-commit.ts); each is still decided alone, in arrival order.
  const inGroupCommit = groupCommitOf(db);

  /** Gives back a seat or waitlist place; a freed seat goes to the head of the waitlist at once. */
  const release = (registrationId: number, status: 'confirmed' | 'waitlisted', classId: number, at: Date, policy: ClassPolicy): number[] => {
    cancelReg.run(at.toISOString(), registrationId);
    if (status === 'waitlisted') {
      bumpCounts.run(0, -1, classId);
      return [];
    }
    bumpCounts.run(-1, 0, classId);
    return promote(classState(classId)!, at, policy);
  };

  const cancelTx = db.transaction(
    (
      registrationId: number,
      memberId: number,
      at: Date,
      policy: ClassPolicy,
      refuse: (c: ClassFacts, status: RegistrationStatus) => unknown,
    ): CancelOutcome<unknown> => {
      const r = regStatus.get(registrationId) as { status: RegistrationStatus; classId: number; memberId: number | null } | undefined;
      if (!r || r.memberId !== memberId) return { kind: 'notFound' };
      const refusal = refuse(classState(r.classId)!, r.status);
      if (refusal !== null) return { kind: 'refused', refusal };
      if (r.status === 'cancelled') return { kind: 'cancelled', promoted: null }; // the rule let it through: nothing to give back
      return { kind: 'cancelled', promoted: release(registrationId, r.status, r.classId, at, policy)[0] ?? null };
    },
  );

  const updateTx = db.transaction((id: number, patch: ClassPatch, at: Date, policy: ClassPolicy) => {
    const s = classState(id);
    if (!s) return { kind: 'notFound' as const };
    if (patch.capacity !== undefined && patch.capacity < s.confirmed) return { kind: 'belowConfirmed' as const, confirmed: s.confirmed };
    const { sets, values } = classPatchSets(patch);
    statement(`UPDATE classes SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...values, at.toISOString(), id);
    if (patch.startsAt) for (const kind of REMINDER_KINDS) moveReminders.run(policy.reminderDueAt(kind, patch.startsAt), kind, id);
    return { kind: 'updated' as const, promoted: promote(classState(id)!, at, policy) };
  });

  const insertClass = db.prepare(INSERT_CLASS_SQL);
  const listStmt = db.prepare(`SELECT ${CLASS_COLUMNS} FROM classes c JOIN orgs o ON o.id = c.org_id
    WHERE (@from IS NULL OR c.ends_at >= @from) AND (@topic IS NULL OR c.topic = @topic) ORDER BY c.starts_at, c.id`);
  const ofMemberStmt = db.prepare(`SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.member_id = ? ORDER BY r.id DESC`);
  const activeOfStmt = db.prepare(
    `SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.class_id = ? AND r.member_id = ? AND r.status IN ('confirmed', 'waitlisted')`,
  );
  const statusesStmt = db.prepare(`SELECT class_id AS classId, status FROM class_registrations WHERE member_id = ? AND status IN ('confirmed', 'waitlisted')`);
  const lastStmt = db.prepare(
    `SELECT ${REG_COLUMNS}, c.fields_json AS fieldsJson FROM class_registrations r JOIN classes c ON c.id = r.class_id WHERE r.member_id = ? ORDER BY r.id DESC LIMIT 1`,
  );
  const rosterStmt = db.prepare(`SELECT r.id, r.class_id AS classId, r.member_id AS memberId, r.status, r.code, r.name, r.child_age AS childAge,
    r.answers_json AS answersJson, r.created_at AS createdAt, r.confirmed_at AS confirmedAt, r.cancelled_at AS cancelledAt, r.attended_at AS attendedAt
    FROM class_registrations r WHERE r.class_id = ? ORDER BY r.id`);
  const byCodeStmt = db.prepare(`SELECT ${REG_COLUMNS} FROM class_registrations r WHERE r.class_id = ? AND r.code = ?`);
  const attendStmt = db.prepare(
    `UPDATE class_registrations SET attended_at = ?, attend_seq = attend_seq + 1 WHERE id = ? AND status = 'confirmed' AND attended_at IS NULL`,
  );
  const unattendStmt = db.prepare(`UPDATE class_registrations SET attended_at = NULL WHERE id = ? AND attended_at IS NOT NULL`);
  const attendState = db.prepare('SELECT member_id AS memberId, attend_seq AS seq FROM class_registrations WHERE id = ?');
  const payPoints = ledgerWriter(db);
  // The attendance and the points it earns (or the reversal of an un-tick) commit together.
  const setAttendedTx = db.transaction((registrationId: number, at: string | null, points: Parameters<ClassRepo['setAttended']>[2]) => {
    const changed = (at ? attendStmt.run(at, registrationId) : unattendStmt.run(registrationId)).changes === 1;
    const r = attendState.get(registrationId) as { memberId: number | null; seq: number } | undefined;
    if (!r) return { changed, seq: 0 };
    const award = points({ registrationId, memberId: r.memberId, seq: r.seq });
    if (award) payPoints(award);
    return { changed, seq: r.seq };
  });
  const upsertSubscription = db.prepare(
    `INSERT INTO class_subscriptions (member_id, kind, template_id, accepted, decided_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(member_id, kind) DO UPDATE SET template_id = excluded.template_id, accepted = excluded.accepted, decided_at = excluded.decided_at`,
  );
  const setSubscriptionsTx = db.transaction((memberId: number, decisions: { kind: string; templateId: string; accepted: boolean }[], at: string) => {
    for (const d of decisions) upsertSubscription.run(memberId, d.kind, d.templateId, d.accepted ? 1 : 0, at);
  });
  const subscriptionsStmt = db.prepare(
    'SELECT kind, template_id AS templateId, accepted, decided_at AS decidedAt FROM class_subscriptions WHERE member_id = ? ORDER BY kind',
  );
  const activeUpcomingOf = db.prepare(
    `SELECT r.id, r.class_id AS classId, r.status FROM class_registrations r JOIN classes c ON c.id = r.class_id
     WHERE r.member_id = ? AND r.status IN ('confirmed', 'waitlisted') AND c.starts_at > ? ORDER BY r.id`,
  );
  /** One transaction: gives back every seat and waitlist place the member holds in classes not yet started, promoting at once. */
  const releaseTx = db.transaction((memberId: number, at: Date, policy: ClassPolicy) => {
    const out: { registrationId: number; classId: number; promoted: number[] }[] = [];
    for (const r of activeUpcomingOf.all(memberId, at.toISOString()) as { id: number; classId: number; status: 'confirmed' | 'waitlisted' }[]) {
      out.push({ registrationId: r.id, classId: r.classId, promoted: release(r.id, r.status, r.classId, at, policy) });
    }
    return out;
  });
  const messagesStmt = db.prepare(`SELECT id, member_id AS memberId, kind, title, body, class_id AS classId, created_at AS createdAt, read_at AS readAt
    FROM class_messages WHERE member_id = ? ORDER BY id DESC LIMIT ?`);
  const readStmt = db.prepare('UPDATE class_messages SET read_at = ? WHERE member_id = ? AND read_at IS NULL');
  const dueStmt = db.prepare(`SELECT m.id, m.kind, r.id AS registrationId, r.member_id AS memberId, c.id AS classId, c.title AS classTitle,
      c.starts_at AS startsAt, json_extract(c.venue_json, '$.name') AS venueName
    FROM class_reminders m JOIN class_registrations r ON r.id = m.registration_id JOIN classes c ON c.id = r.class_id
    WHERE m.sent_at IS NULL AND m.due_at <= @now AND r.status = 'confirmed' AND r.member_id IS NOT NULL AND c.starts_at > @now
    ORDER BY m.due_at LIMIT @limit`);
  const claimStmt = db.prepare('UPDATE class_reminders SET sent_at = ? WHERE id = ? AND sent_at IS NULL');
  const outboxStmt = db.prepare(
    'SELECT template, payload_json AS payloadJson, created_at AS createdAt FROM notification_outbox WHERE member_id = ? ORDER BY id',
  );

  return {
    async create(c: ClassInput, createdBy, at) {
      const r = insertClass.run(...classInsertValues(c, createdBy, at));
      return Number(r.lastInsertRowid);
    },
    async update(id, patch, at, policy) {
      return updateTx(id, patch, at, policy);
    },
    async get(id) {
      return toClass(classById.get(id) as Raw);
    },
    async list({ from, topic }) {
      return (listStmt.all({ from, topic: topic ?? null }) as Raw[]).map((r) => toClass(r)!);
    },
    register(classId, memberId, data, at, policy) {
      return inGroupCommit(() => registerTx(classId, memberId, data.name, data.childAge, data.answers, at, policy));
    },
    async cancel<R>(registrationId: number, memberId: number, at: Date, policy: ClassPolicy, refuse: (c: ClassFacts, status: RegistrationStatus) => R | null) {
      return cancelTx(registrationId, memberId, at, policy, refuse) as CancelOutcome<R>;
    },
    async registration(id) {
      return toReg(regById.get(id) as Raw);
    },
    async registrationByCode(classId, code) {
      return toReg(byCodeStmt.get(classId, code) as Raw);
    },
    async ofMember(memberId) {
      return (ofMemberStmt.all(memberId) as Raw[]).map((r) => toReg(r)!);
    },
    async activeOf(classId, memberId) {
      return toReg(activeOfStmt.get(classId, memberId) as Raw);
    },
    async statusesOf(memberId) {
      return new Map((statusesStmt.all(memberId) as { classId: number; status: RegistrationStatus }[]).map((r) => [r.classId, r.status]));
    },
    async lastOf(memberId) {
      const r = lastStmt.get(memberId) as Raw | undefined;
      if (!r) return undefined;
      const { fieldsJson, ...rest } = r;
      return { ...toReg(rest)!, fields: JSON.parse(fieldsJson) };
    },
    async roster(classId) {
      let rank = 0;
      return (rosterStmt.all(classId) as Raw[]).map((r) => ({ ...toReg(r)!, position: r.status === 'waitlisted' ? ++rank : null }));
    },
    async setAttended(registrationId, at, points) {
      return setAttendedTx(registrationId, at ? at.toISOString() : null, points);
    },
    async messages(memberId, limit = 100) {
      return messagesStmt.all(memberId, limit) as MessageRow[];
    },
    async addMessage(m) {
      insertMessage.run(m.memberId, m.kind, m.title, m.body, m.classId, m.createdAt);
    },
    async markMessagesRead(memberId, at) {
      readStmt.run(at.toISOString(), memberId);
    },
    async dueReminders(now, limit = 500) {
      return dueStmt.all({ now: now.toISOString(), limit }) as DueReminder[];
    },
    async claimReminder(id, at) {
      return claimStmt.run(at.toISOString(), id).changes === 1;
    },
    async addOutbox(memberId, template, payload, at) {
      return queueOutbox(memberId, template, payload, at.toISOString());
    },
    async setSubscriptions(memberId, decisions, at) {
      setSubscriptionsTx(memberId, decisions, at.toISOString());
    },
    async subscriptions(memberId) {
      return (subscriptionsStmt.all(memberId) as Raw[]).map((r) => ({
        kind: r.kind,
        templateId: r.templateId,
        accepted: r.accepted === 1,
        decidedAt: r.decidedAt,
      }));
    },
    async releaseMember(memberId, at, policy) {
      return releaseTx(memberId, at, policy);
    },
    async outbox(memberId) {
      return (outboxStmt.all(memberId) as Raw[]).map((r) => ({ template: r.template, payload: JSON.parse(r.payloadJson), createdAt: r.createdAt }));
    },
  };
}
