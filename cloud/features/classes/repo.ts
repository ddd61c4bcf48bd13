import type { ClassVenue, FormField, RegistrationStatus } from '../../contracts/classes';

export interface ClassRow {
  id: number;
  orgId: string;
  orgName: string;
  orgLevel: number;
  orgPath: string;
  title: string;
  topic: string;
  teacher: string;
  description: string;
  venue: ClassVenue | null;
  onlineUrl: string | null;
  startsAt: string;
  endsAt: string;
  regOpensAt: string;
  regClosesAt: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  ageMin: number | null;
  ageMax: number | null;
  fields: FormField[];
  cancelHours: number | null;
  waitlistOpen: boolean;
  createdAt: string;
}

export type ClassInput = Omit<ClassRow, 'id' | 'orgName' | 'orgLevel' | 'orgPath' | 'confirmedCount' | 'waitlistCount' | 'createdAt'>;
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
  | { kind: 'confirmed' | 'waitlisted'; registration: RegistrationRow }
  | { kind: 'full' }
  | { kind: 'duplicate' };

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
  kind: '24h' | '1h';
  registrationId: number;
  memberId: number;
  classId: number;
  classTitle: string;
  startsAt: string;
  venueName: string | null;
}

export interface ClassRepo {
  create(input: ClassInput, createdBy: number, at: Date): Promise<number>;
  /** Atomic: refuses (CAPACITY_BELOW_CONFIRMED) a capacity under the confirmed count; a raised one promotes the waitlist. */
  update(id: number, patch: ClassPatch, at: Date): Promise<{ promoted: number[] }>;
  get(id: number): Promise<ClassRow | undefined>;
  /** Classes starting at or after `from` (all when null), soonest first. */
  list(filter: { from: string | null; topic?: string }): Promise<ClassRow[]>;
  /** One transaction: a seat if one is free, else the end of the waitlist (if open), else 'full'. */
  register(classId: number, memberId: number, data: { name: string; childAge: number | null; answers: Record<string, string | number> }, at: Date): Promise<RegisterOutcome>;
  /**
   * One transaction: cancels the member's registration (checking the class's cancellation rule at `at`)
   * and, when a seat was freed, confirms the first waitlisted in arrival order (message, outbox, reminders).
   */
  cancel(registrationId: number, memberId: number, at: Date): Promise<{ promoted: number | null }>;
  registration(id: number): Promise<RegistrationRow | undefined>;
  registrationByCode(classId: number, code: string): Promise<RegistrationRow | undefined>;
  ofMember(memberId: number): Promise<RegistrationRow[]>;
  activeOf(classId: number, memberId: number): Promise<RegistrationRow | undefined>;
  /** Active statuses of the member by class id, for list badges. */
  statusesOf(memberId: number): Promise<Map<number, RegistrationStatus>>;
  lastOf(memberId: number): Promise<(RegistrationRow & { fields: FormField[] }) | undefined>;
  roster(classId: number): Promise<RegistrationRow[]>;
  /**
   * Marks (or unmarks) attendance of a confirmed registration. `changed` is false when it already was in that
   * state; `seq` counts the ticks so far (each tick pays points under its own key, each un-tick reverses that tick).
   */
  setAttended(registrationId: number, at: Date | null): Promise<{ changed: boolean; seq: number }>;
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
  releaseMember(memberId: number, at: Date): Promise<{ registrationId: number; classId: number; promoted: number[] }[]>;
  outbox(memberId: number): Promise<{ template: string; payload: unknown; createdAt: string }[]>;
}
