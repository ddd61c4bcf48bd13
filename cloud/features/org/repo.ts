import type { OrgLevel, OrgSummary } from '../../contracts/org';

export interface OrgRow {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  /** Materialised path of ids, "/150000/150100/": the subtree of X is every path starting with X's. */
  path: string;
  memberCount: number | null;
}

export interface OrgSeed {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  memberCount?: number | null;
}

export interface OrgRepo {
  getById(id: string): Promise<OrgRow | undefined>;
  all(): Promise<OrgRow[]>;
  children(parentId: string | null): Promise<OrgSummary[]>;
  /** The org and its ancestors, top down. */
  lineage(id: string): Promise<OrgRow[]>;
  /** Inserts or renames; the path is derived from the parent, so parents come first. */
  upsertMany(orgs: OrgSeed[]): Promise<void>;
}
