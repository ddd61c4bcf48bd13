import { renderNative, sleep } from '../support/weapp';

const PANEL = 'packages/events/components/checkin-panel/index';
const base = { windowText: '2027年5月29日 08:30–13:00', canScan: true };

test('open: offers scanning and a 6-digit code; the button submits only a full code', async () => {
  const onScan = jest.fn();
  const onSubmitCode = jest.fn();
  const panel = await renderNative(PANEL, { ...base, status: 'open', locationRequired: true, onScan, onSubmitCode });
  expect(panel.text('.checkin__window')).toBe('签到时间：2027年5月29日 08:30–13:00');
  expect(panel.text('.checkin__scan')).toBe('扫码签到');
  expect(panel.text('.checkin__loc')).toContain('获取您的位置');
  panel.query('.checkin__scan').dispatchEvent('tap');
  await sleep(20);
  expect(onScan).toHaveBeenCalledTimes(1);

  // Not six digits yet: nothing is submitted.
  panel.query('.checkin__submit').dispatchEvent('tap');
  await sleep(20);
  expect(onSubmitCode).not.toHaveBeenCalled();

  const input = panel.query('.checkin__input');
  input.dispatchEvent('input', { detail: { value: '12a3456' } });
  await sleep(30);
  panel.query('.checkin__submit').dispatchEvent('tap');
  await sleep(20);
  expect(onSubmitCode).toHaveBeenCalledWith('123456');
});

test('H5-like (no camera): only the code; a refusal is shown in place', async () => {
  const panel = await renderNative(PANEL, { ...base, canScan: false, status: 'open', error: '签到码已过期（每 30 秒更新一次），请输入大屏上最新的签到码' });
  expect(panel.query('.checkin__scan')).toBeFalsy();
  expect(panel.text('.checkin__or')).toBe('请输入现场大屏上的 6 位签到码');
  expect(panel.text('.checkin__error')).toContain('签到码已过期');
});

test('done, offline, queued and voided states', async () => {
  const done = await renderNative(PANEL, { ...base, status: 'done', checkedInText: '2027年5月29日 09:12', offline: true, points: 20 });
  expect(done.text('.checkin__ok')).toBe('✓ 已签到');
  expect(done.text('.checkin__time')).toBe('2027年5月29日 09:12');
  expect(done.text('.checkin__offline')).toBe('离线签到');
  expect(done.text('.checkin__points')).toBe('已获得 20 积分');
  expect(done.query('.checkin__input')).toBeFalsy();

  const queued = await renderNative(PANEL, { ...base, status: 'queued', checkedInText: '2027年5月29日 09:15' });
  expect(queued.text('.checkin__queued')).toContain('网络恢复后会自动提交签到');
  expect(queued.text('.checkin__queued')).toContain('09:15');

  const voided = await renderNative(PANEL, { ...base, status: 'voided' });
  expect(voided.text('.checkin__voided')).toContain('作废');
  const closed = await renderNative(PANEL, { ...base, status: 'closed' });
  expect(closed.text('.checkin__msg')).toBe('签到已结束。');
});
