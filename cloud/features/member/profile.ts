import type { MemberProfile } from '../../contracts/member';
import { maskPhone } from '../../contracts/format';
import type { Store } from '../store';
import type { AdminOrg } from '../../core/access';
import type { MemberRow } from './repo';

/** The member as their owner sees them (full phone and name): only ever sent to that member. */
export async function profileOf(store: Store, m: MemberRow, adminOrgs?: AdminOrg[]): Promise<MemberProfile> {
  const lineage = m.orgId ? await store.orgs.lineage(m.orgId) : [];
  const admins = adminOrgs ?? (await store.admins.orgsOf(m.openid));
  const ref = (o: { id: string; name: string; level: number }) => ({ id: o.id, name: o.name, level: o.level });
  return {
    id: m.id,
    nickname: m.nickname,
    realName: m.realName,
    phone: m.phone,
    phoneMasked: maskPhone(m.phone),
    org: lineage.length ? ref(lineage[lineage.length - 1]) : null,
    orgPath: lineage.map(ref),
    points: m.points,
    consentVersion: m.consentVersion,
    consentAt: m.consentAt,
    elderMode: m.elderMode,
    adminOrgs: admins.map(ref),
    createdAt: m.createdAt,
  };
}
