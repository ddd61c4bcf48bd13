/**
 * The client's API layer (src/services): the transport is fixed at build time by the CLOUD_ENV_ID
 * constant (Taro.cloud.callFunction to `api` when set, HTTP POST /api/<action> otherwise), and every
 * call shows Taro's loading and error toasts the same way.
 */
type Fn = jest.Mock;
interface FakeTaro {
  request: Fn;
  cloud: { callFunction: Fn };
  showLoading: Fn;
  hideLoading: Fn;
  showToast: Fn;
  reLaunch: Fn;
  getCurrentPages: Fn;
  getStorageSync: Fn;
  setStorageSync: Fn;
  removeStorageSync: Fn;
}

let taro: FakeTaro;
let storage: Map<string, string>;
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: new Proxy({}, { get: (_t, k) => (taro as any)[k] }) }));

/** Loads src/services/api.ts as a build with the given constants would. */
function loadClient(cloudEnvId: string, apiBase = ''): typeof import('../../src/services/api') {
  (globalThis as any).CLOUD_ENV_ID = cloudEnvId;
  (globalThis as any).API_BASE = apiBase;
  let mod!: typeof import('../../src/services/api');
  jest.isolateModules(() => {
    mod = require('../../src/services/api');
  });
  return mod;
}

beforeEach(() => {
  storage = new Map();
  taro = {
    request: jest.fn(),
    cloud: { callFunction: jest.fn() },
    showLoading: jest.fn(),
    hideLoading: jest.fn(),
    showToast: jest.fn(),
    reLaunch: jest.fn(),
    getCurrentPages: jest.fn(() => []),
    getStorageSync: jest.fn((k: string) => storage.get(k) ?? ''),
    setStorageSync: jest.fn((k: string, v: string) => storage.set(k, v)),
    removeStorageSync: jest.fn((k: string) => storage.delete(k)),
  };
});

afterAll(() => {
  delete (globalThis as any).CLOUD_ENV_ID;
  delete (globalThis as any).API_BASE;
});

test('with a cloud env id the client calls the cloud function `api` and never HTTP', async () => {
  const { call } = loadClient('cloud-env-1');
  taro.cloud.callFunction.mockResolvedValue({ result: { ok: true, status: 200, data: { nickname: '云端' } } });
  const me = await call('member.me', {});
  expect(me).toEqual({ nickname: '云端' });
  expect(taro.cloud.callFunction).toHaveBeenCalledWith({ name: 'api', data: { action: 'member.me', payload: {} } });
  expect(taro.request).not.toHaveBeenCalled();
});

test('without one it POSTs /api/<action> with the session token, to API_BASE when set', async () => {
  storage.set('session.token', 'tok-1');
  const { call } = loadClient('', 'https://hy.example.cn');
  taro.request.mockResolvedValue({ statusCode: 200, data: { ok: true, data: { tree: [] } } });
  expect(await call('org.tree', {})).toEqual({ tree: [] });
  expect(taro.request).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://hy.example.cn/api/org.tree',
      method: 'POST',
      data: {},
      header: { 'content-type': 'application/json', authorization: 'Bearer tok-1' },
    }),
  );
  expect(taro.cloud.callFunction).not.toHaveBeenCalled();
});

test('a loading toast wraps the call and is always hidden; refusals are toasted with the server message', async () => {
  const { call, ApiCallError } = loadClient('');
  taro.request.mockResolvedValue({ statusCode: 403, data: { ok: false, error: { code: 'CONSENT_REQUIRED', message: '请先阅读并同意《隐私说明》' } } });
  const err = await call('member.update', { realName: '王其其格' }, { loading: '正在保存' }).catch((e) => e);
  expect(err).toBeInstanceOf(ApiCallError);
  expect(err).toMatchObject({ code: 'CONSENT_REQUIRED', status: 403, message: '请先阅读并同意《隐私说明》' });
  expect(taro.showLoading).toHaveBeenCalledWith({ title: '正在保存', mask: true });
  expect(taro.hideLoading).toHaveBeenCalledTimes(1);
  expect(taro.showToast).toHaveBeenCalledWith({ title: '请先阅读并同意《隐私说明》', icon: 'none', duration: 3000 });
});

test('quiet calls leave the message to the page; no loading toast unless asked', async () => {
  const { call } = loadClient('');
  taro.request.mockResolvedValue({ statusCode: 404, data: { ok: false, error: { code: 'NOT_FOUND', message: '所选单位不存在，请重新选择' } } });
  await expect(call('member.update', { orgId: '999999' }, { quiet: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(taro.showToast).not.toHaveBeenCalled();
  expect(taro.showLoading).not.toHaveBeenCalled();
});

test('no network, or an answer that is not the envelope, becomes a Chinese message; the loading toast still goes', async () => {
  const { call } = loadClient('');
  taro.request.mockRejectedValue(new Error('request:fail timeout'));
  await expect(call('member.me', {}, { loading: '正在加载' })).rejects.toMatchObject({ code: 'NETWORK', message: '网络不太好，请检查网络后重试' });
  expect(taro.hideLoading).toHaveBeenCalledTimes(1);
  expect(taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '网络不太好，请检查网络后重试' }));

  taro.request.mockResolvedValue({ statusCode: 502, data: '<html>Bad Gateway</html>' });
  await expect(call('member.me', {})).rejects.toMatchObject({ code: 'INTERNAL', message: '服务器开小差了，请稍后再试' });
});

test('an expired session clears the token and goes to the login page instead of a toast', async () => {
  storage.set('session.token', 'old');
  const { call } = loadClient('');
  taro.request.mockResolvedValue({ statusCode: 401, data: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } });
  await expect(call('member.me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  expect(storage.has('session.token')).toBe(false);
  expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  expect(taro.showToast).not.toHaveBeenCalled();
});

test('the login page is told which page to come back to: a page with its query, never an address outside the app', async () => {
  const { call } = loadClient('');
  taro.request.mockResolvedValue({ statusCode: 401, data: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } } });
  // The mini-program's page: route and options.
  taro.getCurrentPages.mockReturnValue([{ route: 'packages/events/detail/index', options: { id: '7', q: 'a+b/c' } }]);
  await expect(call('event.get', { id: 7 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  expect(taro.reLaunch).toHaveBeenLastCalledWith({ url: `/pages/login/index?back=${encodeURIComponent('/packages/events/detail/index?id=7&q=a%2Bb%2Fc')}` });
  // H5's page: the path with its query.
  taro.getCurrentPages.mockReturnValue([{ route: '/packages/classes/detail', path: '/packages/classes/detail?id=3' }]);
  await expect(call('class.get', { classId: 3 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  expect(taro.reLaunch).toHaveBeenLastCalledWith({ url: `/pages/login/index?back=${encodeURIComponent('/packages/classes/detail?id=3')}` });

  const { backTarget } = require('../../src/services/login-return') as typeof import('../../src/services/login-return');
  expect(backTarget('/packages/events/detail/index?id=7')).toBe('/packages/events/detail/index?id=7');
  expect(backTarget(encodeURIComponent('/packages/events/detail/index?id=7'))).toBe('/packages/events/detail/index?id=7');
  for (const outside of ['https://evil.example/x', '//evil.example', '/pages/login/index?back=x', 'javascript:alert(1)', '/packages/../../x', undefined])
    expect(backTarget(outside)).toBeUndefined();
});
