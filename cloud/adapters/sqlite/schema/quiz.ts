import type { Migration } from '../migrate';

export const quizMigrations: Migration[] = [
  {
    id: '100_quiz',
    sql: `
      CREATE TABLE quiz_banks (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        org_id TEXT NOT NULL REFERENCES orgs(id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE quiz_questions (
        id TEXT PRIMARY KEY,
        bank_id TEXT NOT NULL REFERENCES quiz_banks(id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('single','multiple','judge')),
        stem TEXT NOT NULL,
        options TEXT NOT NULL,      -- JSON array of strings, in bank order
        answer TEXT NOT NULL,       -- JSON array of option indices (bank order)
        explanation TEXT NOT NULL DEFAULT '',
        source TEXT,
        sort INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX quiz_questions_bank ON quiz_questions(bank_id, sort);

      CREATE TABLE quiz_campaigns (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        cover TEXT,
        org_id TEXT NOT NULL REFERENCES orgs(id),
        org_path TEXT NOT NULL,
        draws TEXT NOT NULL,         -- JSON [{bankId, count}]
        opens_at TEXT NOT NULL,
        closes_at TEXT NOT NULL,
        time_limit_sec INTEGER NOT NULL,
        attempts_per_day INTEGER NOT NULL,
        attempts_total INTEGER NOT NULL,
        pass_mark INTEGER NOT NULL,
        show_review INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX quiz_campaigns_org ON quiz_campaigns(org_path);

      -- Attempts feed aggregate counts, so a deleted member's attempts stay, anonymous.
      CREATE TABLE quiz_attempts (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES quiz_campaigns(id) ON DELETE CASCADE,
        member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
        org_id TEXT,
        city_id TEXT,
        county_id TEXT,
        day TEXT NOT NULL,            -- Beijing-time date of the start, for the per-day limit
        started_at TEXT NOT NULL,
        deadline_at TEXT NOT NULL,
        questions TEXT NOT NULL,      -- JSON [{id, order:[bank indices in shown order]}]
        submitted_at TEXT,
        score INTEGER,
        correct_count INTEGER,
        total INTEGER NOT NULL,
        duration_ms INTEGER,
        passed INTEGER
      );
      CREATE INDEX quiz_attempts_member ON quiz_attempts(member_id, campaign_id, day);
      CREATE INDEX quiz_attempts_campaign ON quiz_attempts(campaign_id, submitted_at);

      CREATE TABLE quiz_answers (
        attempt_id INTEGER NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        choice TEXT NOT NULL,         -- JSON array of bank-order option indices
        correct INTEGER NOT NULL DEFAULT 0,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, question_id)
      ) WITHOUT ROWID;

      -- Each member's best submitted attempt per campaign: the leaderboard. Kept up to date in the
      -- submit transaction. Ordered by score desc, duration asc, submitted_at asc.
      CREATE TABLE quiz_best (
        campaign_id INTEGER NOT NULL REFERENCES quiz_campaigns(id) ON DELETE CASCADE,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        attempt_id INTEGER NOT NULL,
        city_id TEXT,
        county_id TEXT,
        org_id TEXT,
        score INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        submitted_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, member_id)
      ) WITHOUT ROWID;
      CREATE INDEX quiz_best_rank ON quiz_best(campaign_id, score DESC, duration_ms, submitted_at);
      CREATE INDEX quiz_best_city ON quiz_best(campaign_id, city_id, score DESC, duration_ms, submitted_at);
      CREATE INDEX quiz_best_county ON quiz_best(campaign_id, county_id, score DESC, duration_ms, submitted_at);

      -- How many best entries fall in each (score, 10-second time band), per campaign and scope
      -- ('' = whole campaign, else a 盟市 or 旗县 id): my rank = entries in better cells (a sum over at
      -- most a few thousand small rows) + those ahead of me in my own cell (an index range count).
      CREATE TABLE quiz_score_counts (
        campaign_id INTEGER NOT NULL,
        scope_id TEXT NOT NULL,
        score INTEGER NOT NULL,
        band INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, scope_id, score, band)
      ) WITHOUT ROWID;
    `,
  },
];

// quiz_score_counts follows quiz_best through triggers, so every way a best row changes
// (submit, bulk load, a member deleting their account) keeps the counts right.
quizMigrations.push({
  id: '101_quiz_score_count_triggers',
  sql: `
    CREATE TRIGGER quiz_best_ins AFTER INSERT ON quiz_best BEGIN
      INSERT INTO quiz_score_counts VALUES (NEW.campaign_id, '', NEW.score, NEW.duration_ms / 10000, 1) ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO quiz_score_counts SELECT NEW.campaign_id, NEW.city_id, NEW.score, NEW.duration_ms / 10000, 1 WHERE NEW.city_id IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO quiz_score_counts SELECT NEW.campaign_id, NEW.county_id, NEW.score, NEW.duration_ms / 10000, 1 WHERE NEW.county_id IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER quiz_best_del AFTER DELETE ON quiz_best BEGIN
      UPDATE quiz_score_counts SET n = n - 1 WHERE campaign_id = OLD.campaign_id AND score = OLD.score AND band = OLD.duration_ms / 10000
        AND (scope_id = '' OR scope_id = OLD.city_id OR scope_id = OLD.county_id);
    END;
    CREATE TRIGGER quiz_best_upd AFTER UPDATE OF score, duration_ms, city_id, county_id ON quiz_best BEGIN
      UPDATE quiz_score_counts SET n = n - 1 WHERE campaign_id = OLD.campaign_id AND score = OLD.score AND band = OLD.duration_ms / 10000
        AND (scope_id = '' OR scope_id = OLD.city_id OR scope_id = OLD.county_id);
      INSERT INTO quiz_score_counts VALUES (NEW.campaign_id, '', NEW.score, NEW.duration_ms / 10000, 1) ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO quiz_score_counts SELECT NEW.campaign_id, NEW.city_id, NEW.score, NEW.duration_ms / 10000, 1 WHERE NEW.city_id IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
      INSERT INTO quiz_score_counts SELECT NEW.campaign_id, NEW.county_id, NEW.score, NEW.duration_ms / 10000, 1 WHERE NEW.county_id IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
    END;
  `,
});

// Attempts that were started and never submitted are scored once deadline + grace has passed
// (lazily, see settleOverdue in handlers.ts): this index finds a campaign's overdue ones by range.
quizMigrations.push({
  id: '102_quiz_attempts_overdue_index',
  sql: `
    DROP INDEX quiz_attempts_campaign;
    CREATE INDEX quiz_attempts_campaign ON quiz_attempts(campaign_id, submitted_at, deadline_at);
  `,
});

// A scored attempt carries the answers it was scored on (JSON [[questionId, [bank indices]], …]) and the
// ids it got right (JSON [questionId, …]) on its own row: 交卷 then writes one row, not one per question, and
// the review and the per-question statistics read exactly what was scored. quiz_answers keeps the answers
// saved while answering (for resuming), as before.
quizMigrations.push({
  id: '103_quiz_scored_answers_on_attempt',
  sql: `
    ALTER TABLE quiz_attempts ADD COLUMN answers TEXT;
    ALTER TABLE quiz_attempts ADD COLUMN correct_ids TEXT;
    UPDATE quiz_attempts SET
      answers = (SELECT json_group_array(json_array(question_id, json(choice))) FROM quiz_answers WHERE attempt_id = quiz_attempts.id),
      correct_ids = (SELECT json_group_array(question_id) FROM quiz_answers WHERE attempt_id = quiz_attempts.id AND correct = 1)
    WHERE submitted_at IS NOT NULL;
  `,
});

// 交卷 sets submitted_at. Indexed by it, every submit moved an index entry (two index pages written per
// commit, about 8 µs a submit in a burst). Only the unsubmitted attempts need finding by deadline (the
// lazy time-outs), so they get a partial index that a submit merely leaves; the campaign's attempts are
// found by campaign alone, an index a submit does not touch.
quizMigrations.push({
  id: '104_quiz_attempts_open_index',
  sql: `
    DROP INDEX quiz_attempts_campaign;
    CREATE INDEX quiz_attempts_campaign ON quiz_attempts(campaign_id);
    CREATE INDEX quiz_attempts_open ON quiz_attempts(campaign_id, deadline_at) WHERE submitted_at IS NULL;
  `,
});

// The leaderboard counts are kept by the quiz adapter's own statements, in the transaction that changes a
// best entry (and by forgetMember before a member's account goes), as the MySQL adapter, which may use no
// triggers, keeps them: one way for both stores.
quizMigrations.push({
  id: '105_quiz_score_counts_without_triggers',
  sql: `
    DROP TRIGGER quiz_best_ins;
    DROP TRIGGER quiz_best_del;
    DROP TRIGGER quiz_best_upd;
  `,
});
