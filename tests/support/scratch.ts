import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Points TMPDIR at a new directory, so that every temporary directory made from here on (os.tmpdir() reads TMPDIR,
 * and child processes inherit it) lands inside; returns the function that removes it. A test or bench run calls it
 * once and removes the directory at its end, whatever each test or server left behind.
 */
export function scratchTmpdir(prefix: string): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.TMPDIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
