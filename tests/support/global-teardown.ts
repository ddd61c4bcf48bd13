export default async function globalTeardown(): Promise<void> {
  await globalThis.__mariadb?.stop();
  globalThis.__removeTestScratch?.();
}
