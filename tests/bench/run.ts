/**
 * npm run bench [section …]: every figure beside a baseline measured in the same run (machines are
 * shared and noisy: read the ratios and medians). Each feature adds its section below.
 * BENCH_SECONDS (default 5) and BENCH_CONNECTIONS (default 50) tune the load runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleSizes, foundationThroughput } from './sections/foundation';
import { quizBench } from './sections/quiz';
import { classesBurst } from './sections/classes';
import { eventsCheckinBurst } from './sections/events';
import { magazineBench } from './sections/magazine';
import { mediaBench } from './sections/media';
import { mysqlBench } from './sections/mysql';
import { firstScreenBench } from './sections/first-screen';

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

// One scratch directory for the whole run, removed at its end: every data directory a section or a server it starts
// makes (os.tmpdir() reads TMPDIR, and the child processes inherit it) lands inside, even when the run fails.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-bench-'));
process.env.TMPDIR = scratch;
const removeScratch = () => fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });

async function main() {
  const only = process.argv.slice(2);
  console.log(`# 会员之家 bench — ${new Date().toISOString()} — node ${process.version}`);
  for (const [name, fn] of sections) {
    if (only.length && !only.includes(name)) continue;
    await fn();
  }
}
main().then(
  () => {
    removeScratch();
    process.exit(0);
  },
  (e) => {
    console.error(e);
    removeScratch();
    process.exit(1);
  },
);
