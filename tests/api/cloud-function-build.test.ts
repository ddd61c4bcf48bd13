// The built cloud function (dist/cloudfunctions/api, what WeChat DevTools uploads) runs the router with the
// caller's OPENID from wx-server-sdk's context. wx-server-sdk itself needs WeChat's servers, so it is replaced
// by its one behaviour the host relies on.
import path from 'node:path';
import { freshMysqlDatabase, tempDir } from '../support/app';

let currentOpenid: string | undefined;
jest.mock('wx-server-sdk', () => ({ init: jest.fn(), DYNAMIC_CURRENT_ENV: 'dyn', getWXContext: () => ({ OPENID: currentOpenid }) }), { virtual: true });

const built = path.join(__dirname, '..', '..', 'dist', 'cloudfunctions', 'api', 'index.js');

test('exports.main answers in the envelope as the caller, on MySQL, with the seeds shipped beside it', async () => {
  process.env.DATA_DIR = tempDir();
  delete process.env.SEEDS_DIR;
  // Production mode, as WeChat runs it: on MySQL (the test MariaDB), named by DATABASE_URL.
  const database = await freshMysqlDatabase();
  process.env.DATABASE_URL = database.url;

  const { main, close } = require(built);
  currentOpenid = 'wx-built-1';
  expect(await main({ action: 'member.update', payload: { nickname: '云端用户', orgId: '150102' } })).toMatchObject({
    ok: true,
    status: 200,
    data: { nickname: '云端用户', org: { id: '150102' } },
  });
  expect((await main({ action: 'org.tree', payload: {} })).data.tree[0].children).toHaveLength(14);
  expect(await main({ action: 'auth.devLogin', payload: { openid: 'someone' } })).toMatchObject({
    ok: false,
    status: 403,
    error: { code: 'DEV_LOGIN_DISABLED' },
  });
  currentOpenid = undefined;
  expect(await main({ action: 'member.me', payload: {} })).toMatchObject({ ok: false, status: 401 });
  // The instance's connections closed, the next call opens them again.
  await close();
  expect(await main({ action: 'member.me', payload: {} })).toMatchObject({ ok: false, status: 401 });
  await close();
  delete process.env.DATABASE_URL;
  await database.drop();
});
