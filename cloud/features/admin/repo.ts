import type { AdminOrg } from '../../core/access';

export interface AdminRepo {
  orgsOf(openid: string): Promise<AdminOrg[]>;
  grant(openid: string, orgId: string, at: Date): Promise<void>;
  /** Without orgId, every grant of the openid. Returns how many were removed. */
  revoke(openid: string, orgId?: string): Promise<number>;
  list(): Promise<{ openid: string; orgId: string; orgName: string; grantedAt: string }[]>;
}
