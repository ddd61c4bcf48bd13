import { adminCli } from '../../cloud/cli/admin';
import { startTestApp } from '../support/app';

test('grant, list and revoke admin rights on a data dir', async () => {
  const app = await startTestApp();
  const dataDir = app.dataDir;
  app.store.close();
  const out: string[] = [];
  const print = (l: string) => out.push(l);

  expect(await adminCli(['grant', 'wx-staff-1', '150426'], dataDir, print)).toBe(0);
  expect(out.pop()).toContain('翁牛特旗计生协');
  expect(await adminCli(['grant', 'wx-staff-1', '000000'], dataDir, print)).toBe(2);
  expect(out.pop()).toContain('不存在');

  await adminCli(['list'], dataDir, print);
  expect(out.some((l) => l.startsWith('wx-staff-1\t150426'))).toBe(true);

  const check = await startTestApp();
  check.close();
  expect(await adminCli(['revoke', 'wx-staff-1'], dataDir, print)).toBe(0);
  expect(await adminCli(['revoke', 'wx-staff-1'], dataDir, print)).toBe(1);
  expect(await adminCli(['bogus'], dataDir, print)).toBe(2);
});
