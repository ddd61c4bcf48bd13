import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__mariadb?.stop();
  if (globalThis.__testScratch) fs.rmSync(globalThis.__testScratch, { recursive: true, force: true, maxRetries: 3 });
}
