import { isDuplicateKey, placeholders, pushTo, qualified, valueRows, valuesOf, type MysqlDb, type Sql, type Statement, type TxSql } from './db';
import { asError, grouped } from './group';
import { payPoints, pointsStatements } from './points';
import type { PointsAward } from '../../features/points/repo';
import type {
  AttemptRow,
  BestEntry,
  CampaignRow,
  QuestionRow,
  QuizRepo,
  RankedEntry,
  RankScope,
  SavedAnswer,
  ScoreCount,
  ScoringRules,
  Settlement,
  StartOutcome,
  StartRequest,
  SubmitOutcome,
  SubmitRequest,
} from '../../features/quiz/repo';
import { settledAttempt } from '../../features/quiz/repo';
import { INSERT_CAMPAIGN_SQL, insertCampaignValues, placedEntryOf, UPDATE_CAMPAIGN_SQL, updateCampaignValues, type PlacedEntry } from '../shared/quiz';
import { rankCountsRebuild } from './schema/quiz';
import { cellChanges, groupStandings, scopeKey, scopeWhere, standingStatement, type Standee } from './quiz-ranks';

const CAMPAIGN_COLUMNS = `c.id, c.title, c.description, c.cover, c.org_id AS orgId, c.org_path AS orgPath, o.name AS orgName,
  c.draws, c.opens_at AS opensAt, c.closes_at AS closesAt, c.time_limit_sec AS timeLimitSec,
  c.attempts_per_day AS attemptsPerDay, c.attempts_total AS attemptsTotal, c.pass_mark AS passMark, c.show_review AS showReview`;
const ATTEMPT_COLUMNS = `id, campaign_id AS campaignId, member_id AS memberId, day, started_at AS startedAt, deadline_at AS deadlineAt, questions,
  submitted_at AS submittedAt, score, correct_count AS correctCount, total, duration_ms AS durationMs, passed, answers,
  city_id AS cityId, county_id AS countyId, org_id AS orgId`;
const QUESTION_COLUMNS = `id, bank_id AS bankId, type, stem, options, answer, explanation, source`;

type Raw = Record<string, any>;

const campaignOf = (r: Raw | undefined): CampaignRow | undefined =>
  r && ({ ...r, draws: JSON.parse(r.draws), showReview: Number(r.showReview) === 1 } as CampaignRow);
/** The question revision (see the question cache in mysqlQuizRepo), read beside attempts. */
const REVISION = '(SELECT n FROM quiz_revision WHERE id = 1) AS revision';
const attemptOf = (r: Raw | undefined): AttemptRow | undefined =>
  r &&
  ({
    ...withoutRevision(r),
    id: Number(r.id),
    questions: JSON.parse(r.questions),
    memberId: r.memberId === null ? null : Number(r.memberId),
    passed: r.passed === null ? null : Number(r.passed) === 1,
    answers: r.answers === null ? null : new Map(JSON.parse(r.answers)),
  } as AttemptRow);
const withoutRevision = ({ revision: _revision, ...r }: Raw): Raw => r;
const questionOf = (r: Raw): QuestionRow => ({ ...withoutRevision(r), options: JSON.parse(r.options), answer: JSON.parse(r.answer) }) as QuestionRow;
const savedAnswerOf = (r: Raw): SavedAnswer => ({ questionId: r.questionId, choice: JSON.parse(r.choice), savedAt: r.savedAt });
const SAVED_COLUMNS = 'question_id AS questionId, choice, saved_at AS savedAt';
const SAVED_ANSWERS = `SELECT ${SAVED_COLUMNS} FROM quiz_answers WHERE attempt_id = ?`;
const BEST_COLUMNS = 'score, duration_ms AS durationMs, submitted_at AS submittedAt, city_id AS cityId, county_id AS countyId';
const BEST_OF = `SELECT ${BEST_COLUMNS} FROM quiz_best WHERE campaign_id = ? AND member_id = ?`;
/** An attempt as a submit group locks it, from `quiz_attempts a`. */
const LOCKED_ATTEMPT_COLUMNS = qualified(ATTEMPT_COLUMNS, 'a');
/** The member's best entry beside an attempt, from `quiz_best b` (all NULL when there is none). */
const JOINED_BEST_COLUMNS = `b.score AS bestScore, b.duration_ms AS bestDurationMs, b.submitted_at AS bestSubmittedAt, b.city_id AS bestCityId,
  b.county_id AS bestCountyId`;
/**
 * A submit group's plain reads, by attempt id: each attempt's campaign (built once per campaign) and its member's best
 * entry (none for an attempt without a member: the join finds nothing).
 */
function joinedReads(rows: readonly Raw[]): Map<number, { campaign: CampaignRow; best: PlacedEntry | undefined }> {
  const campaigns = new Map<number, CampaignRow>();
  const byAttempt = new Map<number, { campaign: CampaignRow; best: PlacedEntry | undefined }>();
  for (const r of rows) {
    const { attemptId, revision: _r, bestScore, bestDurationMs, bestSubmittedAt, bestCityId, bestCountyId, ...columns } = r;
    let campaign = campaigns.get(Number(columns.id));
    if (!campaign) campaigns.set(Number(columns.id), (campaign = campaignOf(columns)!));
    const best =
      bestScore === null
        ? undefined
        : { score: bestScore, durationMs: bestDurationMs, submittedAt: bestSubmittedAt, cityId: bestCityId, countyId: bestCountyId };
    byAttempt.set(Number(attemptId), { campaign, best });
  }
  return byAttempt;
}
/** A member's second attempt in a submit group: scored after the group, alone. */
const PUT_OFF = Symbol('put off');
type GroupOutcome = SubmitOutcome | undefined | Error | typeof PUT_OFF;

/**
 * The quiz on MySQL (MariaDB 10.11, MySQL 8.0, TiDB). The feature's rules arrive as callbacks and are applied
 * under row locks taken by primary key: the member row serialises a member's starts and scorings, the attempt
 * row makes its scoring happen once whichever host (a submit, a time-out seen by a reader) gets there first.
 */
export function mysqlQuizRepo(db: MysqlDb): QuizRepo {
  /**
   * Question rows in memory, for the revision they were read at. Every change of a question moves the revision
   * in its own transaction, and every read of an attempt reads the revision too: `seen` is the highest this host
   * has read. The cache answers only while it holds that revision, so whoever read an attempt after an edit
   * committed (on any host) is answered with the edited questions. Callers read the attempt before its questions.
   */
  const questionCache = { revision: -1, rows: new Map<string, QuestionRow>() };
  let seen = -1;
  const saw = (r: Raw | undefined) => {
    if (r && Number(r.revision) > seen) seen = Number(r.revision);
    return r;
  };
  const attemptById = async (q: Sql, id: number) =>
    attemptOf(saw(await q.row<Raw>(`SELECT ${ATTEMPT_COLUMNS}, ${REVISION} FROM quiz_attempts WHERE id = ?`, [id])));
  // Taken before any plain read of the transaction, so its snapshot already holds the member's last scoring.
  const lockMember = (q: Sql, memberId: number) => q.rows('SELECT id FROM members WHERE id = ? FOR UPDATE', [memberId]);
  const savedOf = async (q: Sql, attemptId: number): Promise<SavedAnswer[]> => (await q.rows<Raw>(SAVED_ANSWERS, [attemptId])).map(savedAnswerOf);
  const bestOf = async (q: Sql, campaignId: number, memberId: number, lock = false) =>
    (await q.row<Raw>(`${BEST_OF}${lock ? ' FOR UPDATE' : ''}`, [campaignId, memberId])) as PlacedEntry | undefined;

  const standingFrom = (r: Raw | undefined) => ({ rank: Number(r!.rank), participants: Number(r!.participants) });
  async function standingAmong(q: Sql, campaignId: number, scope: RankScope, memberId: number, me: BestEntry) {
    const { sql, params } = standingStatement(campaignId, scope, memberId, me);
    return standingFrom(await q.row<Raw>(sql, params));
  }

  /** What a scoring stores in its attempt row, column by column. */
  const SCORED_COLUMNS: [string, (s: Settlement) => unknown][] = [
    ['submitted_at', (s) => s.submittedAt],
    ['score', (s) => s.score],
    ['correct_count', (s) => s.correctCount],
    ['duration_ms', (s) => s.durationMs],
    ['passed', (s) => (s.passed ? 1 : 0)],
    ['answers', (s) => JSON.stringify([...s.answers])],
    ['correct_ids', (s) => JSON.stringify(s.correctIds)],
  ];
  /** The claim of unscored attempts: it matches as many rows as it names only if none was scored meanwhile. */
  const claimStatement = (claims: readonly { attemptId: number; s: Settlement }[]): Statement => ({
    sql: `UPDATE quiz_attempts SET ${SCORED_COLUMNS.map(([c]) => `${c} = CASE id ${claims.map(() => 'WHEN ? THEN ?').join(' ')} END`).join(', ')}
          WHERE id IN (${placeholders(claims.length)}) AND submitted_at IS NULL`,
    params: [...valuesOf(SCORED_COLUMNS, ([, v]) => valuesOf(claims, (c) => [c.attemptId, v(c.s)])), ...claims.map((c) => c.attemptId)],
  });
  const bestValues = (a: AttemptRow, s: Settlement) => [a.id, a.cityId, a.countyId, a.orgId, s.score, s.durationMs, s.submittedAt, a.campaignId, a.memberId];
  const INSERT_BEST = 'INSERT INTO quiz_best (attempt_id, city_id, county_id, org_id, score, duration_ms, submitted_at, campaign_id, member_id) VALUES';
  const UPDATE_BEST =
    'UPDATE quiz_best SET attempt_id = ?, city_id = ?, county_id = ?, org_id = ?, score = ?, duration_ms = ?, submitted_at = ? WHERE campaign_id = ? AND member_id = ?';

  /**
   * Submits are scored in groups: those that reach this host together share one transaction of two round trips: the
   * locks and reads; the writes with the standings and the COMMIT (one more when a call needs its saved answers, and
   * one when a member scored before may be paid again). The feature's rules are applied call by call in between; a
   * call whose rules throw gets its error alone. A group that fails as a whole is scored again call by call, and a
   * second call for an attempt or a member already in the group goes after it, alone.
   */
  const submitGroup = grouped<SubmitRequest, SubmitOutcome | undefined>(
    async (reqs) => {
      const named = new Set<number>();
      const together: SubmitRequest[] = [];
      const after: SubmitRequest[] = [];
      for (const req of reqs) {
        if (named.has(req.attemptId)) after.push(req);
        else {
          named.add(req.attemptId);
          together.push(req);
        }
      }
      const alone = (req: SubmitRequest) => scoreTogether([req]).then((o) => o[0] as SubmitOutcome | undefined | Error, asError);
      let outcomes: GroupOutcome[];
      try {
        outcomes = await scoreTogether(together);
      } catch (e) {
        if (together.length === 1) outcomes = [asError(e)];
        else {
          console.warn('[quiz] a group of submits failed and is scored one by one:', asError(e).message);
          outcomes = await Promise.all(together.map(alone));
        }
      }
      const byReq = new Map(together.map((req, k) => [req, outcomes[k]]));
      for (const req of [...together.filter((req) => byReq.get(req) === PUT_OFF), ...after]) byReq.set(req, await alone(req));
      return reqs.map((req) => byReq.get(req) as SubmitOutcome | undefined | Error);
    },
    // One group out at a time: the next gathers meanwhile, and bigger groups cost the database less per submit.
    { inFlight: 1, maxGroup: 100, lingerMs: 1 },
  );

  /**
   * One transaction for a group. A refKey can be paid already only for a member scored before (a second pass), so
   * only those are looked up; a refKey found paid anyway (a duplicate key) makes the group run again looking up all.
   */
  async function scoreTogether(reqs: readonly SubmitRequest[]) {
    try {
      return await db.tx((q) => submitTogether(q, reqs, false));
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      return db.tx((q) => submitTogether(q, reqs, true));
    }
  }

  async function submitTogether(q: TxSql, reqs: readonly SubmitRequest[], lookUpAllRefKeys: boolean): Promise<GroupOutcome[]> {
    const ids = reqs.map((r) => r.attemptId);
    const [locked, read] = await q.batch([
      // The claim: each attempt row's lock with its member's (which orders the member's scorings), in attempt id order;
      // whoever comes second finds the attempt scored. The member's id is selected so that the join (and its lock) is
      // not optimised away.
      {
        sql: `SELECT ${LOCKED_ATTEMPT_COLUMNS}, m.id AS lockedMemberId, m.org_id AS lockedOrgId FROM quiz_attempts a LEFT JOIN members m ON m.id = a.member_id
              WHERE a.id IN (${placeholders(ids.length)}) ORDER BY a.id FOR UPDATE`,
        params: ids,
      },
      // Then plain reads behind the locks: each attempt's campaign (joined, a campaign once per attempt: a subquery
      // here would be materialised for every group), the question revision, and the member's best entry. A locking
      // read of a missing entry would take a gap lock that deadlocks with other members' first entries. By the primary
      // key: on a table grown since its statistics the optimiser would scan instead.
      {
        sql: `SELECT a.id AS attemptId, ${REVISION}, ${CAMPAIGN_COLUMNS}, ${JOINED_BEST_COLUMNS}
              FROM quiz_attempts a JOIN quiz_campaigns c ON c.id = a.campaign_id JOIN orgs o ON o.id = c.org_id
              LEFT JOIN quiz_best b FORCE INDEX (PRIMARY) ON b.campaign_id = a.campaign_id AND b.member_id = a.member_id
              WHERE a.id IN (${placeholders(ids.length)})`,
        params: ids,
      },
    ]);
    saw(read.rows[0]);
    const readById = joinedReads(read.rows);
    const lockedById = new Map(
      locked.rows.map((r) => {
        const { lockedMemberId, lockedOrgId, ...row } = r;
        return [Number(r.id), { attempt: attemptOf(row)!, memberLocked: lockedMemberId !== null, lockedOrgId: lockedOrgId as string | null }];
      }),
    );
    // The questions of the attempts that may be scored, read after their attempts (see the question cache).
    const questionIds = new Set<string>();
    for (const { attempt } of lockedById.values()) if (attempt.submittedAt === null) for (const ref of attempt.questions) questionIds.add(ref.id);
    const questions = new Map((await questionRowsByIds([...questionIds])).map((x) => [x.id, x]));

    /** The calls to score, each with the index of its call. */
    const toScore: {
      k: number;
      current: AttemptRow;
      campaign: CampaignRow;
      rules: ScoringRules;
      best?: PlacedEntry;
      memberLocked: boolean;
      lockedOrgId: string | null;
    }[] = [];
    /** The entries to rank, each with the index of its call. */
    const standingOf: (Standee & { k: number })[] = [];
    const outcomes: GroupOutcome[] = [];
    const members = new Set<number>();
    for (const [k, req] of reqs.entries()) {
      const found = lockedById.get(req.attemptId);
      if (!found) {
        outcomes[k] = undefined;
        continue;
      }
      const { attempt: current, memberLocked, lockedOrgId } = found;
      // A member's second attempt in the group goes after the group, alone: each scoring reads the best entry the one
      // before it left.
      if (current.memberId !== null) {
        if (members.has(current.memberId)) {
          outcomes[k] = PUT_OFF;
          continue;
        }
        members.add(current.memberId);
      }
      const { campaign, best } = readById.get(current.id) ?? {};
      let rules: ScoringRules | null;
      try {
        rules = req.score({ attempt: current, campaign, questions });
      } catch (e) {
        outcomes[k] = asError(e);
        continue;
      }
      if (current.submittedAt !== null || !rules || !campaign) {
        outcomes[k] = { attempt: current, campaign, firstTime: false, standing: null };
        if (current.submittedAt !== null && best) standingOf.push({ k, campaignId: current.campaignId, memberId: current.memberId!, entry: best });
        continue;
      }
      toScore.push({ k, current, campaign, rules, best, memberLocked, lockedOrgId });
    }

    const withSaved = toScore.filter((c) => c.rules.withSaved).map((c) => c.current.id);
    const savedById = new Map<number, SavedAnswer[]>();
    if (withSaved.length)
      for (const r of await q.rows<Raw>(
        `SELECT attempt_id AS attemptId, ${SAVED_COLUMNS} FROM quiz_answers WHERE attempt_id IN (${placeholders(withSaved.length)})`,
        withSaved,
      ))
        pushTo(savedById, Number(r.attemptId), savedAnswerOf(r));

    type Scored = { done: AttemptRow; s: Settlement; best?: PlacedEntry; improved: boolean; candidate: PlacedEntry };
    const scored: Scored[] = [];
    const claims: { attemptId: number; s: Settlement }[] = [];
    const ledger: { award: PointsAward; orgId: string | null; hadBest: boolean }[] = [];
    const apart: PointsAward[] = [];
    for (const { k, current, campaign, rules, best, memberLocked, lockedOrgId } of toScore) {
      // The feature's rules first: a call whose rules throw gets its error and leaves nothing in the group.
      let ruled;
      try {
        const s = rules.settle(rules.withSaved ? (savedById.get(current.id) ?? []) : []);
        const done = settledAttempt(current, s);
        const candidate = placedEntryOf(current, s);
        const member = current.memberId === null ? undefined : { improved: rules.better(candidate, best), awards: rules.awards(done, !!best) };
        ruled = { s, done, candidate, member };
      } catch (e) {
        outcomes[k] = asError(e);
        continue;
      }
      const { s, done, candidate, member } = ruled;
      claims.push({ attemptId: current.id, s });
      outcomes[k] = { attempt: done, campaign, firstTime: true, standing: null };
      if (!member) continue;
      scored.push({ done, s, best, improved: member.improved, candidate });
      standingOf.push({ k, campaignId: done.campaignId, memberId: done.memberId!, entry: member.improved ? candidate : best! });
      for (const award of member.awards) {
        // The scoring member's points travel in the round trip that commits; anything else (no member row, another
        // member) is paid on its own, after the rules of every call (a database error there fails the whole group).
        if (memberLocked && award.memberId === current.memberId) ledger.push({ award, orgId: lockedOrgId, hadBest: !!best });
        else apart.push(award);
      }
    }
    for (const award of apart) await payPoints(q, award);
    const maybePaid = ledger.filter((l) => lookUpAllRefKeys || l.hadBest).map((l) => l.award.refKey);
    const paid = new Set(
      maybePaid.length
        ? (await q.rows<{ refKey: string }>(`SELECT ref_key AS refKey FROM points_ledger WHERE ref_key IN (${placeholders(maybePaid.length)})`, maybePaid)).map(
            (r) => r.refKey,
          )
        : [],
    );
    const due = ledger.filter((l) => !paid.has(l.award.refKey));

    const entering = scored.filter((e) => e.improved);
    const moves = cellChanges(entering.map((e) => ({ campaignId: e.done.campaignId, from: e.best, to: e.candidate })));
    const standings = groupStandings(standingOf);
    const fresh = entering.filter((e) => !e.best);
    const writes: Statement[] = [
      ...(claims.length ? [claimStatement(claims)] : []),
      ...pointsStatements(due),
      ...(fresh.length ? [{ sql: `${INSERT_BEST} ${valueRows(fresh.length, 9)}`, params: valuesOf(fresh, (e) => bestValues(e.done, e.s)) }] : []),
      ...entering.filter((e) => e.best).map((e) => ({ sql: UPDATE_BEST, params: bestValues(e.done, e.s) })),
      ...moves,
    ];
    // The claim cannot miss a row: each was read unscored under the lock this transaction holds. The standings are
    // read after every count moved, so each counts the whole group.
    const results = await q.batchAndCommit([...writes, ...standings.statements]);
    const found = standings.standingsFrom(results.slice(writes.length));
    standingOf.forEach(({ k }, i) => {
      const outcome = outcomes[k];
      if (outcome && outcome !== PUT_OFF && !(outcome instanceof Error)) outcome.standing = found[i];
    });
    return outcomes;
  }

  async function questionRowsByIds(ids: readonly string[]): Promise<QuestionRow[]> {
    if (!ids.length) return [];
    const cached = questionCache.rows;
    if (questionCache.revision === seen && ids.every((i) => cached.has(i))) return ids.map((i) => cached.get(i)!);
    const rows = await db.rows<Raw>(`SELECT ${QUESTION_COLUMNS}, ${REVISION} FROM quiz_questions WHERE id IN (${placeholders(ids.length)})`, ids);
    const found = new Map(rows.map((r) => [r.id as string, questionOf(r)]));
    const revision = rows.length ? Number(saw(rows[0])!.revision) : -1;
    if (revision > questionCache.revision) {
      questionCache.revision = revision;
      cached.clear();
    }
    if (revision === questionCache.revision) for (const [id, q] of found) cached.set(id, q);
    return ids.map((i) => found.get(i)).filter((x): x is QuestionRow => !!x);
  }

  async function orgPathOf(orgId: string): Promise<string | undefined> {
    return (await db.row<{ path: string }>('SELECT path FROM orgs WHERE id = ?', [orgId]))?.path;
  }

  return {
    async upsertBank(bank, questions, at) {
      await db.tx(async (q) => {
        await q.run(
          `INSERT INTO quiz_banks (id, title, description, org_id, created_at) VALUES (?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE title = ?, description = ?`,
          [bank.id, bank.title, bank.description, bank.orgId, at.toISOString(), bank.title, bank.description],
        );
        for (const [i, x] of questions.entries()) {
          const values = [bank.id, x.type, x.stem, JSON.stringify(x.options), JSON.stringify(x.answer), x.explanation, x.source, i];
          await q.run(
            `INSERT INTO quiz_questions (id, bank_id, type, stem, options, answer, explanation, source, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON DUPLICATE KEY UPDATE bank_id = ?, type = ?, stem = ?, options = ?, answer = ?, explanation = ?, source = ?, sort = ?`,
            [x.id, ...values, ...values],
          );
        }
        await q.run('UPDATE quiz_revision SET n = n + 1 WHERE id = 1');
      });
    },
    async banks() {
      return (
        await db.rows<Raw>(`SELECT b.id, b.title, b.description, b.org_id AS orgId, (SELECT COUNT(*) FROM quiz_questions q WHERE q.bank_id = b.id) AS questionCount
           FROM quiz_banks b ORDER BY b.created_at, b.id`)
      ).map((r) => ({ ...r, questionCount: Number(r.questionCount) })) as never;
    },
    async questionsOfBanks(bankIds) {
      if (!bankIds.length) return [];
      return (
        await db.rows<Raw>(`SELECT ${QUESTION_COLUMNS} FROM quiz_questions WHERE bank_id IN (${placeholders(bankIds.length)}) ORDER BY bank_id, sort`, bankIds)
      ).map(questionOf);
    },
    questionsByIds: questionRowsByIds,
    async createCampaign(c, at) {
      const path = await orgPathOf(c.orgId);
      if (!path) return undefined;
      return Number((await db.run(INSERT_CAMPAIGN_SQL, insertCampaignValues(c, path, at))).insertId);
    },
    async updateCampaign(id, c, at) {
      const path = await orgPathOf(c.orgId);
      if (!path) return false;
      await db.run(UPDATE_CAMPAIGN_SQL, updateCampaignValues(id, c, path, at));
      return true;
    },
    async campaignStats(campaignId) {
      const [attempts, members, anonymous] = await db.batch([
        { sql: 'SELECT COUNT(*) AS n FROM quiz_attempts WHERE campaign_id = ? AND submitted_at IS NOT NULL', params: [campaignId] },
        // Members' best scores are counted as they are scored (the campaign-wide score totals of quiz_rank_counts); a
        // deleted member's attempts count each on their own.
        { sql: "SELECT score, n FROM quiz_rank_counts WHERE campaign_id = ? AND scope_id = '' AND span_ms = 0", params: [campaignId] },
        {
          sql: 'SELECT score, COUNT(*) AS n FROM quiz_attempts WHERE member_id IS NULL AND campaign_id = ? AND submitted_at IS NOT NULL GROUP BY score',
          params: [campaignId],
        },
      ]);
      const byScore = new Map<number, number>();
      for (const r of [...members.rows, ...anonymous.rows]) byScore.set(Number(r.score), (byScore.get(Number(r.score)) ?? 0) + Number(r.n));
      const bestScores: ScoreCount[] = [...byScore]
        .filter(([, count]) => count > 0)
        .sort(([a], [b]) => a - b)
        .map(([score, count]) => ({ score, count }));
      // Shown: from each scored attempt's question list; right: from the ids it got right (both on the row). JSON_TABLE
      // is not in TiDB, so the rows are read once, as a stream.
      const shown = new Map<string, number>();
      const correct = new Map<string, number>();
      await db.eachRow<{ questions: string; correctIds: string | null }>(
        'SELECT questions, correct_ids AS correctIds FROM quiz_attempts WHERE campaign_id = ? AND submitted_at IS NOT NULL',
        [campaignId],
        (a) => {
          for (const ref of JSON.parse(a.questions) as { id: string }[]) shown.set(ref.id, (shown.get(ref.id) ?? 0) + 1);
          for (const id of JSON.parse(a.correctIds ?? '[]') as string[]) correct.set(id, (correct.get(id) ?? 0) + 1);
        },
      );
      const stems = shown.size ? await db.rows<Raw>(`SELECT id, stem FROM quiz_questions WHERE id IN (${placeholders(shown.size)})`, [...shown.keys()]) : [];
      const questions = stems
        .map((q) => ({ id: q.id as string, stem: q.stem as string, shown: shown.get(q.id)!, correct: correct.get(q.id) ?? 0 }))
        .sort((a, b) => a.correct / a.shown - b.correct / b.shown || b.shown - a.shown);
      return { attempts: Number(attempts.rows[0].n), bestScores, questions };
    },
    async results(campaignId) {
      return (
        await db.rows<Raw>(
          `SELECT a.id AS attemptId, m.nickname, o.name AS orgName, a.score, a.correct_count AS correctCount, a.total, a.duration_ms AS durationMs,
             a.passed, a.started_at AS startedAt, a.submitted_at AS submittedAt
           FROM quiz_attempts a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN orgs o ON o.id = a.org_id
           WHERE a.campaign_id = ? AND a.submitted_at IS NOT NULL ORDER BY a.submitted_at DESC LIMIT 100000`,
          [campaignId],
        )
      ).map((r) => ({ ...r, attemptId: Number(r.attemptId), passed: Number(r.passed) === 1 })) as never;
    },
    // Read each time: another host may have changed it (a cache here would need that host's word).
    async getCampaign(id) {
      return campaignOf(await db.row<Raw>(`SELECT ${CAMPAIGN_COLUMNS} FROM quiz_campaigns c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?`, [id]));
    },
    async campaigns() {
      return (await db.rows<Raw>(`SELECT ${CAMPAIGN_COLUMNS} FROM quiz_campaigns c JOIN orgs o ON o.id = c.org_id ORDER BY c.opens_at DESC, c.id DESC`)).map(
        (r) => campaignOf(r)!,
      );
    },
    async memberStats(memberId, day) {
      return (
        await db.rows<Raw>(
          `SELECT campaign_id AS campaignId, COUNT(*) AS attempts, COALESCE(SUM(day = ?), 0) AS attemptsToday, MAX(score) AS bestScore,
             MAX(CASE WHEN submitted_at IS NULL THEN id END) AS unfinishedAttemptId,
             MAX(CASE WHEN submitted_at IS NOT NULL THEN id END) AS lastAttemptId
           FROM quiz_attempts WHERE member_id = ? GROUP BY campaign_id`,
          [day, memberId],
        )
      ).map((r) => ({
        campaignId: Number(r.campaignId),
        attempts: Number(r.attempts),
        attemptsToday: Number(r.attemptsToday),
        bestScore: r.bestScore === null ? null : Number(r.bestScore),
        unfinishedAttemptId: r.unfinishedAttemptId === null ? null : Number(r.unfinishedAttemptId),
        lastAttemptId: r.lastAttemptId === null ? null : Number(r.lastAttemptId),
      }));
    },
    async startAttempt<R>(req: StartRequest<R>): Promise<StartOutcome<R>> {
      return db.tx(async (q): Promise<StartOutcome<R>> => {
        // The member row's lock makes the limit check and the insert one step for this member, on every host.
        await lockMember(q, req.memberId);
        const open = attemptOf(
          await q.row<Raw>(
            `SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE member_id = ? AND campaign_id = ? AND submitted_at IS NULL ORDER BY id DESC LIMIT 1`,
            [req.memberId, req.campaignId],
          ),
        );
        if (open && req.resumable(open)) return { kind: 'resumed', attempt: open };
        const used = await q.row<Raw>(
          'SELECT COUNT(*) AS total, COALESCE(SUM(day = ?), 0) AS today FROM quiz_attempts WHERE member_id = ? AND campaign_id = ?',
          [req.day, req.memberId, req.campaignId],
        );
        const refusal = req.refusal({ total: Number(used!.total), today: Number(used!.today) });
        if (refusal !== null) return { kind: 'refused', refusal };
        const questions = req.draw();
        const r = await q.run(
          `INSERT INTO quiz_attempts (campaign_id, member_id, org_id, city_id, county_id, day, started_at, deadline_at, questions, total)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            req.campaignId,
            req.memberId,
            req.orgId,
            req.cityId,
            req.countyId,
            req.day,
            req.startedAt.toISOString(),
            req.deadlineAt.toISOString(),
            JSON.stringify(questions),
            questions.length,
          ],
        );
        return { kind: 'started', attempt: (await attemptById(q, Number(r.insertId)))! };
      });
    },
    async getAttempt(id) {
      return attemptById(db, id);
    },
    async savedAnswers(attemptId) {
      return savedOf(db, attemptId);
    },
    async saveAnswer(attemptId, questionId, choice, at) {
      // One statement: it reads the attempt row with a shared lock, so it waits for a scoring in progress and
      // then finds the attempt scored (nothing saved).
      const json = JSON.stringify(choice);
      const r = await db.run(
        `INSERT INTO quiz_answers (attempt_id, question_id, choice, saved_at)
         SELECT id, ?, ?, ? FROM quiz_attempts WHERE id = ? AND submitted_at IS NULL
         ON DUPLICATE KEY UPDATE choice = ?, saved_at = ?`,
        [questionId, json, at.toISOString(), attemptId, json, at.toISOString()],
      );
      return r.affected > 0;
    },
    submit: submitGroup,
    async overdueAttempts(where, cutoff) {
      const [column, key] = 'campaignId' in where ? ['campaign_id', where.campaignId] : ['member_id', where.memberId];
      return (
        await db.rows<Raw>(
          `SELECT ${ATTEMPT_COLUMNS}, ${REVISION} FROM quiz_attempts WHERE ${column} = ? AND submitted_at IS NULL AND deadline_at < ? ORDER BY id LIMIT 500`,
          [key, cutoff.toISOString()],
        )
      ).map((r) => attemptOf(saw(r))!);
    },
    async forgetMember(memberId) {
      await db.tx(async (q) => {
        await lockMember(q, memberId);
        const entries = await q.rows<{ campaignId: number }>('SELECT campaign_id AS campaignId FROM quiz_best WHERE member_id = ?', [memberId]);
        for (const { campaignId } of entries) {
          const best = await bestOf(q, campaignId, memberId, true);
          if (!best) continue;
          for (const { sql, params } of cellChanges([{ campaignId, from: best }])) await q.run(sql, params);
          await q.run('DELETE FROM quiz_best WHERE campaign_id = ? AND member_id = ?', [campaignId, memberId]);
        }
        await q.run('UPDATE quiz_attempts SET member_id = NULL WHERE member_id = ?', [memberId]);
      });
    },
    async recount(campaignId) {
      await db.tx(async (q) => {
        await q.run('DELETE FROM quiz_rank_counts WHERE campaign_id = ?', [campaignId]);
        await q.run(rankCountsRebuild('= ?'), [campaignId, campaignId, campaignId]);
      });
    },
    async attemptsOf(memberId) {
      return (
        await db.rows<Raw>(
          `SELECT c.title, a.started_at AS startedAt, a.submitted_at AS submittedAt, a.score FROM quiz_attempts a
           JOIN quiz_campaigns c ON c.id = a.campaign_id WHERE a.member_id = ? ORDER BY a.id`,
          [memberId],
        )
      ).map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) })) as never;
    },
    async rankOf(campaignId, memberId, scope) {
      const { where, args } = scopeWhere(scope, 'b.');
      const me = await db.row<Raw>(
        `SELECT b.member_id AS memberId, m.nickname, o.name AS orgName, b.score, b.duration_ms AS durationMs, b.submitted_at AS submittedAt
         FROM quiz_best b JOIN members m ON m.id = b.member_id LEFT JOIN orgs o ON o.id = b.org_id
         WHERE b.campaign_id = ? AND b.member_id = ?${where}`,
        [campaignId, memberId, ...args],
      );
      if (!me) return null;
      const entry: RankedEntry = { memberId: Number(me.memberId), nickname: me.nickname, orgName: me.orgName, score: me.score, durationMs: me.durationMs };
      return { ...(await standingAmong(db, campaignId, scope, memberId, me as BestEntry)), entry };
    },
    async top(campaignId, scope, limit) {
      const { where, args } = scopeWhere(scope, 'b.');
      // The top entries by the rank index, then their names: the join never decides the order.
      return (
        await db.rows<Raw>(
          `SELECT b.member_id AS memberId, m.nickname, o.name AS orgName, b.score, b.duration_ms AS durationMs
           FROM (SELECT member_id, org_id, score, duration_ms, submitted_at FROM quiz_best b WHERE b.campaign_id = ?${where}
                 ORDER BY b.score DESC, b.duration_ms, b.submitted_at, b.member_id LIMIT ${Math.max(0, Math.floor(limit))}) b
           JOIN members m ON m.id = b.member_id LEFT JOIN orgs o ON o.id = b.org_id
           ORDER BY b.score DESC, b.duration_ms, b.submitted_at, b.member_id`,
          [campaignId, ...args],
        )
      ).map((r) => ({ ...r, memberId: Number(r.memberId) })) as RankedEntry[];
    },
    async participants(campaignId, scope) {
      const r = await db.row<Raw>('SELECT COALESCE(SUM(n), 0) AS n FROM quiz_rank_counts WHERE campaign_id = ? AND scope_id = ? AND span_ms = 0', [
        campaignId,
        scopeKey(scope),
      ]);
      return Number(r!.n);
    },
    async orgRanking(campaignId, level) {
      const col = level === 2 ? 'city_id' : 'county_id';
      return (
        await db.rows<Raw>(
          `SELECT ${col} AS orgId, COUNT(*) AS participants, ROUND(AVG(score), 1) AS averageScore FROM quiz_best
           WHERE campaign_id = ? AND ${col} IS NOT NULL GROUP BY ${col} ORDER BY averageScore DESC, participants DESC`,
          [campaignId],
        )
      ).map((r) => ({ orgId: r.orgId, participants: Number(r.participants), averageScore: Number(r.averageScore) }));
    },
  };
}
