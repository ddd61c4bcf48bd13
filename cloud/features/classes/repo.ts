import type { ClassPublishFields, FormField, RegistrationStatus } from '../../contracts/classes';
import type { PointsAward } from '../points/repo';

export interface ClassRow extends ClassPublishFields {
  id: number;
  orgName: string;
  orgLevel: number;
  orgPath: string;
  confirmedCount: number;
  waitlistCount: number;
  createdAt: string;
}

export type ClassInput = ClassPublishFields;
export type ClassPatch = Partial<Omit<ClassInput, 'orgId'>>;

export interface RegistrationRow {
  id: number;
  classId: number;
  memberId: number | null;
  status: RegistrationStatus;
  code: string;
  name: string;
  childAge: number | null;
  answers: Record<string, string | number>;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  attendedAt: string | null;
  /** 1-based rank among the class's waitlisted registrations, null unless waitlisted. */
  position: number | null;
}

export type RegisterOutcome =
  { kind: 'confirmed' | 'waitlisted'; registration: RegistrationRow } | { kind: 'full' } | { kind: 'duplicate' } | { kind: 'notFound' };

/** A class's seat counters, as read under its lock. */
export interface SeatState {
  capacity: number;
  confirmed: number;
  waitlisted: number;
  waitlistOpen: boolean;
}

/** The facts of a class the rules applied under its lock need. */
export interface ClassFacts {
  classId: number;
  title: string;
  startsAt: string;
  cancelHours: number | null;
}

export type SeatDecision = 'confirmed' | 'waitlisted' | 'full';
/** The reminders a confirmed seat gets (their timing is the feature's REMINDER_SCHEDULE). */
export const REMINDER_KINDS = ['24h', '1h'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** What a promoted member is told: always an in-app message; a WeChat notice only if they accepted its template. */
export interface PromotionNotice {
  message: { title: string; body: string };
  outbox: { template: string; payload: unknown };
}

/**
 * The feature's rules an adapter applies inside its atomic steps, where the decision must be taken under the
 * class lock (cloud/features/classes/rules.ts classPolicy). Adapters never hard-code them.
 */
export interface ClassPolicy {
  seatFor(s: SeatState): SeatDecision;
  /** How many registrations to confirm now from the head of the waitlist (arrival order). */
  promotionsDue(s: SeatState): number;
  promotionNotice(c: ClassFacts, registrationId: number): PromotionNotice;
  /** The reminders a seat confirmed at `at` gets. */
  remindersFor(startsAt: string, at: Date): { kind: ReminderKind; dueAt: string }[];
  /** When a reminder of `kind` is due for a class starting at `startsAt` (a moved class moves its unsent reminders). */
  reminderDueAt(kind: ReminderKind, startsAt: string): string;
  /** A fresh ticket code; the store draws another when it is already taken. */
  newTicketCode(): string;
}

export type CancelOutcome<R> = { kind: 'notFound' } | { kind: 'refused'; refusal: R } | { kind: 'cancelled'; promoted: number | null };
export type UpdateOutcome = { kind: 'notFound' } | { kind: 'belowConfirmed'; confirmed: number } | { kind: 'updated'; promoted: number[] };

export interface MessageRow {
  id: number;
  memberId: number;
  kind: 'promoted' | 'reminder' | 'info';
  title: string;
  body: string;
  classId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface DueReminder {
  id: number;
  kind: ReminderKind;
  registrationId: number;
  memberId: number;
  classId: number;
  classTitle: string;
  startsAt: string;
  venueName: string | null;
}

export interface ClassRepo {
  create(input: ClassInput, createdBy: number, at: Date): Promise<number>;
  /**
   * One transaction under the class lock: applies the patch unless it sets a capacity below the confirmed count
   * ('belowConfirmed', nothing written); moves unsent reminders with the start; a raised capacity promotes the waitlist.
   */
  update(id: number, patch: ClassPatch, at: Date, policy: ClassPolicy): Promise<UpdateOutcome>;
  get(id: number): Promise<ClassRow | undefined>;
  /** Classes starting at or after `from` (all when null), soonest first. */
  list(filter: { from: string | null; topic?: string }): Promise<ClassRow[]>;
  /**
   * One transaction under the class lock: 'duplicate' if the member holds an active registration; else the seat
   * `policy.seatFor` decides (the end of the waitlist is the next arrival); counters kept in the same step.
   */
  register(
    classId: number,
    memberId: number,
    data: { name: string; childAge: number | null; answers: Record<string, string | number> },
    at: Date,
    policy: ClassPolicy,
  ): Promise<RegisterOutcome>;
  /**
   * One transaction under the class lock: `refuse` (the feature's cancellation rule) sees the class and the
   * registration's status; when it returns nothing the registration is cancelled and a freed seat goes to the
   * head of the waitlist (message, outbox, reminders). Another member's registration is 'notFound'.
   */
  cancel<R>(
    registrationId: number,
    memberId: number,
    at: Date,
    policy: ClassPolicy,
    refuse: (c: ClassFacts, status: RegistrationStatus) => R | null,
  ): Promise<CancelOutcome<R>>;
  registration(id: number): Promise<RegistrationRow | undefined>;
  registrationByCode(classId: number, code: string): Promise<RegistrationRow | undefined>;
  ofMember(memberId: number): Promise<RegistrationRow[]>;
  activeOf(classId: number, memberId: number): Promise<RegistrationRow | undefined>;
  /** Active statuses of the member by class id, for list badges. */
  statusesOf(memberId: number): Promise<Map<number, RegistrationStatus>>;
  lastOf(memberId: number): Promise<(RegistrationRow & { fields: FormField[] }) | undefined>;
  roster(classId: number): Promise<RegistrationRow[]>;
  /**
   * One transaction: marks (or unmarks) attendance of a confirmed registration and writes the points ledger row
   * `points` names (idempotent by its refKey) with it. `changed` is false when it already was in that state;
   * `seq` counts the ticks so far.
   */
  setAttended(
    registrationId: number,
    at: Date | null,
    points: (r: { registrationId: number; memberId: number | null; seq: number }) => PointsAward | null,
  ): Promise<{ changed: boolean; seq: number }>;
  messages(memberId: number, limit?: number): Promise<MessageRow[]>;
  addMessage(m: Omit<MessageRow, 'id' | 'readAt'>): Promise<void>;
  markMessagesRead(memberId: number, at: Date): Promise<void>;
  /** Reminders due at `now` for registrations still confirmed and classes not yet started. */
  dueReminders(now: Date, limit?: number): Promise<DueReminder[]>;
  /** Claims a reminder for sending; false if another delivery got it first. */
  claimReminder(id: number, at: Date): Promise<boolean>;
  /** Queues a WeChat subscribe-message delivery, only if the member accepted that template; returns whether it was queued. */
  addOutbox(memberId: number, template: string, payload: unknown, at: Date): Promise<boolean>;
  /** Records the member's answers to a subscribe-message request (the latest answer per kind wins). */
  setSubscriptions(memberId: number, decisions: { kind: string; templateId: string; accepted: boolean }[], at: Date): Promise<void>;
  subscriptions(memberId: number): Promise<{ kind: string; templateId: string; accepted: boolean; decidedAt: string }[]>;
  /**
   * One transaction, before a member's account is deleted: cancels their confirmed and waitlisted registrations
   * in classes not yet started, each freed seat going at once to the head of that class's waitlist.
   */
  releaseMember(memberId: number, at: Date, policy: ClassPolicy): Promise<{ registrationId: number; classId: number; promoted: number[] }[]>;
  outbox(memberId: number): Promise<{ template: string; payload: unknown; createdAt: string }[]>;
}
