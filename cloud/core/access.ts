import { AppError } from './errors';

export interface AdminOrg {
  id: string;
  name: string;
  level: number;
  /** Materialised path, e.g. "/150000/150100/". */
  path: string;
}

/**
 * The one rule of admin scope: an admin of org X acts on X and everything under it.
 * Org paths are materialised ("/150000/150100/"), so "under" is a prefix test.
 */
export class AdminScope {
  constructor(readonly orgs: AdminOrg[]) {}

  get isAdmin(): boolean {
    return this.orgs.length > 0;
  }

  covers(orgPath: string): boolean {
    return this.orgs.some((o) => orgPath.startsWith(o.path));
  }

  /** Throws unless the org (given by its path) lies in this admin's subtree. */
  require(orgPath: string | null | undefined): void {
    if (!this.isAdmin) throw new AppError('FORBIDDEN', '此功能仅对协会管理员开放');
    if (!orgPath || !this.covers(orgPath)) throw new AppError('FORBIDDEN', '只能管理本单位及下级单位的内容');
  }

  requireAny(): void {
    if (!this.isAdmin) throw new AppError('FORBIDDEN', '此功能仅对协会管理员开放');
  }
}
