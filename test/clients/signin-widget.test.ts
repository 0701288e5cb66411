import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { recordInto, secretsOnDisk, tempDb } from '../proxy/helpers.js';
import { routeList, wireSecrets } from './helpers.js';
import { CHROMIUM_ARGS, recoverySteps, signInSteps, startWidgetPage, widgetResult, widgetUrl, type StaticServer } from './widget-page.js';

/**
 * The Sign-In Widget 7 in its default (Identity Engine) mode, in headless Chromium, served from
 * node_modules on another origin than the recorder it talks to (the recorder adds CORS, as `record --cors`).
 */

const user = defaultUsers()[0]!;
const NEW_PASSWORD = 'Fresh-Passw0rd-42!';

// One retry: on the loaded 2-core CI machine the widget has once not shown its next view within Playwright's
// 30 s (it passes alone in 5 s). A retry starts from fresh servers (beforeEach); a failure names what the page showed.
describe('okta-signin-widget 7 (Identity Engine) through the recorder', { retry: 1 }, () => {
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
    // The default --include: it covers Identity Engine and OAuth calls.
    const { recorder } = await recordInto(db.path, { target: mock.url, cors: true });
    const page = await browser.newPage();
    const bodies: Promise<unknown>[] = [];
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(site.url) && !r.url().startsWith(recorder.url)) foreign.push(r.url());
    });
    page.on('response', (r) => {
      if (r.url().startsWith(recorder.url) && r.request().method() === 'POST') bodies.push(r.json().catch(() => null));
    });
    await page.goto(widgetUrl(site.url, recorder.url));
    try {
      await steps(page);
    } catch (error) {
      const shown = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400);
      await recorder.stop().catch(() => {});
      throw new Error(`${(error as Error).message.split('\n')[0]}; the page showed: ${shown}`);
    }
    const result = await widgetResult(page);
    const summary = await recorder.stop();
    return { result, foreign, routes: routeList(db.store.exchanges([summary.captureId])), secrets: wireSecrets(await Promise.all(bodies)), analysis: summary.analysis };
  }

  it('signs in with password then SMS, gets tokens, and is recorded in order with no clear secret on disk', async () => {
    const run = await recordWidget((page) => signInSteps(page, user));
    expect(run.result).toEqual({ tokens: ['accessToken'] });
    // Every call went to the recorder (hrefs rewritten), none to the org directly.
    expect(run.foreign).toEqual([]);
    expect(run.routes).toEqual([
      // The default --include keeps the discovery document the widget reads first (context, no transaction).
      'GET /oauth2/default/.well-known/openid-configuration',
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
    // One Identity Engine transaction with the remediations the widget took; a clean flow has nothing above info.
    expect(run.analysis.transactions.map((t) => [t.protocol, t.outcome])).toEqual([['okta-idx', 'SUCCESS']]);
    expect(run.analysis.transactions[0]!.steps.map((st) => st.operation)).toEqual([
      'interact', 'introspect', 'identify', 'challenge-authenticator', 'select-authenticator-authenticate', 'challenge-authenticator', 'successWithInteractionCode',
    ]);
    expect(run.analysis.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(run.analysis.unread).toEqual({});
  }, 60_000);

  it('recovers the password ("Forgot password?", email code, reset), then still has to verify the phone before tokens', async () => {
    const run = await recordWidget((page) => recoverySteps(page, user, NEW_PASSWORD));
    expect(run.result).toEqual({ tokens: ['accessToken'] });
    expect(mock.org.users[0]!.password).toBe(NEW_PASSWORD);
    expect(run.foreign).toEqual([]);
    expect(run.routes).toEqual([
      // The default --include keeps the discovery document the widget reads first (context, no transaction).
      'GET /oauth2/default/.well-known/openid-configuration',
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
    // One transaction; the reset committed while the phone is still required is the IDX form of the seed question.
    const [tx] = run.analysis.transactions;
    expect(run.analysis.transactions).toHaveLength(1);
    expect(tx!.steps.map((st) => st.operation)).toContain('reset-authenticator');
    const reset = tx!.steps.find((st) => st.operation === 'reset-authenticator')!;
    expect(run.analysis.findings.filter((f) => f.rule === 'idx-reset-committed-before-mfa').map((f) => f.step)).toEqual([reset.step]);
  }, 60_000);
});
