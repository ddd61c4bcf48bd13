import { groupCommitOf } from './group-commit';
import { statementCache, type Db } from './db';
import { rowCache } from './row-cache';
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
  StartOutcome,
  StartRequest,
  SubmitOutcome,
  SubmitRequest,
} from '../../features/quiz/repo';
import { settledAttempt } from '../../features/quiz/repo';
import { ledgerWriter } from './points';
import { INSERT_CAMPAIGN_SQL, insertCampaignValues, placedEntryOf, UPDATE_CAMPAIGN_SQL, updateCampaignValues, type PlacedEntry } from '../shared/quiz';

const CAMPAIGN_COLUMNS = `c.id, c.title, c.description, c.cover, c.org_id AS orgId, c.org_path AS orgPath, o.name AS orgName,
  c.draws, c.opens_at AS opensAt, c.closes_at AS closesAt, c.time_limit_sec AS timeLimitSec,
  c.attempts_per_day AS attemptsPerDay, c.attempts_total AS attemptsTotal, c.pass_mark AS passMark, c.show_review AS showReview`;
// Attempt rows are read as arrays (statements in raw mode) and named once, here: for the row every 交卷 reads,
// better-sqlite3 building a keyed object cost more than reading the row itself.
const ATTEMPT_COLUMNS = `id, campaign_id, member_id, day, started_at, deadline_at, questions, submitted_at, score, correct_count, total,
  duration_ms, passed, answers, city_id, county_id, org_id`;

type Raw = Record<string, any>;
const campaignOf = (r: Raw | undefined): CampaignRow | undefined => r && ({ ...r, draws: JSON.parse(r.draws), showReview: r.showReview === 1 } as CampaignRow);
const attemptOf = (r: unknown[] | undefined): AttemptRow | undefined => {
  if (!r) return undefined;
  const [
    id,
    campaignId,
    memberId,
    day,
    startedAt,
    deadlineAt,
    questions,
    submittedAt,
    score,
    correctCount,
    total,
    durationMs,
    passed,
    answers,
    cityId,
    countyId,
    orgId,
  ] = r as any[];
  return {
    id,
    campaignId,
    memberId,
    day,
    startedAt,
    deadlineAt,
    questions: JSON.parse(questions),
    submittedAt,
    score,
    correctCount,
    total,
    durationMs,
    passed: passed === null ? null : passed === 1,
    answers: answers === null ? null : new Map(JSON.parse(answers)),
    cityId,
    countyId,
    orgId,
  };
};
/** quiz_score_counts groups best entries in cells of one score and this much time. */
const BAND_MS = 10_000;
const questionOf = (r: Raw): QuestionRow => ({ ...r, options: JSON.parse(r.options), answer: JSON.parse(r.answer) }) as QuestionRow;

const QUESTION_COLUMNS = `id, bank_id AS bankId, type, stem, options, answer, explanation, source`;

export function sqliteQuizRepo(db: Db): QuizRepo {
  const campaignById = db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM quiz_campaigns c JOIN orgs o ON o.id = c.org_id WHERE c.id = ?`);
  const attemptById = db.prepare(`SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE id = ?`).raw();
  const attemptOfId = (id: number | bigint) => attemptOf(attemptById.get(id) as unknown[] | undefined);
  const unfinished = db
    .prepare(`SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE member_id = ? AND campaign_id = ? AND submitted_at IS NULL ORDER BY id DESC LIMIT 1`)
    .raw();
  const counts = db.prepare(`SELECT COUNT(*) AS total, COALESCE(SUM(day = ?), 0) AS today FROM quiz_attempts WHERE member_id = ? AND campaign_id = ?`);
  const insertAttempt = db.prepare(
    `INSERT INTO quiz_attempts (campaign_id, member_id, org_id, city_id, county_id, day, started_at, deadline_at, questions, total)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const answersOf = db.prepare('SELECT question_id AS questionId, choice, saved_at AS savedAt FROM quiz_answers WHERE attempt_id = ?');
  // The save applies only while the attempt is unscored: a save racing its submit is refused, not lost silently.
  const saveIfOpen = db.prepare(
    `INSERT INTO quiz_answers (attempt_id, question_id, choice, saved_at)
     SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM quiz_attempts WHERE id = ? AND submitted_at IS NULL)
     ON CONFLICT(attempt_id, question_id) DO UPDATE SET choice = excluded.choice, saved_at = excluded.saved_at`,
  );
  const finish = db.prepare(
    `UPDATE quiz_attempts SET submitted_at = ?, score = ?, correct_count = ?, duration_ms = ?, passed = ?, answers = ?, correct_ids = ? WHERE id = ? AND submitted_at IS NULL`,
  );
  const bestOf = db.prepare(
    'SELECT score, duration_ms AS durationMs, submitted_at AS submittedAt, city_id AS cityId, county_id AS countyId FROM quiz_best WHERE campaign_id = ? AND member_id = ?',
  );
  const putBest = db.prepare(
    `INSERT INTO quiz_best (campaign_id, member_id, attempt_id, city_id, county_id, org_id, score, duration_ms, submitted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(campaign_id, member_id) DO UPDATE SET attempt_id = excluded.attempt_id, city_id = excluded.city_id,
       county_id = excluded.county_id, org_id = excluded.org_id, score = excluded.score,
       duration_ms = excluded.duration_ms, submitted_at = excluded.submitted_at`,
  );
  const bestOfMember = db.prepare(
    'SELECT campaign_id AS campaignId, score, duration_ms AS durationMs, submitted_at AS submittedAt, city_id AS cityId, county_id AS countyId FROM quiz_best WHERE member_id = ?',
  );
  const deleteBest = db.prepare('DELETE FROM quiz_best WHERE campaign_id = ? AND member_id = ?');
  const anonymise = db.prepare('UPDATE quiz_attempts SET member_id = NULL WHERE member_id = ?');
  const countUp = db.prepare(
    'INSERT INTO quiz_score_counts (campaign_id, scope_id, score, band, n) VALUES (?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1',
  );
  const countDown = db.prepare('UPDATE quiz_score_counts SET n = n - 1 WHERE campaign_id = ? AND scope_id IN (?, ?, ?) AND score = ? AND band = ?');
  const overdueOfCampaign = db
    .prepare(`SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE campaign_id = ? AND submitted_at IS NULL AND deadline_at < ? ORDER BY id LIMIT 500`)
    .raw();
  const overdueOfMember = db
    .prepare(`SELECT ${ATTEMPT_COLUMNS} FROM quiz_attempts WHERE member_id = ? AND submitted_at IS NULL AND deadline_at < ? ORDER BY id LIMIT 500`)
    .raw();

  /**
   * The leaderboard counts follow the best entries through these statements, run in the transaction that
   * changes an entry (no triggers: the MySQL adapter keeps them the same way).
   */
  const uncount = (campaignId: number, e: PlacedEntry) => countDown.run(campaignId, '', e.cityId, e.countyId, e.score, Math.floor(e.durationMs / BAND_MS));
  const count = (campaignId: number, e: PlacedEntry) => {
    const band = Math.floor(e.durationMs / BAND_MS);
    for (const scope of ['', e.cityId, e.countyId]) if (scope !== null) countUp.run(campaignId, scope, e.score, band);
  };

  const start = db.transaction(<R>(req: StartRequest<R>): StartOutcome<R> => {
    const open = attemptOf(unfinished.get(req.memberId, req.campaignId) as unknown[] | undefined);
    if (open && req.resumable(open)) return { kind: 'resumed', attempt: open };
    const refusal = req.refusal(counts.get(req.day, req.memberId, req.campaignId) as { total: number; today: number });
    if (refusal !== null) return { kind: 'refused', refusal };
    const questions = req.draw();
    const r = insertAttempt.run(
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
    );
    return { kind: 'started', attempt: attemptOfId(r.lastInsertRowid)! };
  });

  const savedOf = (attemptId: number): SavedAnswer[] =>
    (answersOf.all(attemptId) as { questionId: string; choice: string; savedAt: string }[]).map((r) => ({ ...r, choice: JSON.parse(r.choice) as number[] }));

  const inGroupCommit = groupCommitOf(db);
  const payPoints = ledgerWriter(db);
  // Runs inside the group commit's savepoint: the claim, the answers, the best entry, the points and
  // my standing are one atomic step that commits with the burst it arrived in.
  const submit = (req: SubmitRequest, campaign: CampaignRow | undefined, questions: Map<string, QuestionRow>): SubmitOutcome | undefined => {
    const attempt = attemptOfId(req.attemptId);
    if (!attempt) return undefined;
    const rules = req.score({ attempt, campaign, questions });
    if (attempt.submittedAt !== null || !rules) return { attempt, campaign, firstTime: false, standing: standingOf(attempt) };
    const s = rules.settle(rules.withSaved ? savedOf(attempt.id) : []);
    // The claim: only the first scoring of an attempt changes the row.
    const claimed = finish.run(
      s.submittedAt,
      s.score,
      s.correctCount,
      s.durationMs,
      s.passed ? 1 : 0,
      JSON.stringify([...s.answers]),
      JSON.stringify(s.correctIds),
      attempt.id,
    );
    if (claimed.changes === 0) {
      const current = attemptOfId(attempt.id)!;
      return { attempt: current, campaign, firstTime: false, standing: standingOf(current) };
    }
    const done = settledAttempt(attempt, s);
    if (attempt.memberId === null) return { attempt: done, campaign, firstTime: true, standing: null };
    const best = bestOf.get(attempt.campaignId, attempt.memberId) as PlacedEntry | undefined;
    const candidate = placedEntryOf(attempt, s);
    let mine = best!;
    if (rules.better(candidate, best)) {
      if (best) uncount(attempt.campaignId, best);
      putBest.run(attempt.campaignId, attempt.memberId, attempt.id, attempt.cityId, attempt.countyId, attempt.orgId, s.score, s.durationMs, s.submittedAt);
      count(attempt.campaignId, candidate);
      mine = candidate;
    }
    for (const award of rules.awards(done, !!best)) payPoints(award);
    return { attempt: done, campaign, firstTime: true, standing: standingAmong(attempt.campaignId, { kind: 'all' }, attempt.memberId, mine) };
  };
  /** The member's standing in the whole campaign, read inside the caller's transaction. */
  const standingOf = (a: AttemptRow) => {
    if (a.memberId === null) return null;
    const best = bestOf.get(a.campaignId, a.memberId) as BestEntry | undefined;
    return best ? standingAmong(a.campaignId, { kind: 'all' }, a.memberId, best) : null;
  };

  const forget = db.transaction((memberId: number) => {
    for (const e of bestOfMember.all(memberId) as (PlacedEntry & { campaignId: number })[]) {
      uncount(e.campaignId, e);
      deleteBest.run(e.campaignId, memberId);
    }
    anonymise.run(memberId);
  });
  const recount = db.transaction((campaignId: number) => {
    db.prepare('DELETE FROM quiz_score_counts WHERE campaign_id = ?').run(campaignId);
    db.prepare(
      `INSERT INTO quiz_score_counts (campaign_id, scope_id, score, band, n)
         SELECT campaign_id, '', score, duration_ms / ${BAND_MS}, COUNT(*) FROM quiz_best WHERE campaign_id = @c GROUP BY score, duration_ms / ${BAND_MS}
         UNION ALL SELECT campaign_id, city_id, score, duration_ms / ${BAND_MS}, COUNT(*) FROM quiz_best WHERE campaign_id = @c AND city_id IS NOT NULL GROUP BY city_id, score, duration_ms / ${BAND_MS}
         UNION ALL SELECT campaign_id, county_id, score, duration_ms / ${BAND_MS}, COUNT(*) FROM quiz_best WHERE campaign_id = @c AND county_id IS NOT NULL GROUP BY county_id, score, duration_ms / ${BAND_MS}`,
    ).run({ c: campaignId });
  });

  // Every 交卷 and 答题 reads its campaign and questions; the shared row cache keeps them honest across
  // repos and processes (row-cache.ts). A campaign row carries its org's name, so orgs changes drop them too.
  const questionRows = rowCache<string, QuestionRow>(db, { tables: ['quiz_questions'], keyColumn: 'id', max: 20_000 });
  const campaignRows = rowCache<number, CampaignRow>(db, { tables: ['quiz_campaigns', 'orgs'], max: 1_000 });
  const scopeSql = (scope: RankScope) =>
    scope.kind === 'all' ? { where: '', args: [] as string[] } : { where: ` AND ${scope.kind}_id = ?`, args: [scope.orgId] };
  const scopeKey = (scope: RankScope) => (scope.kind === 'all' ? '' : scope.orgId);
  const cached = statementCache(db);
  const campaignOfId = (id: number) => campaignRows.get(id, () => campaignOf(campaignById.get(id) as Raw | undefined));
  /** Question rows by id (those that exist), from the row cache where it holds them. */
  function questionMap(ids: readonly string[]): Map<string, QuestionRow> {
    const found = new Map<string, QuestionRow>();
    for (const i of ids) {
      const q = questionRows.get(i, () => undefined);
      if (q) found.set(i, q);
    }
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length) {
      const mark = questionRows.mark();
      const rows = cached(`SELECT ${QUESTION_COLUMNS} FROM quiz_questions WHERE id IN (${missing.map(() => '?').join(',')})`).all(...missing) as Raw[];
      for (const r of rows) {
        const q = questionOf(r);
        found.set(q.id, q);
        questionRows.put(q.id, q, mark);
      }
    }
    return found;
  }
  const orgPathOf = db.prepare('SELECT path FROM orgs WHERE id = ?').pluck();
  const scopeTotal = db.prepare('SELECT COALESCE(SUM(n), 0) FROM quiz_score_counts WHERE campaign_id = ? AND scope_id = ?').pluck();
  /**
   * Rank of a best entry among a scope, and how many entries the scope has, in one statement: entries in
   * better (score, time band) cells, plus those ahead of it in its own cell: faster, then as fast but
   * finished earlier, then (fully equal) a lower member id. Each of those three is a plain index range
   * count, with no expression to test per entry, so a crowded cell (everyone on full marks in the same
   * ten seconds) costs little more than an empty one.
   */
  function standingAmong(campaignId: number, scope: RankScope, memberId: number, me: BestEntry): { rank: number; participants: number } {
    const { where, args } = scopeSql(scope);
    const key = scopeKey(scope);
    const band = Math.floor(me.durationMs / BAND_MS);
    const cell = [campaignId, ...args, me.score];
    return cached(
      `SELECT
         (SELECT COALESCE(SUM(n), 0) FROM quiz_score_counts WHERE campaign_id = ? AND scope_id = ? AND (score > ? OR (score = ? AND band < ?)))
         + (SELECT COUNT(*) FROM quiz_best WHERE campaign_id = ?${where} AND score = ? AND duration_ms >= ? AND duration_ms < ?)
         + (SELECT COUNT(*) FROM quiz_best WHERE campaign_id = ?${where} AND score = ? AND duration_ms = ? AND submitted_at < ?)
         + (SELECT COUNT(*) FROM quiz_best WHERE campaign_id = ?${where} AND score = ? AND duration_ms = ? AND submitted_at = ? AND member_id < ?)
         + 1 AS rank,
         (SELECT COALESCE(SUM(n), 0) FROM quiz_score_counts WHERE campaign_id = ? AND scope_id = ?) AS participants`,
    ).get(
      campaignId,
      key,
      me.score,
      me.score,
      band,
      ...cell,
      band * BAND_MS,
      me.durationMs,
      ...cell,
      me.durationMs,
      me.submittedAt,
      ...cell,
      me.durationMs,
      me.submittedAt,
      memberId,
      campaignId,
      key,
    ) as { rank: number; participants: number };
  }

  return {
    async upsertBank(bank, questions, at) {
      const up = db.prepare(
        `INSERT INTO quiz_banks (id, title, description, org_id, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description`,
      );
      const q = db.prepare(
        `INSERT INTO quiz_questions (id, bank_id, type, stem, options, answer, explanation, source, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET bank_id = excluded.bank_id, type = excluded.type, stem = excluded.stem, options = excluded.options,
           answer = excluded.answer, explanation = excluded.explanation, source = excluded.source, sort = excluded.sort`,
      );
      db.transaction(() => {
        up.run(bank.id, bank.title, bank.description, bank.orgId, at.toISOString());
        questions.forEach((x, i) => q.run(x.id, bank.id, x.type, x.stem, JSON.stringify(x.options), JSON.stringify(x.answer), x.explanation, x.source, i));
      })();
    },
    async banks() {
      return db
        .prepare(
          `SELECT b.id, b.title, b.description, b.org_id AS orgId, (SELECT COUNT(*) FROM quiz_questions q WHERE q.bank_id = b.id) AS questionCount
           FROM quiz_banks b ORDER BY b.created_at, b.id`,
        )
        .all() as never;
    },
    async questionsOfBanks(bankIds) {
      if (!bankIds.length) return [];
      return (
        db
          .prepare(`SELECT ${QUESTION_COLUMNS} FROM quiz_questions WHERE bank_id IN (${bankIds.map(() => '?').join(',')}) ORDER BY bank_id, sort`)
          .all(...bankIds) as Raw[]
      ).map(questionOf);
    },
    async questionsByIds(ids) {
      const found = questionMap(ids);
      return ids.map((i) => found.get(i)).filter((q): q is QuestionRow => !!q);
    },
    async createCampaign(c, at) {
      const path = orgPathOf.get(c.orgId) as string | undefined;
      if (!path) return undefined;
      return Number(cached(INSERT_CAMPAIGN_SQL).run(...insertCampaignValues(c, path, at)).lastInsertRowid);
    },
    async updateCampaign(id, c, at) {
      const path = orgPathOf.get(c.orgId) as string | undefined;
      if (!path) return false;
      cached(UPDATE_CAMPAIGN_SQL).run(...updateCampaignValues(id, c, path, at));
      return true;
    },
    async campaignStats(campaignId) {
      const attempts = db.prepare('SELECT COUNT(*) FROM quiz_attempts WHERE campaign_id = ? AND submitted_at IS NOT NULL').pluck().get(campaignId) as number;
      // Best score per member (deleted members' attempts still count, each on its own).
      const bestScores = db
        .prepare(
          `SELECT best AS score, COUNT(*) AS count FROM (
             SELECT MAX(score) AS best FROM quiz_attempts WHERE campaign_id = ? AND submitted_at IS NOT NULL GROUP BY COALESCE(member_id, -id)
           ) GROUP BY best ORDER BY best`,
        )
        .all(campaignId) as ScoreCount[];
      // Shown: from each scored attempt's question list; right: from the ids it got right (both on the row).
      const questions = db
        .prepare(
          `SELECT q.id, q.stem, s.shown, COALESCE(r.correct, 0) AS correct FROM (
             SELECT j.value ->> '$.id' AS qid, COUNT(*) AS shown FROM quiz_attempts a, json_each(a.questions) j
             WHERE a.campaign_id = ? AND a.submitted_at IS NOT NULL GROUP BY qid
           ) s
           LEFT JOIN (
             SELECT k.value AS qid, COUNT(*) AS correct FROM quiz_attempts a, json_each(a.correct_ids) k
             WHERE a.campaign_id = ? AND a.submitted_at IS NOT NULL GROUP BY qid
           ) r ON r.qid = s.qid
           JOIN quiz_questions q ON q.id = s.qid ORDER BY CAST(COALESCE(r.correct, 0) AS REAL) / s.shown, s.shown DESC`,
        )
        .all(campaignId, campaignId) as { id: string; stem: string; shown: number; correct: number }[];
      return { attempts, bestScores, questions };
    },
    async results(campaignId) {
      return (
        db
          .prepare(
            `SELECT a.id AS attemptId, m.nickname, o.name AS orgName, a.score, a.correct_count AS correctCount, a.total, a.duration_ms AS durationMs,
               a.passed, a.started_at AS startedAt, a.submitted_at AS submittedAt
             FROM quiz_attempts a LEFT JOIN members m ON m.id = a.member_id LEFT JOIN orgs o ON o.id = a.org_id
             WHERE a.campaign_id = ? AND a.submitted_at IS NOT NULL ORDER BY a.submitted_at DESC LIMIT 100000`,
          )
          .all(campaignId) as Raw[]
      ).map((r) => ({ ...r, passed: r.passed === 1 })) as never;
    },
    async getCampaign(id) {
      return campaignOfId(id);
    },
    async campaigns() {
      return (
        db.prepare(`SELECT ${CAMPAIGN_COLUMNS} FROM quiz_campaigns c JOIN orgs o ON o.id = c.org_id ORDER BY c.opens_at DESC, c.id DESC`).all() as Raw[]
      ).map((r) => campaignOf(r)!);
    },
    async memberStats(memberId, day) {
      return db
        .prepare(
          `SELECT campaign_id AS campaignId, COUNT(*) AS attempts, COALESCE(SUM(day = ?), 0) AS attemptsToday, MAX(score) AS bestScore,
             MAX(CASE WHEN submitted_at IS NULL THEN id END) AS unfinishedAttemptId,
             MAX(CASE WHEN submitted_at IS NOT NULL THEN id END) AS lastAttemptId
           FROM quiz_attempts WHERE member_id = ? GROUP BY campaign_id`,
        )
        .all(day, memberId) as never;
    },
    async startAttempt<R>(req: StartRequest<R>) {
      return start(req) as StartOutcome<R>;
    },
    async getAttempt(id) {
      return attemptOfId(id);
    },
    async savedAnswers(attemptId) {
      return savedOf(attemptId);
    },
    async saveAnswer(attemptId, questionId, choice, at) {
      return saveIfOpen.run(attemptId, questionId, JSON.stringify(choice), at.toISOString(), attemptId).changes > 0;
    },
    async submit(req) {
      // The campaign and questions first, outside the transaction: the row cache keeps nothing read inside one. An
      // attempt's questions never change after it starts.
      const started = attemptOfId(req.attemptId);
      if (!started) return undefined;
      const campaign = campaignOfId(started.campaignId);
      const questions = questionMap(started.questions.map((q) => q.id));
      // 交卷 bursts (a campaign's last minutes) share their commits: group-commit.ts.
      return inGroupCommit(() => submit(req, campaign, questions));
    },
    async forgetMember(memberId) {
      forget(memberId);
    },
    async recount(campaignId) {
      recount(campaignId);
    },
    async overdueAttempts(where, cutoff) {
      const stmt = 'campaignId' in where ? overdueOfCampaign : overdueOfMember;
      const key = 'campaignId' in where ? where.campaignId : where.memberId;
      return (stmt.all(key, cutoff.toISOString()) as unknown[][]).map((r) => attemptOf(r)!);
    },
    async attemptsOf(memberId) {
      return db
        .prepare(
          `SELECT c.title, a.started_at AS startedAt, a.submitted_at AS submittedAt, a.score FROM quiz_attempts a
           JOIN quiz_campaigns c ON c.id = a.campaign_id WHERE a.member_id = ? ORDER BY a.id`,
        )
        .all(memberId) as never;
    },
    async rankOf(campaignId, memberId, scope) {
      const { where, args } = scopeSql(scope);
      const me = cached(
        `SELECT b.member_id AS memberId, m.nickname, o.name AS orgName, b.score, b.duration_ms AS durationMs, b.submitted_at AS submittedAt
         FROM quiz_best b JOIN members m ON m.id = b.member_id LEFT JOIN orgs o ON o.id = b.org_id
         WHERE b.campaign_id = ? AND b.member_id = ?${where.replace(/ (\w+_id) =/, ' b.$1 =')}`,
      ).get(campaignId, memberId, ...args) as (RankedEntry & { submittedAt: string }) | undefined;
      if (!me) return null;
      const { submittedAt: _s, ...entry } = me;
      return { ...standingAmong(campaignId, scope, memberId, me), entry };
    },
    async top(campaignId, scope, limit) {
      const { where, args } = scopeSql(scope);
      return cached(
        `SELECT b.member_id AS memberId, m.nickname, o.name AS orgName, b.score, b.duration_ms AS durationMs
         FROM quiz_best b JOIN members m ON m.id = b.member_id LEFT JOIN orgs o ON o.id = b.org_id
         WHERE b.campaign_id = ?${where.replace(/ (\w+_id) =/, ' b.$1 =')}
         ORDER BY b.score DESC, b.duration_ms, b.submitted_at, b.member_id LIMIT ?`,
      ).all(campaignId, ...args, limit) as RankedEntry[];
    },
    async participants(campaignId, scope) {
      return scopeTotal.get(campaignId, scopeKey(scope)) as number;
    },
    async orgRanking(campaignId, level) {
      const col = level === 2 ? 'city_id' : 'county_id';
      return db
        .prepare(
          `SELECT ${col} AS orgId, COUNT(*) AS participants, ROUND(AVG(score), 1) AS averageScore FROM quiz_best
           WHERE campaign_id = ? AND ${col} IS NOT NULL GROUP BY ${col} ORDER BY averageScore DESC, participants DESC`,
        )
        .all(campaignId) as never;
    },
  };
}
