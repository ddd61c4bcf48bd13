// Starts one MariaDB for the whole jest run (unless MYSQL_TEST_URL names one already, or NO_MARIADB=1);
// jest's workers inherit MYSQL_TEST_URL.
import { startMariadb, type Mariadb } from './mariadb';

declare global {
  var __mariadb: Mariadb | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.MYSQL_TEST_URL || process.env.NO_MARIADB === '1') return;
  globalThis.__mariadb = await startMariadb();
  process.env.MYSQL_TEST_URL = globalThis.__mariadb.url;
}
