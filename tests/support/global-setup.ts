// Starts one MariaDB for the whole jest run (unless MYSQL_TEST_URL names one already, or NO_MARIADB=1);
// jest's workers inherit MYSQL_TEST_URL, and the run's scratch TMPDIR, which the teardown removes.
import { startMariadb, type Mariadb } from './mariadb';
import { scratchTmpdir } from './scratch';

declare global {
  var __mariadb: Mariadb | undefined;
  var __removeTestScratch: (() => void) | undefined;
}

export default async function globalSetup(): Promise<void> {
  globalThis.__removeTestScratch = scratchTmpdir('huiyuan-run-');
  if (process.env.MYSQL_TEST_URL || process.env.NO_MARIADB === '1') return;
  globalThis.__mariadb = await startMariadb();
  process.env.MYSQL_TEST_URL = globalThis.__mariadb.url;
}
