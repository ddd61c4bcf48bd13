import { openDatabase } from '../../cloud/adapters/sqlite/db';
import { migrate } from '../../cloud/adapters/sqlite/migrate';
import { migrations } from '../../cloud/adapters/sqlite/migrations';
import { freshMysqlDatabase, tempDir } from '../support/app';
import { mysqlConfigFromUrl, openMysql } from '../../cloud/adapters/mysql/db';
import { migrateMysql } from '../../cloud/adapters/mysql/migrate';
import { mysqlMigrations } from '../../cloud/adapters/mysql/migrations';
import { mysqlQuizRepo } from '../../cloud/adapters/mysql/quiz';
import type { RankScope } from '../../cloud/features/quiz/repo';

// Databases made before 103 kept a scored attempt's answers only in quiz_answers; the migration moves
// what was scored onto the attempt row, so old results keep their review and per-question statistics.
test('migration 103 carries the answers and right ids of attempts scored before it onto their rows', () => {
  const db = openDatabase(tempDir('quiz-migration-'));
  migrate(
    db,
    migrations.filter((m) => m.id < '103_'),
  );
  db.pragma('foreign_keys = OFF');
  db.exec(`
    INSERT INTO quiz_attempts (id, campaign_id, member_id, day, started_at, deadline_at, questions, total, submitted_at, score, correct_count, duration_ms, passed)
      VALUES (1, 1, 1, '2026-05-29', 's', 'd', '[{"id":"q1","order":[0,1]},{"id":"q2","order":[1,0]}]', 2, '2026-05-29T02:00:00.000Z', 50, 1, 60000, 0),
             (2, 1, 1, '2026-05-29', 's', 'd', '[{"id":"q1","order":[0,1]}]', 1, NULL, NULL, NULL, NULL, NULL);
    INSERT INTO quiz_answers (attempt_id, question_id, choice, correct, saved_at) VALUES
      (1, 'q1', '[1]', 1, 't'), (1, 'q2', '[0,1]', 0, 't'), (2, 'q1', '[0]', 0, 't');
  `);
  migrate(db, migrations);
  const rows = db.prepare('SELECT id, answers, correct_ids AS correctIds FROM quiz_attempts ORDER BY id').all() as {
    id: number;
    answers: string | null;
    correctIds: string | null;
  }[];
  expect(new Map(JSON.parse(rows[0].answers!))).toEqual(
    new Map([
      ['q1', [1]],
      ['q2', [0, 1]],
    ]),
  );
  expect(JSON.parse(rows[0].correctIds!)).toEqual(['q1']);
  // Not scored yet: its saved answers stay where resuming reads them.
  expect(rows[1]).toEqual({ id: 2, answers: null, correctIds: null });
  db.close();
});

// MySQL migration 102 replaces the 10-second band counts with counts at several spans of time, rebuilt from
// quiz_best: every existing campaign's ranks and sizes come out of the new counts as a plain sort gives them.
test('MySQL migration 102 rebuilds the leaderboard counts of existing campaigns from their best entries', async () => {
  const { url, drop } = await freshMysqlDatabase();
  const db = openMysql(mysqlConfigFromUrl(url));
  try {
    await migrateMysql(
      db,
      mysqlMigrations.filter((m) => m.id < '102_'),
    );
    const scopes = ['', '150100', '150102', '150400', '150426'];
    const durations = [37_124, 37_125, 37_249, 37_250, 34_999, 35_000, 199_999, 200_000, 37_125];
    const entries = Array.from({ length: 40 }, (_, i) => ({
      campaignId: 1 + (i % 2),
      memberId: i + 1,
      score: i % 4 === 0 ? 90 : 100,
      durationMs: durations[i % durations.length],
      submittedAt: `2026-11-23T03:00:0${i % 3}.000Z`,
      cityId: i % 5 === 0 ? null : i % 2 ? '150100' : '150400',
      countyId: i % 5 === 0 ? null : i % 2 ? '150102' : '150426',
    }));
    for (const e of entries) {
      await db.run("INSERT INTO members (id, openid, nickname, org_id, created_at, updated_at) VALUES (?, ?, ?, NULL, 't', 't')", [
        e.memberId,
        `m${e.memberId}`,
        'm',
      ]);
      await db.run(
        'INSERT INTO quiz_best (campaign_id, member_id, attempt_id, city_id, county_id, org_id, score, duration_ms, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [e.campaignId, e.memberId, e.memberId, e.cityId, e.countyId, e.countyId, e.score, e.durationMs, e.submittedAt],
      );
    }
    await migrateMysql(db, mysqlMigrations);
    expect(await db.rows("SHOW TABLES LIKE 'quiz_score_counts'")).toEqual([]);
    const repo = mysqlQuizRepo(db);
    for (const campaignId of [1, 2])
      for (const key of scopes) {
        const scope: RankScope = key === '' ? { kind: 'all' } : { kind: key.endsWith('00') ? 'city' : 'county', orgId: key };
        const inScope = entries
          .filter((e) => e.campaignId === campaignId && (key === '' || e.cityId === key || e.countyId === key))
          .sort((a, b) => b.score - a.score || a.durationMs - b.durationMs || a.submittedAt.localeCompare(b.submittedAt) || a.memberId - b.memberId);
        expect(await repo.participants(campaignId, scope)).toBe(inScope.length);
        for (const [i, e] of inScope.entries()) expect((await repo.rankOf(campaignId, e.memberId, scope))?.rank).toBe(i + 1);
      }
  } finally {
    await db.close();
    await drop();
  }
});
