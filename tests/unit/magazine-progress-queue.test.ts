import { ProgressQueue, type KeyValueStorage } from '../../src/packages/magazine/lib/progress-queue';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v) };
}
const offline = () => Object.assign(new Error('offline'), { code: 'NETWORK' });

test('keeps only the latest reading per article, by device time', () => {
  const q = new ProgressQueue(memory());
  q.add({ articleId: 1, position: 0.2, readAt: '2026-11-23T01:00:00.000Z' });
  q.add({ articleId: 1, position: 0.5, readAt: '2026-11-23T01:05:00.000Z' });
  q.add({ articleId: 1, position: 0.1, readAt: '2026-11-23T01:02:00.000Z' }); // older: ignored
  q.add({ articleId: 2, position: 0.9, readAt: '2026-11-23T01:03:00.000Z' });
  expect(q.pending()).toEqual([
    { articleId: 1, position: 0.5, readAt: '2026-11-23T01:05:00.000Z' },
    { articleId: 2, position: 0.9, readAt: '2026-11-23T01:03:00.000Z' },
  ]);
});

test('flush sends oldest first; entries stay queued while offline and go once online', async () => {
  const storage = memory();
  const q = new ProgressQueue(storage);
  q.add({ articleId: 1, position: 0.5, readAt: '2026-11-23T01:05:00.000Z' });
  q.add({ articleId: 2, position: 0.9, readAt: '2026-11-23T01:03:00.000Z' });

  expect(await q.flush(async () => Promise.reject(offline()))).toEqual({ sent: 0, left: 2 });
  expect(q.pending()).toHaveLength(2);

  const sent: number[] = [];
  expect(await q.flush(async (p) => void sent.push(p.articleId))).toEqual({ sent: 2, left: 0 });
  expect(sent).toEqual([2, 1]);
  expect(q.pending()).toEqual([]);
  // survives a restart: the queue lives in storage
  q.add({ articleId: 3, position: 0.3, readAt: '2026-11-23T02:00:00.000Z' });
  expect(new ProgressQueue(storage).pending()).toHaveLength(1);
});

test('the network dropping midway keeps the unsent rest; refusals are dropped', async () => {
  const q = new ProgressQueue(memory());
  q.add({ articleId: 1, position: 0.1, readAt: '2026-11-23T01:00:00.000Z' });
  q.add({ articleId: 2, position: 0.2, readAt: '2026-11-23T01:01:00.000Z' });
  q.add({ articleId: 3, position: 0.3, readAt: '2026-11-23T01:02:00.000Z' });
  let n = 0;
  const r = await q.flush(async (p) => {
    n++;
    if (p.articleId === 1) throw Object.assign(new Error('gone'), { code: 'NOT_FOUND' });
    if (n === 3) throw offline();
  });
  expect(r).toEqual({ sent: 1, left: 1 });
  expect(q.pending().map((p) => p.articleId)).toEqual([3]);
});

test('a corrupt stored queue reads as empty', () => {
  const s = memory();
  s.set('magazine:progress-queue', '{not json');
  expect(new ProgressQueue(s).pending()).toEqual([]);
});
