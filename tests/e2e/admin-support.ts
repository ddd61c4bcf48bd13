import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PRIVACY_NOTICE_VERSION } from '../../cloud/contracts/privacy';
import type { TestHost } from '../support/http';

/**
 * Shared by the organiser-side browser tests: signed-in contexts without going through the login page,
 * members set up through the API, and setting a Taro date / time Picker.
 */
export async function signedInContext(browser: Browser, token: string, viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  // Taro's H5 storage keeps {data} as JSON; the privacy notice counts as seen so no page opens over the one asked for.
  await context.addInitScript((t: string) => {
    localStorage.setItem('session.token', JSON.stringify({ data: t }));
    localStorage.setItem('privacy.noticeSeen', JSON.stringify({ data: '1' }));
  }, token);
  return context;
}

/** A member who consented, with or without a real name. */
export async function member(host: TestHost, openid: string, nickname: string, realName?: string): Promise<string> {
  const token = await host.login(openid, nickname);
  const consent = await host.post('member.consent', { version: PRIVACY_NOTICE_VERSION }, token);
  if (consent.status !== 200) throw new Error(`consent: ${JSON.stringify(consent.body)}`);
  if (realName) {
    const r = await host.post('member.update', { realName }, token);
    if (r.status !== 200) throw new Error(`update: ${JSON.stringify(r.body)}`);
  }
  return token;
}

export async function call(host: TestHost, token: string, action: string, payload: unknown): Promise<any> {
  const r = await host.post(action, payload, token);
  if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data;
}

/**
 * Sets a Taro Picker the way its own 确定 does: the component emits `change` with the chosen value.
 * `face` is the element inside the Picker (e.g. `[data-name="startsAt-date"]`).
 */
export async function pick(page: Page, face: string, value: string): Promise<void> {
  const picker = page.locator(`taro-picker-core:has(${face})`).first();
  await picker.waitFor();
  await picker.evaluate((el, v) => el.dispatchEvent(new CustomEvent('change', { detail: { value: v }, bubbles: true })), value);
}
