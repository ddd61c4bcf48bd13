// Starts one MariaDB for the whole jest run (unless MYSQL_TEST_URL names one already, or NO_MARIADB=1);
// jest's workers inherit MYSQL_TEST_URL. Every temporary directory the run makes lands in one scratch directory
// (os.tmpdir() reads TMPDIR; the workers and the hosts they start inherit it), which the teardown removes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMariadb, type Mariadb } from './mariadb';

declare global {
  var __mariadb: Mariadb | undefined;
  var __testScratch: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  globalThis.__testScratch = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyuan-run-'));
  process.env.TMPDIR = globalThis.__testScratch;
  if (process.env.MYSQL_TEST_URL || process.env.NO_MARIADB === '1') return;
  globalThis.__mariadb = await startMariadb();
  process.env.MYSQL_TEST_URL = globalThis.__mariadb.url;
}
