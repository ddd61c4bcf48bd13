import { TABLE, type MysqlMigration } from '../migrate';

const CODE = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';

/**
 * The time spans of quiz_rank_counts' cells inside one score, coarse to fine, each a whole number of the next, so a
 * rank sums a few dozen rows at each span (the coarsest covers the longest time limit in a few dozen cells) and
 * counts the rest in its own finest cell by an index range of quiz_best. Changing them needs a migration that
 * rebuilds the counts.
 */
export const RANK_SPANS_MS = [200_000, 5_000, 125] as const;

/**
 * quiz_rank_counts rebuilt from quiz_best: one row per (campaign, scope, span, score, cell) with entries, span 0
 * being the score's total. `campaign`: the campaigns' filter (a `?` per scope, so three parameters), or none.
 */
export function rankCountsRebuild(campaign = ''): string {
  const where = campaign && ` AND campaign_id ${campaign}`;
  const spans = [0, ...RANK_SPANS_MS].map((span, i) => (i ? `UNION ALL SELECT ${span}` : `SELECT ${span} AS span_ms`)).join(' ');
  return `INSERT INTO quiz_rank_counts (campaign_id, scope_id, span_ms, score, cell, n)
    SELECT e.campaign_id, e.scope_id, s.span_ms, e.score, CASE WHEN s.span_ms = 0 THEN 0 ELSE e.duration_ms DIV s.span_ms END AS cell, COUNT(*)
    FROM (SELECT campaign_id, '' AS scope_id, score, duration_ms FROM quiz_best WHERE 1 = 1${where}
          UNION ALL SELECT campaign_id, city_id, score, duration_ms FROM quiz_best WHERE city_id IS NOT NULL${where}
          UNION ALL SELECT campaign_id, county_id, score, duration_ms FROM quiz_best WHERE county_id IS NOT NULL${where}) e
    CROSS JOIN (${spans}) s
    GROUP BY e.campaign_id, e.scope_id, s.span_ms, e.score, cell`;
}

/**
 * The quiz on MySQL: the same tables and columns as the SQLite adapter (times as the same ISO strings), with
 * no triggers and no foreign keys to other features' tables. The leaderboard is read from quiz_best through
 * its three (campaign[, scope], score DESC, time, finish) indexes and from quiz_rank_counts, which the adapter
 * keeps in the transaction that changes a best entry.
 */
export const quizMigrations: MysqlMigration[] = [
  {
    id: '100_quiz',
    statements: [
      `CREATE TABLE quiz_banks (
        id VARCHAR(100) ${CODE} NOT NULL PRIMARY KEY,
        title VARCHAR(200) NOT NULL,
        description TEXT NOT NULL,
        org_id VARCHAR(32) ${CODE} NOT NULL,
        created_at VARCHAR(32) ${CODE} NOT NULL
      ) ${TABLE}`,
      `CREATE TABLE quiz_questions (
        id VARCHAR(120) ${CODE} NOT NULL PRIMARY KEY,
        bank_id VARCHAR(100) ${CODE} NOT NULL,
        type VARCHAR(16) ${CODE} NOT NULL,
        stem TEXT NOT NULL,
        options TEXT NOT NULL,
        answer VARCHAR(200) ${CODE} NOT NULL,
        explanation TEXT NOT NULL,
        source VARCHAR(300) NULL,
        sort INT NOT NULL DEFAULT 0,
        KEY quiz_questions_bank (bank_id, sort)
      ) ${TABLE}`,
      `CREATE TABLE quiz_campaigns (
        id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        title VARCHAR(200) NOT NULL,
        description TEXT NOT NULL,
        cover VARCHAR(300) NULL,
        org_id VARCHAR(32) ${CODE} NOT NULL,
        org_path VARCHAR(300) ${CODE} NOT NULL,
        draws TEXT NOT NULL,
        opens_at VARCHAR(32) ${CODE} NOT NULL,
        closes_at VARCHAR(32) ${CODE} NOT NULL,
        time_limit_sec INT NOT NULL,
        attempts_per_day INT NOT NULL,
        attempts_total INT NOT NULL,
        pass_mark INT NOT NULL,
        show_review TINYINT NOT NULL DEFAULT 1,
        created_at VARCHAR(32) ${CODE} NOT NULL,
        updated_at VARCHAR(32) ${CODE} NOT NULL
      ) ${TABLE}`,
      // A deleted member's attempts stay (member_id NULL), anonymous, in the counts.
      `CREATE TABLE quiz_attempts (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        campaign_id INT NOT NULL,
        member_id BIGINT NULL,
        org_id VARCHAR(32) ${CODE} NULL,
        city_id VARCHAR(32) ${CODE} NULL,
        county_id VARCHAR(32) ${CODE} NULL,
        day CHAR(10) ${CODE} NOT NULL,
        started_at VARCHAR(32) ${CODE} NOT NULL,
        deadline_at VARCHAR(32) ${CODE} NOT NULL,
        questions TEXT NOT NULL,
        submitted_at VARCHAR(32) ${CODE} NULL,
        score INT NULL,
        correct_count INT NULL,
        total INT NOT NULL,
        duration_ms INT NULL,
        passed TINYINT NULL,
        answers MEDIUMTEXT NULL,
        correct_ids TEXT NULL,
        KEY quiz_attempts_member (member_id, campaign_id, day),
        KEY quiz_attempts_open (campaign_id, submitted_at, deadline_at)
      ) ${TABLE}`,
      `CREATE TABLE quiz_answers (
        attempt_id BIGINT NOT NULL,
        question_id VARCHAR(120) ${CODE} NOT NULL,
        choice VARCHAR(100) ${CODE} NOT NULL,
        saved_at VARCHAR(32) ${CODE} NOT NULL,
        PRIMARY KEY (attempt_id, question_id)
      ) ${TABLE}`,
      `CREATE TABLE quiz_best (
        campaign_id INT NOT NULL,
        member_id BIGINT NOT NULL,
        attempt_id BIGINT NOT NULL,
        city_id VARCHAR(32) ${CODE} NULL,
        county_id VARCHAR(32) ${CODE} NULL,
        org_id VARCHAR(32) ${CODE} NULL,
        score INT NOT NULL,
        duration_ms INT NOT NULL,
        submitted_at VARCHAR(32) ${CODE} NOT NULL,
        PRIMARY KEY (campaign_id, member_id),
        KEY quiz_best_member (member_id),
        KEY quiz_best_rank (campaign_id, score DESC, duration_ms, submitted_at, member_id),
        KEY quiz_best_city (campaign_id, city_id, score DESC, duration_ms, submitted_at, member_id),
        KEY quiz_best_county (campaign_id, county_id, score DESC, duration_ms, submitted_at, member_id)
      ) ${TABLE}`,
      // Best entries per (score, 10-second band), per campaign and scope ('' = the whole campaign, else a 盟市 or
      // 旗县 id): a rank sums the better cells and counts the rest in its own cell by an index range.
      `CREATE TABLE quiz_score_counts (
        campaign_id INT NOT NULL,
        scope_id VARCHAR(32) ${CODE} NOT NULL,
        score INT NOT NULL,
        band INT NOT NULL,
        n INT NOT NULL,
        PRIMARY KEY (campaign_id, scope_id, score, band)
      ) ${TABLE}`,
    ],
  },
  {
    // One number that every change of a question moves (in the change's transaction): a host keeps question
    // rows in memory only while the reads it makes anyway show that number unchanged.
    id: '101_quiz_revision',
    statements: [
      `CREATE TABLE quiz_revision (
        id TINYINT NOT NULL PRIMARY KEY,
        n BIGINT NOT NULL
      ) ${TABLE}`,
      'INSERT INTO quiz_revision (id, n) VALUES (1, 0) ON DUPLICATE KEY UPDATE n = n',
    ],
  },
  {
    // Counts at several spans of time instead of 10-second bands alone: a rank then reads a bounded number of
    // count rows and quiz_best entries however many members share a score and a band, and however long the quiz.
    // Rebuilt from quiz_best (a rerun after a cut-short migration starts from empty again).
    id: '102_quiz_rank_counts',
    statements: [
      `CREATE TABLE quiz_rank_counts (
        campaign_id INT NOT NULL,
        scope_id VARCHAR(32) ${CODE} NOT NULL,
        span_ms INT NOT NULL,
        score INT NOT NULL,
        cell INT NOT NULL,
        n INT NOT NULL,
        PRIMARY KEY (campaign_id, scope_id, span_ms, score, cell)
      ) ${TABLE}`,
      'DELETE FROM quiz_rank_counts',
      rankCountsRebuild(),
      'DROP TABLE IF EXISTS quiz_score_counts',
    ],
  },
];
