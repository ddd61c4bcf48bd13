import type { EventListQuery } from '../../features/events/repo';

// Which events a list shows, as SQL both engines run: only the "member's org lies under the event's org" test is
// spelled per engine (SQLite `substr`/`length`, MySQL `SUBSTRING`/`CHAR_LENGTH`).

export interface EventFilter {
  where: string;
  params: unknown[];
  /** Upcoming soonest first; past and all, latest first. */
  order: string;
}

function byWhen(when: EventListQuery['when'], now: Date, conds: string[], params: unknown[]): void {
  if (when === 'upcoming') {
    conds.push('e.ends_at >= ?');
    params.push(now.toISOString());
  } else if (when === 'past') {
    conds.push('e.ends_at < ?');
    params.push(now.toISOString());
  }
}

/** Published events a member may see; undefined when the query can match nothing. `underEventOrg` tests `?` (the member's org path) against e.org_path. */
export function memberEventFilter(q: EventListQuery, underEventOrg: string): EventFilter | undefined {
  const conds = ['e.published = 1'];
  const params: unknown[] = [];
  const audience: string[] = [];
  if (q.memberOrgPath) {
    audience.push(underEventOrg);
    params.push(q.memberOrgPath);
  }
  if (q.includeAll) audience.push(`e.audience = 'all'`);
  if (!audience.length) return undefined;
  conds.push(`(${audience.join(' OR ')})`);
  byWhen(q.when, q.now, conds, params);
  return { where: conds.join(' AND '), params, order: q.when === 'upcoming' ? 'e.starts_at ASC' : 'e.starts_at DESC' };
}

/** Drafts and published items under any of these org paths; undefined when there are none. */
export function managedEventFilter(orgPaths: string[], when: EventListQuery['when'], now: Date): EventFilter | undefined {
  if (!orgPaths.length) return undefined;
  const conds = [`(${orgPaths.map(() => 'e.org_path LIKE ?').join(' OR ')})`];
  const params: unknown[] = orgPaths.map((p) => `${p}%`);
  byWhen(when, now, conds, params);
  return { where: conds.join(' AND '), params, order: 'e.starts_at DESC' };
}
