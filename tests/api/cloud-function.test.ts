// The WeChat cloud function host. wx-server-sdk talks to WeChat's servers, which cannot run here,
// so it is replaced by its one behaviour the host relies on: getWXContext() returning the caller's OPENID.
import { freshMysqlDatabase, tempDir } from '../support/app';

let currentOpenid: string | undefined;
jest.mock('wx-server-sdk', () => ({ init: jest.fn(), DYNAMIC_CURRENT_ENV: 'dyn', getWXContext: () => ({ OPENID: currentOpenid }) }), { virtual: true });

process.env.DATA_DIR = tempDir();
process.env.SEEDS_DIR = require('node:path').join(__dirname, '..', '..', 'seeds');

const { main, close } = require('../../cloud/hosts/wx');

test('in production mode the function refuses to start on its /tmp SQLite, with a clear log line', async () => {
  delete process.env.DATABASE_URL;
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await expect(main({ action: 'org.tree', payload: {} })).rejects.toThrow('正式模式需要 MySQL');
  expect(logged.mock.calls[0][0]).toContain('DATABASE_URL');
  logged.mockRestore();
});

// From here on the function runs as in production: on MySQL (the test MariaDB), chosen by DATABASE_URL.
let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  database = await freshMysqlDatabase();
});
afterAll(async () => {
  await close();
  delete process.env.DATABASE_URL;
  await database.drop();
});

test('the caller is the OPENID of the WeChat context, whatever the payload says', async () => {
  process.env.DATABASE_URL = database.url;
  currentOpenid = 'wx-cloud-1';
  const me = await main({ action: 'member.me', payload: {} });
  expect(me).toMatchObject({ ok: true, status: 200, data: { nickname: '微信用户' } });
  await main({ action: 'member.update', payload: { nickname: '云端' } });
  currentOpenid = 'wx-cloud-2';
  const other = await main({ action: 'member.me', payload: { openid: 'wx-cloud-1' } });
  expect(other).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_PAYLOAD' } });
  expect((await main({ action: 'member.me', payload: {} })).data.nickname).toBe('微信用户');
  currentOpenid = 'wx-cloud-1';
  expect((await main({ action: 'member.me' })).data.nickname).toBe('云端');
});

test('no OPENID, unknown actions and devLogin are refused in the envelope', async () => {
  currentOpenid = undefined;
  expect(await main({ action: 'member.me', payload: {} })).toMatchObject({ ok: false, status: 401 });
  currentOpenid = 'wx-cloud-3';
  expect(await main({ action: 'x.y', payload: {} })).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_ACTION' } });
  expect(await main({})).toMatchObject({ ok: false, status: 404 });
  expect(await main({ action: 'auth.devLogin', payload: { openid: 'abc' } })).toMatchObject({ ok: false, error: { code: 'DEV_LOGIN_DISABLED' } });
  expect((await main({ action: 'org.tree', payload: {} })).data.tree[0].children).toHaveLength(14);
});
