/// <reference path="./chrome-har.d.ts" />
import { writeFileSync } from 'node:fs';
import { harFromMessages } from 'chrome-har';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
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
  await withMockAndBrowser(async (browser, origin) => {
    const context = await browser.newContext({ recordHar: { path, content: 'embed' } });
    await runFlow(context, origin);
    await context.close();
  });
}

/** The CDP events chrome-har turns into a HAR (what DevTools' own exporter listens to). */
const CDP_EVENTS = [
  'Page.frameStartedLoading', 'Page.frameRequestedNavigation', 'Page.navigatedWithinDocument', 'Page.loadEventFired',
  'Page.domContentEventFired', 'Page.frameAttached', 'Network.requestWillBeSent', 'Network.requestServedFromCache',
  'Network.requestWillBeSentExtraInfo', 'Network.responseReceivedExtraInfo', 'Network.responseReceived',
  'Network.dataReceived', 'Network.loadingFinished', 'Network.loadingFailed', 'Network.resourceChangedPriority',
];

/**
 * Records `chrome-cdp.har` for real: the same flow in the same chromium, with the DevTools protocol's
 * Network and Page events collected and turned into a HAR by `chrome-har` (sitespeed.io's converter, which
 * writes DevTools' own fields: `_initiator`, `_priority`, `_resourceType`, `_transferSize`...). Response
 * bodies come from `Network.getResponseBody`, as DevTools fetches them.
 */
export async function recordCdpHar(path: string): Promise<void> {
  await withMockAndBrowser(async (browser, origin) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const messages: { method: string; params: any }[] = [];
    const bodies: Promise<void>[] = [];
    const responses = new Map<string, any>();
    for (const method of CDP_EVENTS) {
      cdp.on(method as never, (params: any) => {
        messages.push({ method, params });
        if (method === 'Network.responseReceived') responses.set(params.requestId, params.response);
        if (method === 'Network.loadingFinished' && responses.has(params.requestId)) {
          bodies.push(
            cdp.send('Network.getResponseBody', { requestId: params.requestId }).then(
              (b) => {
                const response = responses.get(params.requestId);
                response.body = b.body;
                if (b.base64Encoded) response.encoding = 'base64';
              },
              () => undefined,
            ),
          );
        }
      });
    }
    await cdp.send('Page.enable');
    await cdp.send('Network.enable');
    await runFlow(context, origin, page);
    // The last events (the asset's body, the aborted call) arrive after the page's script has returned.
    await page.waitForTimeout(500);
    await Promise.all(bodies);
    const har = harFromMessages(messages, { includeTextFromResponseBody: true });
    writeFileSync(path, JSON.stringify(har, null, 2));
    await context.close();
  });
}

async function withMockAndBrowser(run: (browser: Browser, origin: string) => Promise<void>): Promise<void> {
  const mock = await startMockOkta({ scenario: 'devforum', port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await run(browser, mock.url);
  } finally {
    await browser.close();
    await mock.stop();
  }
}

/** Opens the sign-in page (served by Playwright: the mock org speaks only the authn API) and runs the flow. */
async function runFlow(context: BrowserContext, origin: string, existing?: import('playwright-core').Page): Promise<void> {
  const page = existing ?? (await context.newPage());
  await page.route(`${origin}/signin`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title><p>recovery</p>' }),
  );
  await page.goto(`${origin}/signin`);
  await page.evaluate(`(${PAGE_FLOW})(${JSON.stringify(FLOW)})`);
}
