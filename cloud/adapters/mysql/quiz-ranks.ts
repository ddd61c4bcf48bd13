import { placeholders, type Statement, type StatementResult } from './db';
import { RANK_SPANS_MS } from './schema/quiz';
import type { BestEntry, RankScope } from '../../features/quiz/repo';

/**
 * Ranks on MySQL: the counts of best entries per score (a total, and cells of each span in RANK_SPANS_MS) kept in
 * quiz_rank_counts by the transaction that moves an entry, and the statements that read a rank from them.
 */

/** A best entry with the scopes it is counted in. */
export type PlacedEntry = BestEntry & { cityId: string | null; countyId: string | null };
/** A count cell: one score and one span of time (span 0: the whole score). */
type Cell = { scope: string; span: number; score: number; cell: number };
const cellKey = (c: Cell) => `${c.scope}/${c.span}/${c.score}/${c.cell}`;
/** Primary-key order (scope ids are ASCII, so a string comparison is the binary collation's). */
const byKey = (a: Cell, b: Cell) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.span - b.span || a.score - b.score || a.cell - b.cell);
/** Every count cell a best entry is in: each of its scopes, its score's total and one cell at each span. */
function cellsOf(e: PlacedEntry): Cell[] {
  const scopes = ['', e.cityId, e.countyId].filter((s): s is string => s !== null);
  const spans = [0, ...RANK_SPANS_MS];
  return scopes.flatMap((scope) => spans.map((span) => ({ scope, span, score: e.score, cell: span ? Math.floor(e.durationMs / span) : 0 })));
}
/** A best entry that a transaction adds (`from` absent), replaces, or removes (`to` absent). */
export type EntryMove = { campaignId: number; from?: PlacedEntry; to?: PlacedEntry };
/**
 * The counts following the best entries a transaction moves, netted per cell (a cell an entry stays in, or that one
 * entry leaves as another enters, is not written), in one statement that meets the rows in primary-key order: every
 * transaction moving entries, a single submit or a group, takes the shared rows in one order. A cell left is always
 * there (its entry was counted in it), so its negative amount only ever updates. `VALUES(n)` is the one form of "the
 * amount this row brought" that MariaDB, MySQL 8.0 and TiDB all run.
 */
export function cellChanges(moves: readonly EntryMove[]): Statement[] {
  const delta = new Map<string, { campaignId: number; cell: Cell; n: number }>();
  const add = (campaignId: number, e: PlacedEntry | undefined, n: number) => {
    for (const cell of e ? cellsOf(e) : []) {
      const key = `${campaignId}/${cellKey(cell)}`;
      const d = delta.get(key) ?? { campaignId, cell, n: 0 };
      d.n += n;
      delta.set(key, d);
    }
  };
  for (const m of moves) {
    add(m.campaignId, m.from, -1);
    add(m.campaignId, m.to, 1);
  }
  const changed = [...delta.values()].filter((d) => d.n !== 0).sort((x, y) => x.campaignId - y.campaignId || byKey(x.cell, y.cell));
  if (!changed.length) return [];
  return [
    {
      sql: `INSERT INTO quiz_rank_counts (campaign_id, scope_id, span_ms, score, cell, n) VALUES ${changed.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
        ON DUPLICATE KEY UPDATE n = n + VALUES(n)`,
      params: changed.flatMap((d) => [d.campaignId, d.cell.scope, d.cell.span, d.cell.score, d.cell.cell, d.n]),
    },
  ];
}
export const scopeWhere = (scope: RankScope, alias = '') =>
  scope.kind === 'all' ? { where: '', args: [] as string[] } : { where: ` AND ${alias}${scope.kind}_id = ?`, args: [scope.orgId] };
export const scopeKey = (scope: RankScope) => (scope.kind === 'all' ? '' : scope.orgId);
/** quiz_best's index in leaderboard order, for each scope. */
const RANK_INDEX = { all: 'quiz_best_rank', city: 'quiz_best_city', county: 'quiz_best_county' } as const;

/**
 * A best entry's rank and its scope's size, in one pass over the scope's count rows and one count of quiz_best.
 * Ahead of the entry: the totals of higher scores; in its own score, the cells before its own at each span, from
 * the start of its own cell at the span above; then, in its own finest cell, the entries that are faster, as fast
 * but finished earlier, or fully equal with a lower member id: one range of the index named (which the range is
 * written for: naming it spares the optimiser estimating the others), up to the entry's own time, filtered there.
 * The size: the totals of every score.
 */
export function standingStatement(campaignId: number, scope: RankScope, memberId: number, me: BestEntry): Statement {
  const mine = withinScore(campaignId, scope, memberId, me);
  return {
    sql: `SELECT
       COALESCE(SUM(CASE WHEN span_ms = 0 AND score <= ? THEN 0 ELSE n END), 0) + ${mine.aheadInCell.sql} + 1 AS \`rank\`,
       COALESCE(SUM(CASE WHEN span_ms = 0 THEN n ELSE 0 END), 0) AS participants
     FROM quiz_rank_counts WHERE campaign_id = ? AND scope_id = ? AND (span_ms = 0${mine.cells.sql})`,
    params: [me.score, ...mine.aheadInCell.params, campaignId, scopeKey(scope), ...mine.cells.params],
  };
}

/**
 * The part of a rank inside the entry's own score: the count cells before its own at each span (a condition on
 * quiz_rank_counts, empty when there are none), and the entries of its finest cell ahead of it (a subquery).
 */
function withinScore(campaignId: number, scope: RankScope, memberId: number, me: BestEntry) {
  const { where, args } = scopeWhere(scope);
  const cells: string[] = [];
  const cellArgs: number[] = [];
  // The first cell at each span inside my own cell at the span above (the spans divide one another); after the
  // finest span, the time my finest cell starts at.
  let first = 0;
  RANK_SPANS_MS.forEach((span, i) => {
    const cell = Math.floor(me.durationMs / span);
    if (cell > first) {
      cells.push(' OR (span_ms = ? AND score = ? AND cell >= ? AND cell < ?)');
      cellArgs.push(span, me.score, first, cell);
    }
    first = i + 1 < RANK_SPANS_MS.length ? (cell * span) / RANK_SPANS_MS[i + 1] : cell * span;
  });
  return {
    cells: { sql: cells.join(''), params: cellArgs },
    aheadInCell: {
      sql: `(SELECT COUNT(*) FROM quiz_best FORCE INDEX (${RANK_INDEX[scope.kind]}) WHERE campaign_id = ?${where} AND score = ?
           AND duration_ms >= ? AND duration_ms <= ? AND (duration_ms < ? OR submitted_at < ? OR (submitted_at = ? AND member_id < ?)))`,
      params: [campaignId, ...args, me.score, first, me.durationMs, me.durationMs, me.submittedAt, me.submittedAt, memberId],
    },
  };
}

/**
 * The standings of a group's entries (in the whole campaign) in two statements: each campaign's score totals, read
 * once for the group, and for each entry what is ahead of it inside its own score (one UNION ALL). `standingsOf`
 * reads the results.
 */
export function groupStandingStatements(entries: readonly { campaignId: number; memberId: number; entry: BestEntry }[]): Statement[] {
  if (!entries.length) return [];
  const campaigns = [...new Set(entries.map((e) => e.campaignId))];
  const within = entries.map((e, i) => {
    const mine = withinScore(e.campaignId, { kind: 'all' }, e.memberId, e.entry);
    return {
      sql: `SELECT ${i} AS k, COALESCE(SUM(n), 0) + ${mine.aheadInCell.sql} AS ahead FROM quiz_rank_counts WHERE campaign_id = ? AND scope_id = '' AND (FALSE${mine.cells.sql})`,
      params: [...mine.aheadInCell.params, e.campaignId, ...mine.cells.params],
    };
  });
  return [
    {
      sql: `SELECT campaign_id AS campaignId, score, n FROM quiz_rank_counts WHERE campaign_id IN (${placeholders(campaigns.length)}) AND scope_id = '' AND span_ms = 0`,
      params: campaigns,
    },
    { sql: within.map((w) => w.sql).join('\n UNION ALL '), params: within.flatMap((w) => w.params) },
  ];
}
export function standingsOf(entries: readonly { campaignId: number; entry: BestEntry }[], [totals, within]: StatementResult[]) {
  const ahead = new Map(within.rows.map((r) => [Number(r.k), Number(r.ahead)]));
  return entries.map((e, i) => {
    let rank = (ahead.get(i) ?? 0) + 1;
    let participants = 0;
    for (const t of totals.rows) {
      if (Number(t.campaignId) !== e.campaignId) continue;
      participants += Number(t.n);
      if (Number(t.score) > e.entry.score) rank += Number(t.n);
    }
    return { rank, participants };
  });
}
