import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';
import { haveChromium, launchChromium } from '../render/browser.js';
import { startApp, type Variant } from './app.js';

/** Chromium records a HAR of the SPA's code + PKCE flow against the mock; the real CLI imports and analyzes it. */
describe.skipIf(!haveChromium())('OAuth code flow recorded by Chromium', () => {
  let browser: Browser;
  let mock: MockOkta;
  let app: Awaited<ReturnType<typeof startApp>>;
  const dir = tempDir('authtrail-oauth-');

  beforeAll(async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    app = await startApp(`${mock.url}/oauth2/default`);
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await mock?.stop();
  });

  async function record(variant: Variant): Promise<{ har: string; title: string }> {
    const har = join(dir, `${variant}.har`);
    const context = await browser.newContext({ recordHar: { path: har, content: 'embed' } });
    const page = await context.newPage();
    await page.goto(`${app.url}/?variant=${variant}`);
    await page.waitForFunction(() => document.title.startsWith('done:'), undefined, { timeout: 15_000 });
    const title = await page.title();
    await context.close();
    return { har, title };
  }

  const oauthFindings = (json: any) => json.findings.filter((f: any) => f.rule !== 'secret-exposed');

  it('a clean flow is one transaction, SUCCESS, with nothing above info', async () => {
    const { har, title } = await record('clean');
    expect(title).toBe('done:200:id_token');
    expect(readFileSync(har, 'utf8')).toContain('code_verifier');
    const { json } = await analyzeJson(har, '--db', ':memory:');
    const flows = json.transactions.filter((t: any) => t.steps[0].operation === 'authorize');
    expect(flows).toHaveLength(1);
    expect(flows[0].outcome).toBe('SUCCESS');
    expect(flows[0].steps.map((s: any) => s.operation)).toEqual(['authorize', 'callback', 'token.authorization_code']);
    expect(oauthFindings(json).filter((f: any) => f.severity !== 'info')).toEqual([]);
    const [authorize, , tokenStep] = flows[0].steps;
    expect(authorize.oauth).toMatchObject({ codeChallengeMethod: 'S256', responseType: 'code', server: `${mock.url}/oauth2/default` });
    // The verifier is known by its digest only, which is the challenge the page sent.
    expect(tokenStep.oauth.verifier).toMatchObject({ length: 43, charsetOk: true, s256: authorize.oauth.codeChallenge });
    expect(tokenStep.oauth.idTokenClaims).toMatchObject({ iss: `${mock.url}/oauth2/default`, aud: '0oa1mockspa', nonce: authorize.oauth.nonce });
    expect(tokenStep.oauth.accessTokenClaims).toMatchObject({ cid: '0oa1mockspa' });
    const text = readFileSync(har, 'utf8');
    const secrets = [/code_verifier=([\w-]+)/, /[?&]code=([\w-]+)/, /\\"refresh_token\\":\s*\\"([\w-]+)/, /\\"id_token\\":\s*\\"eyJ[\w-]+\.[\w-]+\.([\w-]+)/].map((re) => text.match(re)![1]);
    expect(JSON.stringify(json)).not.toContain(secrets[0]);
    // authtrail sanitize leaves none of them in the file, and its --check agrees.
    const safe = join(dir, 'clean.safe.har');
    expect((await runCli('sanitize', har, '-o', safe)).code).toBe(0);
    const sanitized = readFileSync(safe, 'utf8');
    expect(secrets.filter((v) => sanitized.includes(v))).toEqual([]);
    expect((await runCli('sanitize', '--check', safe)).code).toBe(0);
    // The HAR itself holds the clear code, verifier and tokens: the evidence rule says so, about the file.
    expect(json.findings.filter((f: any) => f.rule === 'secret-exposed').length).toBeGreaterThan(0);
  }, 30_000);

  it('form_post: the callback is a POST of the hidden inputs, the flow is as clean', async () => {
    const { har, title } = await record('form-post');
    expect(title).toBe('done:200:id_token');
    const { json } = await analyzeJson(har, '--db', ':memory:');
    const flows = json.transactions.filter((t: any) => t.steps[0].operation === 'authorize');
    expect(flows.map((t: any) => [t.steps.map((s: any) => `${s.method} ${s.operation}`), t.outcome])).toEqual([[['GET authorize', 'POST callback', 'POST token.authorization_code'], 'SUCCESS']]);
    // Chromium's HAR keeps no body for the form_post page it left at once: the posted callback carries the response.
    expect(flows[0].steps[1].oauth.response.state).toBe(flows[0].steps[0].oauth.state);
    expect(oauthFindings(json).filter((f: any) => f.severity !== 'info')).toEqual([]);
  }, 30_000);

  it('plain PKCE: the mock refuses it and pkce-plain names the authorize step', async () => {
    const { har, title } = await record('plain');
    expect(title).toBe('done:invalid_request');
    const { json } = await analyzeJson(har, '--db', ':memory:');
    expect(oauthFindings(json).map((f: any) => [f.rule, f.step, f.severity])).toEqual([['pkce-plain', 1, 'medium']]);
    expect(json.transactions.map((t: any) => [t.steps.map((s: any) => s.operation).join(' '), t.outcome])).toEqual([['authorize callback', 'FAILED']]);
  }, 30_000);

  it('no state: the flow succeeds and state-missing is low (S256 PKCE stands in)', async () => {
    const { har, title } = await record('no-state');
    expect(title).toBe('done:200:id_token');
    const { json } = await analyzeJson(har, '--db', ':memory:');
    expect(oauthFindings(json).map((f: any) => [f.rule, f.step, f.severity])).toEqual([['state-missing', 1, 'low']]);
    // The callback has no state to link by: its path and the code tie it in.
    expect(json.transactions.map((t: any) => t.steps.map((s: any) => s.operation))).toEqual([['authorize', 'callback', 'token.authorization_code']]);
  }, 30_000);
});
