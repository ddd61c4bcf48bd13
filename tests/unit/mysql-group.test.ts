import { grouped } from '../../cloud/adapters/mysql/group';

/** A group runner that records how many groups were out at once and answers each key after a moment. */
function recorder() {
  const seen = { groups: [] as number[][], out: 0, maxOut: 0 };
  const run = async (keys: readonly number[]) => {
    seen.groups.push([...keys]);
    seen.maxOut = Math.max(seen.maxOut, ++seen.out);
    await new Promise((r) => setTimeout(r, 5));
    seen.out--;
    return keys.map((k) => (k === 13 ? new Error('thirteen') : k * 10));
  };
  return { seen, run };
}

test('calls made together go as groups, never more at once than allowed, each answered with its own result', async () => {
  const { seen, run } = recorder();
  const call = grouped(run, { inFlight: 2, maxGroup: 3, lingerMs: 0 });
  const keys = Array.from({ length: 20 }, (_, i) => i);
  const answers = await Promise.allSettled(keys.map((k) => call(k)));
  expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual(keys.map((k) => (k === 13 ? 'thirteen' : k * 10)));
  expect(seen.maxOut).toBe(2);
  expect(seen.groups.every((g) => g.length <= 3)).toBe(true);
  expect(seen.groups.flat().sort((a, b) => a - b)).toEqual(keys);
});

test('calls arriving while the groups are out gather into the next group', async () => {
  const { seen, run } = recorder();
  const call = grouped(run, { inFlight: 1, maxGroup: 100, lingerMs: 0 });
  const first = call(1);
  await new Promise((r) => setImmediate(r));
  // The first group is out: these five wait for it and then go together.
  const later = [2, 3, 4, 5, 6].map((k) => call(k));
  expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40, 50, 60]);
  expect(seen.groups).toEqual([[1], [2, 3, 4, 5, 6]]);
  expect(seen.maxOut).toBe(1);
});

test('behind a group that is out, the next keeps gathering for lingerMs after that one returns', async () => {
  const { seen, run } = recorder();
  const call = grouped(run, { inFlight: 1, maxGroup: 100, lingerMs: 50 });
  // Nothing is out: the first call goes at once, alone.
  const first = call(1);
  await new Promise((r) => setImmediate(r));
  const second = call(2);
  await first;
  await new Promise((r) => setTimeout(r, 10));
  // The first group returned 10 ms ago, and the one gathering behind it lingers: a call made now still joins it.
  const third = call(3);
  expect(await Promise.all([second, third])).toEqual([20, 30]);
  expect(seen.groups).toEqual([[1], [2, 3]]);
});
