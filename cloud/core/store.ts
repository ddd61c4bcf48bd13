import type { OrgLevel } from '../contracts/org';
import type { AdminOrg } from './access';

/**
 * The part of the store that core itself calls: the router (who is signed in), the seed runner and the admin
 * and member org helpers. Core sits below the features, so it declares this slice here; features/store.ts's
 * `Store` extends it with every feature's repository, and the adapters implement the whole.
 */
export interface CoreStore {
  members: {
    /** Atomic: two first calls at once still make one member. */
    findOrCreateByOpenid(openid: string, nickname: string): Promise<MemberRow>;
  };
  admins: {
    orgsOf(openid: string): Promise<AdminOrg[]>;
  };
  orgs: {
    getById(id: string): Promise<OrgRow | undefined>;
  };
  meta: MetaRepo;
  /** The member a session names and the orgs they administer: what every signed-in request starts from, in one read. */
  signedIn(memberId: number): Promise<{ member: MemberRow; adminOrgs: AdminOrg[] } | undefined>;
}

/** A member as stored (features/member/repo.ts keeps the rest of the member's storage). */
export interface MemberRow {
  id: number;
  openid: string;
  nickname: string;
  realName: string | null;
  phone: string | null;
  orgId: string | null;
  points: number;
  consentVersion: string | null;
  consentAt: string | null;
  elderMode: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An org as stored (features/org/repo.ts keeps the rest of the org's storage). */
export interface OrgRow {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  /** Materialised path of ids, "/150000/150100/": the subtree of X is every path starting with X's. */
  path: string;
  memberCount: number | null;
}

/** How a seed stands for a host that tries to claim it (see seed.ts). */
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
