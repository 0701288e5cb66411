import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { recordInto, secretsOnDisk, tempDb } from '../proxy/helpers.js';

/**
 * The real Okta Sign-In Widget 7 (Classic Engine bundle, served from node_modules on 127.0.0.1) in headless
 * Chromium, signing in with e-mail MFA against the Classic mock through `record --cors`: the recorder gets
 * the widget's own requests (its `{"passCode": ""}` verify that sends the code included), and a clean flow
 * raises nothing above info.
 */

const DIST = join(import.meta.dirname, '../../node_modules/@okta/okta-signin-widget/dist');
const user = defaultUsers()[0]!;
const TYPES: Record<string, string> = { js: 'application/javascript', css: 'text/css', json: 'application/json', html: 'text/html', svg: 'image/svg+xml', png: 'image/png', woff: 'font/woff', woff2: 'font/woff2' };

function page(baseUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/dist/css/okta-sign-in.min.css">
<script src="/dist/js/okta-sign-in.classic.min.js"></script></head><body><div id="widget"></div><script>
new OktaSignIn({ baseUrl: ${JSON.stringify(baseUrl)}, useClassicEngine: true, assets: { baseUrl: '/dist' } })
  .renderEl({ el: '#widget' }, (res) => { window.__status = res.status; }, (err) => { window.__error = String(err); });
</script></body></html>`;
}

/** The app's origin: the page and the widget's dist, nothing else (the widget then talks to the recorder). */
function appServer(baseUrl: () => string): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(baseUrl()));
    const file = normalize(path.replace(/^\/dist\//, ''));
    try {
      if (file.startsWith('..')) throw new Error('outside dist');
      const body = readFileSync(join(DIST, file));
      res.writeHead(200, { 'content-type': TYPES[file.split('.').pop()!] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

describe('Okta Sign-In Widget 7 (Classic) through record --cors', { timeout: 90_000 }, () => {
  let mock: MockOkta;
  let browser: Browser;
  let app: http.Server;
  let recorderUrl = '';
  beforeAll(async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    app = appServer(() => recorderUrl);
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    app?.closeAllConnections();
    await new Promise((resolve) => app?.close(resolve));
    await mock?.stop();
  });

  it('signs in with e-mail MFA; the recorder holds primary → send code → verify, and nothing above info', async () => {
    const db = tempDb();
    try {
      const { recorder } = await recordInto(db.path, { target: mock.url, cors: true });
      recorderUrl = recorder.url;
      const tab = await browser.newPage();
      await tab.goto(`http://127.0.0.1:${(app.address() as { port: number }).port}/`);
      await tab.fill('input[name="username"]', user.login);
      await tab.fill('input[name="password"]', user.password);
      await tab.click('input[type="submit"]');
      const verified = () => tab.waitForResponse((r) => r.url().includes('/verify') && r.request().method() === 'POST');
      const [sent] = await Promise.all([verified(), tab.click('form[data-se="factor-email"] input[type="submit"][value="Send me the code"]')]);
      expect(sent.request().postDataJSON()).toMatchObject({ passCode: '' });
      const challenge = await sent.json();
      expect(challenge).toMatchObject({ status: 'MFA_CHALLENGE', factorResult: 'CHALLENGE' });
      // The form is drawn again once the code is sent, with the code field.
      await tab.waitForSelector('.mfa-email-sent-content');
      await tab.locator('input[name="answer"]').pressSequentially(PASSCODE);
      const [answer] = await Promise.all([verified(), tab.locator('input[name="answer"]').press('Enter')]);
      expect(answer.request().postDataJSON()).toMatchObject({ passCode: PASSCODE });
      const success = await answer.json();
      await tab.waitForFunction(() => (window as { __status?: string; __error?: string }).__status ?? (window as { __error?: string }).__error);
      expect(await tab.evaluate(() => [(window as { __status?: string }).__status, (window as { __error?: string }).__error])).toEqual(['SUCCESS', undefined]);
      await tab.close();
      const summary = await recorder.stop();
      const [t] = summary.analysis.transactions;
      expect(summary.analysis.transactions).toHaveLength(1);
      expect(t!.outcome).toBe('SUCCESS');
      expect(t!.steps.map((s) => [s.operation, s.statusBefore, s.statusAfter])).toEqual([
        ['primary', 'START', 'MFA_REQUIRED'],
        ['factors.verify', 'MFA_REQUIRED', 'MFA_CHALLENGE'],
        ['factors.verify', 'MFA_CHALLENGE', 'SUCCESS'],
      ]);
      const loud = summary.analysis.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule}: ${f.message}`);
      expect(loud).toEqual([]);
      // What the widget sent and got in clear is nowhere in the database or its WAL; the login is (the scan can fail).
      const wire = [challenge.stateToken, success.sessionToken].filter((v): v is string => typeof v === 'string');
      expect(wire).toHaveLength(2);
      expect(secretsOnDisk(db.path, [...wire, user.password, `"${PASSCODE}"`])).toEqual([]);
      expect(secretsOnDisk(db.path, [user.login])).toEqual([user.login]);
    } finally {
      db.cleanup();
    }
  });

  it('signs in with SMS MFA picked from the factor list; nothing above info', async () => {
    const db = tempDb();
    try {
      const { recorder } = await recordInto(db.path, { target: mock.url, cors: true });
      recorderUrl = recorder.url;
      const tab = await browser.newPage();
      await tab.goto(`http://127.0.0.1:${(app.address() as { port: number }).port}/`);
      await tab.fill('input[name="username"]', user.login);
      await tab.fill('input[name="password"]', user.password);
      await tab.click('input[type="submit"]');
      await tab.locator('[data-type="factor-types-dropdown"] a').first().click();
      await tab.locator('#okta-dropdown-options a', { hasText: 'SMS' }).first().click();
      const verified = () => tab.waitForResponse((r) => r.url().includes('/verify') && r.request().method() === 'POST');
      const [sent] = await Promise.all([verified(), tab.click('a.sms-request-button')]);
      expect(await sent.json()).toMatchObject({ status: 'MFA_CHALLENGE' });
      await tab.locator('input[name="answer"]').pressSequentially(PASSCODE);
      const [answer] = await Promise.all([verified(), tab.locator('input[name="answer"]').press('Enter')]);
      expect(answer.request().postDataJSON()).toMatchObject({ passCode: PASSCODE });
      await tab.waitForFunction(() => (window as { __status?: string; __error?: string }).__status ?? (window as { __error?: string }).__error);
      expect(await tab.evaluate(() => (window as { __status?: string }).__status)).toBe('SUCCESS');
      await tab.close();
      const summary = await recorder.stop();
      const [t] = summary.analysis.transactions;
      expect(t!.outcome).toBe('SUCCESS');
      expect(t!.steps.map((s) => [s.operation, s.statusAfter])).toEqual([
        ['primary', 'MFA_REQUIRED'],
        ['factors.verify', 'MFA_CHALLENGE'],
        ['factors.verify', 'SUCCESS'],
      ]);
      expect(summary.analysis.findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule}: ${f.message}`)).toEqual([]);
    } finally {
      db.cleanup();
    }
  });
});
