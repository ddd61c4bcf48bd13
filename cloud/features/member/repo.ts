import type { MemberRow } from '../../core/store';

// Core reads members too (who is signed in), so the row is declared there.
export type { MemberRow };

export interface MemberPatch {
  nickname?: string;
  realName?: string | null;
  phone?: string | null;
  orgId?: string | null;
  elderMode?: boolean;
}

/** Storage of members, as the handlers see it. Adapters: adapters/sqlite/member.ts, adapters/mysql/member.ts. */
export interface MemberRepo {
  getById(id: number): Promise<MemberRow | undefined>;
  getByOpenid(openid: string): Promise<MemberRow | undefined>;
  /** Atomic: two first calls at once still make one member. */
  findOrCreateByOpenid(openid: string, nickname: string): Promise<MemberRow>;
  update(id: number, patch: MemberPatch, at: Date): Promise<MemberRow>;
  recordConsent(id: number, version: string, at: Date): Promise<MemberRow>;
  consents(id: number): Promise<{ version: string; agreedAt: string; withdrawnAt: string | null }[]>;
  /** Removes the member and their personal rows; anonymous aggregates stay (see schema). */
  delete(id: number, at: Date): Promise<void>;
}
