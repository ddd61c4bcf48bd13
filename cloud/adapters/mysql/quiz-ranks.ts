import { pushTo, valueRows, valuesOf, type Statement, type StatementResult } from './db';
import { RANK_SPANS_MS } from './schema/quiz';
import type { BestEntry, RankScope } from '../../features/quiz/repo';
import { compareEntries } from '../../features/quiz/rules';
import type { PlacedEntry } from '../shared/quiz';

/**
 * Ranks on MySQL: the counts of best entries per score (a total, and cells of each span in RANK_SPANS_MS) kept in
 * quiz_rank_counts by the transaction that moves an entry, and the statements that read a rank from them.
 */

/** A count cell: one score and one span of time (span 0: the whole score). */
type Cell = { scope: string; span: number; score: number; cell: number };
const cellKey = (c: Cell) => `${c.scope}/${c.span}/${c.score}/${c.cell}`;
/** Primary-key order (scope ids are ASCII, so a string comparison is the binary collation's). */
const byKey = (a: Cell, b: Cell) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.span - b.span || a.score - b.score || a.cell - b.cell);
/** Every count cell a best entry is in: each of its scopes, its score's total and one cell at each span. */
function cellsOf(e: PlacedEntry): Cell[] {
  const cells: Cell[] = [];
  for (const scope of ['', e.cityId, e.countyId]) {
    if (scope === null) continue;
    cells.push({ scope, span: 0, score: e.score, cell: 0 });
    for (const span of RANK_SPANS_MS) cells.push({ scope, span, score: e.score, cell: Math.floor(e.durationMs / span) });
  }
  return cells;
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
      sql: `INSERT INTO quiz_rank_counts (campaign_id, scope_id, span_ms, score, cell, n) VALUES ${valueRows(changed.length, 6)}
        ON DUPLICATE KEY UPDATE n = n + VALUES(n)`,
      params: valuesOf(changed, (d) => [d.campaignId, d.cell.scope, d.cell.span, d.cell.score, d.cell.cell, d.n]),
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

/** The count cells before an entry's own at one span, inside its own cell at the span above. */
type CellRange = { span: number; score: number; from: number; to: number };
/**
 * The part of a rank inside the entry's own score: the count cells before its own at each span (none where its cell
 * is the first), and the start of its own finest cell, from which the entries ahead of it are counted one by one.
 */
function withinScoreOf(me: BestEntry): { ranges: CellRange[]; finestFrom: number } {
  const ranges: CellRange[] = [];
  // The first cell at each span inside my own cell at the span above (the spans divide one another); after the
  // finest span, the time my finest cell starts at.
  let first = 0;
  RANK_SPANS_MS.forEach((span, i) => {
    const cell = Math.floor(me.durationMs / span);
    if (cell > first) ranges.push({ span, score: me.score, from: first, to: cell });
    first = i + 1 < RANK_SPANS_MS.length ? (cell * span) / RANK_SPANS_MS[i + 1] : cell * span;
  });
  return { ranges, finestFrom: first };
}
/** Whether entry `e` of one member is ahead of `me` of another: the leaderboard's order, then the lower member id. */
const isAhead = (e: BestEntry & { memberId: number }, me: BestEntry, memberId: number) => {
  const order = compareEntries(e, me);
  return order < 0 || (order === 0 && e.memberId < memberId);
};

/** The same as a condition on quiz_rank_counts and a count of quiz_best, for one entry's standing statement. */
function withinScore(campaignId: number, scope: RankScope, memberId: number, me: BestEntry) {
  const { where, args } = scopeWhere(scope);
  const { ranges, finestFrom } = withinScoreOf(me);
  return {
    cells: {
      sql: ranges.map(() => ' OR (span_ms = ? AND score = ? AND cell >= ? AND cell < ?)').join(''),
      params: valuesOf(ranges, (r) => [r.span, r.score, r.from, r.to]),
    },
    aheadInCell: {
      sql: `(SELECT COUNT(*) FROM quiz_best FORCE INDEX (${RANK_INDEX[scope.kind]}) WHERE campaign_id = ?${where} AND score = ?
           AND duration_ms >= ? AND duration_ms <= ? AND (duration_ms < ? OR submitted_at < ? OR (submitted_at = ? AND member_id < ?)))`,
      params: [campaignId, ...args, me.score, finestFrom, me.durationMs, me.durationMs, me.submittedAt, me.submittedAt, memberId],
    },
  };
}

/** A member's best entry in a campaign, to be ranked. */
export type Standee = { campaignId: number; memberId: number; entry: BestEntry };
/**
 * The standings of a group's entries (in the whole campaign) in two range reads, summed here: the count rows every
 * entry needs (each campaign's score totals and each entry's cells before its own), and the entries of each entry's
 * own finest cell up to its time. Two statements whatever the group's size: the database plans each once.
 * `standingsFrom` reads their results, one standing per entry in order.
 */
export function groupStandings(entries: readonly Standee[]): {
  statements: Statement[];
  standingsFrom: (results: StatementResult[]) => { rank: number; participants: number }[];
} {
  if (!entries.length) return { statements: [], standingsFrom: () => [] };
  const within = entries.map((e) => ({ ...e, ...withinScoreOf(e.entry) }));
  const counts = new Map<string, unknown[]>();
  // Per finest cell: from its start up to the slowest entry of the group in it.
  const finest = new Map<string, { campaignId: number; score: number; from: number; to: number }>();
  // Span 0: the totals of every score (its one cell is 0).
  for (const c of new Set(entries.map((e) => e.campaignId))) counts.set(`${c}`, [c, 0, -2147483648, 2147483647, 0, 1]);
  for (const { campaignId, entry, ranges, finestFrom } of within) {
    for (const r of ranges) counts.set(`${campaignId}/${r.span}/${r.score}/${r.from}/${r.to}`, [campaignId, r.span, r.score, r.score, r.from, r.to]);
    const key = `${campaignId}/${entry.score}/${finestFrom}`;
    const cell = finest.get(key);
    if (!cell || cell.to < entry.durationMs) finest.set(key, { campaignId, score: entry.score, from: finestFrom, to: entry.durationMs });
  }
  const statements = [
    {
      sql: `SELECT campaign_id AS campaignId, span_ms AS span, score, cell, n FROM quiz_rank_counts
            WHERE ${[...counts.values()].map(() => "(campaign_id = ? AND scope_id = '' AND span_ms = ? AND score BETWEEN ? AND ? AND cell >= ? AND cell < ?)").join(' OR ')}`,
      params: valuesOf(counts.values(), (c) => c),
    },
    {
      sql: `SELECT campaign_id AS campaignId, score, duration_ms AS durationMs, submitted_at AS submittedAt, member_id AS memberId
            FROM quiz_best FORCE INDEX (quiz_best_rank)
            WHERE ${[...finest.values()].map(() => '(campaign_id = ? AND score = ? AND duration_ms BETWEEN ? AND ?)').join(' OR ')}`,
      params: valuesOf(finest.values(), (c) => [c.campaignId, c.score, c.from, c.to]),
    },
  ];
  const standingsFrom = ([counted, inCells]: StatementResult[]) => {
    const totals: { campaignId: number; score: number; n: number }[] = [];
    const cellsByScore = new Map<string, { cell: number; n: number }[]>();
    for (const r of counted.rows) {
      const [campaignId, span, score] = [Number(r.campaignId), Number(r.span), Number(r.score)];
      if (span === 0) totals.push({ campaignId, score, n: Number(r.n) });
      else pushTo(cellsByScore, `${campaignId}/${span}/${score}`, { cell: Number(r.cell), n: Number(r.n) });
    }
    const near = inCells.rows.map((r) => ({
      campaignId: Number(r.campaignId),
      score: Number(r.score),
      durationMs: Number(r.durationMs),
      submittedAt: String(r.submittedAt),
      memberId: Number(r.memberId),
    }));
    return within.map(({ campaignId, memberId, entry: me, ranges, finestFrom }) => {
      let rank = 1;
      let participants = 0;
      for (const t of totals) {
        if (t.campaignId !== campaignId) continue;
        participants += t.n;
        if (t.score > me.score) rank += t.n;
      }
      for (const r of ranges) for (const c of cellsByScore.get(`${campaignId}/${r.span}/${r.score}`) ?? []) if (c.cell >= r.from && c.cell < r.to) rank += c.n;
      for (const e of near) if (e.campaignId === campaignId && e.score === me.score && e.durationMs >= finestFrom && isAhead(e, me, memberId)) rank++;
      return { rank, participants };
    });
  };
  return { statements, standingsFrom };
}
