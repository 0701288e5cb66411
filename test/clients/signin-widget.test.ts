import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { recordInto, secretsOnDisk, tempDb } from '../proxy/helpers.js';
import { IDX_INCLUDE, routeList, wireSecrets } from './helpers.js';
import { startWidgetPage, type StaticServer } from './widget-page.js';

/**
 * The Sign-In Widget 7 in its default (Identity Engine) mode, in headless Chromium, served from
 * node_modules on another origin than the recorder it talks to (the recorder adds CORS, as `record --cors`).
 */

const user = defaultUsers()[0]!;
const NEW_PASSWORD = 'Fresh-Passw0rd-42!';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Types into the widget's field and presses its primary button, as a user would. */
async function submit(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`input[name="${field}"]`).fill(value);
  await page.locator('input[type="submit"], button[type="submit"]').first().click();
}

describe('okta-signin-widget 7 (Identity Engine) through the recorder', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  let site: StaticServer;
  let browser: Browser;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'idx-recovery' });
    db = tempDb();
    site = await startWidgetPage();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterEach(async () => {
    await browser.close();
    await site.stop();
    await mock.stop();
    db.cleanup();
  });

  /** Opens the widget against a recorder, runs `steps` as a user, and returns what was recorded and seen. */
  async function recordWidget(steps: (page: Page) => Promise<void>) {
    const { recorder } = await recordInto(db.path, { target: mock.url, include: IDX_INCLUDE, cors: true });
    const page = await browser.newPage();
    const bodies: Promise<unknown>[] = [];
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url) && !r.url().startsWith(recorder.url)) foreign.push(r.url());
    });
    page.on('response', (r) => {
      if (r.url().startsWith(recorder.url) && r.request().method() === 'POST') bodies.push(r.json().catch(() => null));
    });
    const config = {
      issuer: `${recorder.url}/oauth2/default`,
      clientId: '0oa8mockidxapp0000g4',
      redirectUri: `${site.url}/login/callback`,
      // No openid: the mock's id_token would name the org's own origin as issuer, not the proxy's.
      authParams: { scopes: ['profile', 'email'], responseType: ['token'] },
      assets: { baseUrl: `${site.url}/widget` },
    };
    await page.goto(`${site.url}/#${encodeURIComponent(JSON.stringify(config))}`);
    await steps(page);
    await page.waitForFunction(() => (window as any).__result, null, { timeout: 15_000 });
    const result = await page.evaluate(() => (window as any).__result);
    const summary = await recorder.stop();
    return { result, foreign, routes: routeList(db.store.exchanges([summary.captureId])), secrets: wireSecrets(await Promise.all(bodies)) };
  }

  it('signs in with password then SMS, gets tokens, and is recorded in order with no clear secret on disk', async () => {
    const run = await recordWidget(async (page) => {
      await submit(page, 'identifier', user.login);
      await submit(page, 'credentials.passcode', user.password);
      await page.getByText('Select', { exact: true }).click();
      await page.getByText('Enter Code', { exact: false }).first().waitFor();
      await submit(page, 'credentials.passcode', PASSCODE);
    });
    expect(run.result).toEqual({ tokens: ['accessToken'] });
    // Every call went to the recorder (hrefs rewritten), none to the org directly.
    expect(run.foreign).toEqual([]);
    expect(run.routes).toEqual([
      'POST /oauth2/default/v1/interact',
      'POST /idp/idx/introspect',
      'POST /idp/idx/identify',
      'POST /idp/idx/challenge/answer',
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      'POST /oauth2/default/v1/token',
    ]);
    // The interaction handle, the stateHandle, the interaction code and the access token.
    expect(run.secrets.length).toBeGreaterThanOrEqual(4);
    expect(secretsOnDisk(db.path, [...run.secrets, user.password, `"${PASSCODE}"`])).toEqual([]);
    expect(secretsOnDisk(db.path, [user.login])).toEqual([user.login]);
  }, 60_000);

  it('recovers the password ("Forgot password?", email code, reset), then still has to verify the phone before tokens', async () => {
    const run = await recordWidget(async (page) => {
      await submit(page, 'identifier', user.login);
      await page.getByText('Forgot password?').click();
      await page.getByText('Select', { exact: true }).click();
      await page.getByText('Enter a verification code instead').click();
      await submit(page, 'credentials.passcode', PASSCODE);
      await page.locator('input[name="confirmPassword"]').fill(NEW_PASSWORD);
      await submit(page, 'credentials.passcode', NEW_PASSWORD);
      // The password is already changed here; the sign-on policy still wants the phone.
      await page.getByText('Select', { exact: true }).click();
      await page.getByText('Enter Code', { exact: false }).first().waitFor();
      await submit(page, 'credentials.passcode', PASSCODE);
    });
    expect(run.result).toEqual({ tokens: ['accessToken'] });
    expect(mock.org.users[0]!.password).toBe(NEW_PASSWORD);
    expect(run.foreign).toEqual([]);
    expect(run.routes).toEqual([
      'POST /oauth2/default/v1/interact',
      'POST /idp/idx/introspect',
      'POST /idp/idx/identify',
      'POST /idp/idx/recover',
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      'POST /idp/idx/challenge/answer',
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      'POST /oauth2/default/v1/token',
    ]);
    expect(run.secrets.length).toBeGreaterThanOrEqual(4);
    expect(secretsOnDisk(db.path, [...run.secrets, NEW_PASSWORD, user.password, `"${PASSCODE}"`])).toEqual([]);
  }, 60_000);
});
