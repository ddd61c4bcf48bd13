export {};
/**
 * The weapp's third transport: with TARO_APP_CLOUD_RUN_SERVICE set at build time, every API call goes through
 * Taro.cloud.callContainer to that 微信云托管 service (WeChat's gateway supplies the caller's openid), with the 15 s
 * timeout, and a request over WeChat's 100 KB limit is refused in Chinese before it is sent.
 */
const callContainer = jest.fn();
const request = jest.fn();
const taro: Record<string, unknown> = {
  request,
  cloud: { callContainer, callFunction: jest.fn() },
  showLoading: jest.fn(),
  hideLoading: jest.fn(),
  showToast: jest.fn(),
  reLaunch: jest.fn(),
  getStorageSync: jest.fn(() => ''),
  setStorageSync: jest.fn(),
  removeStorageSync: jest.fn(),
};
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: new Proxy({}, { get: (_t, k) => taro[k as string] }) }));

function loadWeappClient(service: string): typeof import('../../src/services/api') {
  const g = globalThis as any;
  g.CLOUD_ENV_ID = 'prod-env-1a2b';
  g.API_BASE = '';
  g.CLOUD_RUN_SERVICE = service;
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  let mod!: typeof import('../../src/services/api');
  try {
    jest.isolateModules(() => {
      mod = require('../../src/services/api');
    });
  } finally {
    process.env.TARO_ENV = env;
  }
  return mod;
}

afterAll(() => {
  for (const k of ['CLOUD_ENV_ID', 'API_BASE', 'CLOUD_RUN_SERVICE']) delete (globalThis as any)[k];
});

test('calls go to the 云托管 service through callContainer, POST /api/<action>, with a 15 s timeout', async () => {
  const { call } = loadWeappClient('huiyuan-api');
  callContainer.mockResolvedValue({ statusCode: 200, data: { ok: true, data: { nickname: '微信用户' } } });
  expect(await call('member.me', {})).toEqual({ nickname: '微信用户' });
  expect(callContainer).toHaveBeenCalledWith(
    expect.objectContaining({
      config: { env: 'prod-env-1a2b' },
      path: '/api/member.me',
      method: 'POST',
      header: expect.objectContaining({ 'X-WX-SERVICE': 'huiyuan-api' }),
      timeout: 15000,
    }),
  );
  expect(request).not.toHaveBeenCalled();
  callContainer.mockResolvedValue({ statusCode: 404, data: { ok: false, error: { code: 'NOT_FOUND', message: '活动不存在或已被删除' } } });
  await expect(call('event.get', { id: 9 }, { quiet: true })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '活动不存在或已被删除' });
});

test('a request over 100 KB is refused before sending, with a Chinese message', async () => {
  const { call } = loadWeappClient('huiyuan-api');
  callContainer.mockClear();
  const big = '长'.repeat(40_000); // 120 KB in UTF-8
  await expect(call('member.update', { realName: big } as never, { quiet: true })).rejects.toMatchObject({
    code: 'PAYLOAD_TOO_LARGE',
    message: expect.stringContaining('太大'),
  });
  expect(callContainer).not.toHaveBeenCalled();
});

test('without the service name the weapp keeps calling the cloud function', async () => {
  const { call } = loadWeappClient('');
  callContainer.mockClear();
  (taro.cloud as any).callFunction.mockResolvedValue({ result: { ok: true, data: { nickname: '云' }, status: 200 } });
  expect(await call('member.me', {})).toEqual({ nickname: '云' });
  expect(callContainer).not.toHaveBeenCalled();
});
