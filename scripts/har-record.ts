import { chromium } from 'playwright-core';
import { startMockOkta } from '../samples/mock-okta/server.js';

/** Secrets the recorded flow types in clear; tests check that sanitizing removes every one of them. */
export const FLOW = {
  login: 'mary.jane@example.com',
  answer: 'broccoli',
  newPassword: 'PWPWPW',
  passCode: '123456',
  apiToken: '00Tq3vGfYxY2J7oZkLw9bNcR1eHs4uAaMdPiVtXj5K',
  cookie: 'sid=102nRkm0uHhqBXnnzI9EZ9vRw',
};

/**
 * What the page runs, as source text: a function passed to page.evaluate() would be rewritten by the
 * TypeScript loader (helpers the browser does not have).
 */
const PAGE_FLOW = `async (flow) => {
  document.cookie = flow.cookie;
  const post = async (path, body, headers = {}) => {
    const res = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  const recovery = await post('/api/v1/authn/recovery/password', { username: flow.login }, { Authorization: 'SSWS ' + flow.apiToken });
  const question = await post('/api/v1/authn/recovery/token', { recoveryToken: recovery.recoveryToken });
  const reset = await post('/api/v1/authn/recovery/answer', { stateToken: question.stateToken, answer: flow.answer });
  const mfa = await post('/api/v1/authn/credentials/reset_password', { stateToken: reset.stateToken, newPassword: flow.newPassword });
  const factor = mfa._embedded.factors.find((f) => f.factorType === 'email');
  const challenge = await post('/api/v1/authn/factors/' + factor.id + '/verify', { stateToken: mfa.stateToken });
  await post('/api/v1/authn/factors/' + factor.id + '/verify', { stateToken: challenge.stateToken, passCode: flow.passCode });
  await fetch('/assets/app.js').catch(() => undefined);
  // A call the client gives up on (net::ERR_ABORTED): the HAR keeps it with no response.
  const abort = new AbortController();
  const pending = fetch('/api/v1/authn/cancel', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stateToken: challenge.stateToken }), signal: abort.signal });
  abort.abort();
  await pending.catch(() => undefined);
}`;

/**
 * Records `playwright.har` for real: Debian's chromium driven by playwright-core, `recordHar` on, against
 * the mock Okta org (devforum scenario) on 127.0.0.1. The page runs the trusted-app recovery flow of the
 * developer-forum thread with fetch(), fetches one asset outside --include, and aborts one call.
 */
export async function recordPlaywrightHar(path: string): Promise<void> {
  const mock = await startMockOkta({ scenario: 'devforum', port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ recordHar: { path, content: 'embed' } });
    const page = await context.newPage();
    // The page itself is served by Playwright: the mock org speaks only the authn API.
    await page.route(`${mock.url}/signin`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title><p>recovery</p>' }),
    );
    await page.goto(`${mock.url}/signin`);
    await page.evaluate(`(${PAGE_FLOW})(${JSON.stringify(FLOW)})`);
    await context.close();
  } finally {
    await browser.close();
    await mock.stop();
  }
}
