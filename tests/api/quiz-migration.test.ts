import { openDatabase } from '../../cloud/adapters/sqlite/db';
import { migrate } from '../../cloud/adapters/sqlite/migrate';
import { migrations } from '../../cloud/adapters/sqlite/migrations';
import { tempDir } from '../support/app';

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
