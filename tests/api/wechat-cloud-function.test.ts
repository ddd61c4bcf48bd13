/**
 * The cloud function's timer trigger (config.json: every minute) runs the class reminders and the outbox sender
 * through cloud.openapi; a member's call that says Type 'Timer' is not the trigger.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/app';

let currentOpenid: string | undefined;
const send = jest.fn(async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }));
jest.mock(
  'wx-server-sdk',
  () => ({
    init: jest.fn(),
    DYNAMIC_CURRENT_ENV: 'dyn',
    getWXContext: () => ({ OPENID: currentOpenid }),
    openapi: { subscribeMessage: { send }, wxacode: { getUnlimited: jest.fn() } },
  }),
  { virtual: true },
);

process.env.DATA_DIR = tempDir();
process.env.APP_MODE = 'dev';
process.env.SEEDS_DIR = path.join(__dirname, '..', '..', 'seeds');
const { main } = require('../../cloud/hosts/wx');

test('config.json declares the minutely timer trigger and the openapi permissions', () => {
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cloud', 'hosts', 'wx', 'config.json'), 'utf8'));
  expect(config.triggers).toEqual([expect.objectContaining({ type: 'timer', config: '0 * * * * * *' })]);
  expect(config.permissions.openapi).toEqual(expect.arrayContaining(['subscribeMessage.send', 'wxacode.getUnlimited']));
});

test('the timer trigger runs reminders and the sender; a member claiming to be the timer is refused', async () => {
  currentOpenid = undefined;
  const r = await main({ Type: 'Timer', TriggerName: 'minutely', Time: new Date().toISOString() });
  expect(r).toMatchObject({ ok: true, data: { reminders: expect.any(Number), outbox: { sent: 0, failed: 0 } } });
  currentOpenid = 'o-member';
  expect(await main({ Type: 'Timer' })).toMatchObject({ ok: false, status: 404 });
});
