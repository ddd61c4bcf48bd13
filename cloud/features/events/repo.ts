import type { EventType } from '../../contracts/events-shared';
import type { PointsAward } from '../points/repo';

export interface EventRow {
  id: number;
  orgId: string;
  orgPath: string;
  orgName: string;
  orgLevel: number;
  kind: 'event' | 'notice';
  type: EventType;
  title: string;
  cover: string | null;
  body: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  venueAddress: string;
  lat: number | null;
  lng: number | null;
  radius: number;
  checkinOpensAt: string;
  checkinClosesAt: string;
  locationRequired: boolean;
  points: number;
  audience: 'org' | 'all';
  published: boolean;
  intentCount: number;
  checkinCount: number;
}

export type EventInput = Omit<EventRow, 'id' | 'orgPath' | 'orgName' | 'orgLevel' | 'intentCount' | 'checkinCount'>;

export interface CheckinRecord {
  id: number;
  eventId: number;
  memberId: number | null;
  checkedInAt: string;
  scannedAt: string | null;
  offline: boolean;
  voided: boolean;
}

export interface CheckinListRow extends CheckinRecord {
  nickname: string | null;
  realName: string | null;
  phone: string | null;
  orgId: string | null;
  orgName: string | null;
}

export interface NewCheckin {
  eventId: number;
  memberId: number;
  orgId: string | null;
  at: Date;
  scannedAt: Date | null;
  offline: boolean;
  codeWindow: number;
  lat: number | null;
  lng: number | null;
  distance: number | null;
}

export interface EventListQuery {
  /** Published items whose audience includes a member of this org path (their org and the levels above). */
  memberOrgPath: string | null;
  /** Also everything published for everyone. */
  includeAll: boolean;
  when: 'upcoming' | 'past' | 'all';
  now: Date;
  limit: number;
}

export interface EventRepo {
  /** The HMAC key of check-in codes, created on first use (atomic). */
  codeSecret(): Promise<Buffer>;
  /** Undefined when the org does not exist. */
  create(input: EventInput, createdBy: number | null, at: Date): Promise<EventRow | undefined>;
  /** Undefined when the event does not exist. */
  update(id: number, input: EventInput, at: Date): Promise<EventRow | undefined>;
  setPublished(id: number, published: boolean, at: Date): Promise<EventRow | undefined>;
  /** counts: false skips intentCount / checkinCount (reported as 0), for the hot check-in path. */
  getById(id: number, opts?: { counts?: boolean }): Promise<EventRow | undefined>;
  listForMember(q: EventListQuery): Promise<EventRow[]>;
  /** Drafts and published items under any of these org paths. */
  listManaged(orgPaths: string[], when: EventListQuery['when'], now: Date, limit: number): Promise<EventRow[]>;
  /** Atomic toggle; returns the new count. */
  setIntent(eventId: number, memberId: number, intend: boolean, at: Date): Promise<{ intending: boolean; intentCount: number }>;
  isIntending(eventId: number, memberId: number): Promise<boolean>;
  /**
   * Atomic: inserts the check-in unless the member already has one at this event (a UNIQUE key, so this
   * holds across hosts), and pays `award` in the same transaction when the row is new. Either way returns
   * the row that stands: `created` for the new one, `duplicate` for the one that was there.
   */
  checkin(c: NewCheckin, award: PointsAward | null): Promise<{ kind: 'created' | 'duplicate'; record: CheckinRecord }>;
  checkinOf(eventId: number, memberId: number): Promise<CheckinRecord | undefined>;
  checkinById(id: number): Promise<CheckinRecord | undefined>;
  /**
   * Atomic: sets the check-in's voided state and, when that changed it, pays `award` in the same transaction.
   * `changed` is false when the check-in already had that state; undefined when there is no such check-in.
   */
  setVoided(id: number, voided: boolean, by: number, at: Date, award: PointsAward | null): Promise<{ record: CheckinRecord; changed: boolean } | undefined>;
  myCheckins(memberId: number): Promise<(CheckinRecord & { title: string; points: number })[]>;
  /** Everything this feature keeps about a member, for 我的数据: check-ins with the location sent, and 我要参加. */
  memberData(memberId: number): Promise<{
    checkins: {
      title: string;
      checkedInAt: string;
      scannedAt: string | null;
      offline: boolean;
      voided: boolean;
      lat: number | null;
      lng: number | null;
      distance: number | null;
    }[];
    intents: { title: string; startsAt: string; createdAt: string }[];
  }>;
  /** Account deletion: wipes the location sent with the member's check-ins (the anonymous rows keep the counts). */
  forgetMember(memberId: number): Promise<void>;
  /** Check-ins of an event, newest first. */
  checkins(eventId: number, opts?: { limit?: number; offline?: boolean }): Promise<CheckinListRow[]>;
  counts(eventId: number): Promise<{ total: number; offline: number; voided: number }>;
  /**
   * The wrong-code limit's atomic step (the feature gives the window and the limit): records a wrong code
   * unless `limit` wrong codes of this member at this event already lie in the sliding window
   * (at - windowMs, at]. Returns false when over the limit (nothing recorded). Holds across hosts.
   */
  recordWrongCode(eventId: number, memberId: number, at: Date, windowMs: number, limit: number): Promise<boolean>;
  /** Wrong codes of this member at this event in the window (at - windowMs, at]. */
  wrongCodeCount(eventId: number, memberId: number, at: Date, windowMs: number): Promise<number>;
}
