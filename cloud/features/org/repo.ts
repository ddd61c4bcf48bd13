import type { OrgLevel, OrgSummary } from '../../contracts/org';
import type { OrgRow } from '../../core/store';

// Core reads orgs too (an admin's org, a member's org), so the row is declared there.
export type { OrgRow };

export interface OrgSeed {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  memberCount?: number | null;
}

/** An org as stored: its path and sort are worked out by the org feature (save.ts), never by an adapter. */
export interface OrgRecord extends OrgRow {
  /** Place among its siblings. */
  sort: number;
}

export interface OrgRepo {
  getById(id: string): Promise<OrgRow | undefined>;
  all(): Promise<OrgRow[]>;
  children(parentId: string | null): Promise<OrgSummary[]>;
  /** The org and its ancestors, top down. */
  lineage(id: string): Promise<OrgRow[]>;
  /** Inserts new orgs, and renames (name, member count, sort) known ones, in one transaction. */
  upsertMany(orgs: OrgRecord[]): Promise<void>;
}
