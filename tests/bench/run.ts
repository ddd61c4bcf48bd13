/**
 * npm run bench [section …]: every figure beside a baseline measured in the same run (machines are
 * shared and noisy: read the ratios and medians). Each feature adds its section below.
 * BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 50) tune the load runs.
 */
import { bundleSizes, foundationThroughput } from './sections/foundation';
import { quizBench } from './sections/quiz';
import { classesBurst } from './sections/classes';
import { eventsCheckinBurst } from './sections/events';
import { magazineBench } from './sections/magazine';
import { mediaBench } from './sections/media';
import { mysqlBench } from './sections/mysql';
import { firstScreenBench } from './sections/first-screen';
import { scratchTmpdir } from '../support/scratch';

const sections: [string, () => Promise<void> | void][] = [
  ['foundation', foundationThroughput],
  ['quiz', quizBench],
  ['classes', classesBurst],
  ['events', eventsCheckinBurst],
  ['magazine', magazineBench],
  ['media', mediaBench],
  ['mysql', mysqlBench],
  ['first-screen', firstScreenBench],
  ['sizes', bundleSizes],
];

// Every data directory a section or a server it starts makes lands in one scratch directory, removed at the end of
// the run, even when it fails.
const removeScratch = scratchTmpdir('huiyuan-bench-');

async function main() {
  const only = process.argv.slice(2);
  console.log(`# 会员之家 bench — ${new Date().toISOString()} — node ${process.version}`);
  for (const [name, fn] of sections) {
    if (only.length && !only.includes(name)) continue;
    await fn();
  }
}
main()
  .then(
    () => 0,
    (e) => (console.error(e), 1),
  )
  .then((code) => {
    removeScratch();
    process.exit(code);
  });
