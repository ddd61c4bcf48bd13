import type { MemberRepo, MemberRow } from './member/repo';
import type { AdminOrg } from '../core/access';
import type { OrgRepo } from './org/repo';
import type { AdminRepo } from './admin/repo';
import type { PointsRepo } from './points/repo';
import type { QuizRepo } from './quiz/repo';
import type { ClassRepo } from './classes/repo';
import type { EventRepo } from './events/repo';
import type { MagazineRepo } from './magazine/repo';
import type { MediaRepo } from './media/repo';
import type { NotifyRepo } from './notify/repo';

/**
 * Everything handlers may do to storage. Each feature contributes one repository interface;
 * an adapter (SQLite today, the WeChat cloud database later) implements all of them.
 */
export interface Store {
  members: MemberRepo;
  orgs: OrgRepo;
  admins: AdminRepo;
  points: PointsRepo;
  magazine: MagazineRepo;
  events: EventRepo;
  classes: ClassRepo;
  quiz: QuizRepo;
  media: MediaRepo;
  notify: NotifyRepo;
  meta: MetaRepo;
  /** The member a session names and the orgs they administer: what every signed-in request starts from, in one read. */
  signedIn(memberId: number): Promise<{ member: MemberRow; adminOrgs: AdminOrg[] } | undefined>;
  close(): Promise<void>;
}

/** How a seed stands for a host that tries to claim it (see core/seed.ts). */
export type SeedClaim =
  /** This host inserted the claim: run the seed, then finishSeed. */
  | { kind: 'claimed'; since: string }
  /** It has run. */
  | { kind: 'done' }
  /** Another host claimed it at `since` and has not finished yet. */
  | { kind: 'held'; since: string };

/** The store's own bookkeeping, shared by every host of one database. */
export interface MetaRepo {
  /** A unique insert of the seed's row: of several hosts trying at once, exactly one gets 'claimed'. */
  claimSeed(name: string, at: Date): Promise<SeedClaim>;
  finishSeed(name: string, at: Date): Promise<void>;
  /** Drops a claim that has not finished, if it is still the one made at `since`: true when it was dropped. */
  dropSeedClaim(name: string, since: string): Promise<boolean>;
  /** Every host gets the same secret: the first caller's `candidate` is kept (insert if absent), then read. */
  sharedSecret(name: string, candidate: string, at: Date): Promise<string>;
}
