import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { analyze } from '../../src/analyze/index.js';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';
import { recordInto, request, tempDb } from '../proxy/helpers.js';
import { toJson } from '../../src/analyze/document.js';

/** "Never silently clean": calls to the Okta org that no protocol read are counted and named everywhere. */

const ORG = 'https://dev-123456.okta.com';

function entry(method: string, url: string, status: number, body: unknown, mimeType = 'application/json') {
  return {
    startedDateTime: '2026-11-29T18:27:07.000Z',
    time: 10,
    request: { method, url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: -1,
      ...(method === 'POST' ? { postData: { mimeType: 'application/json', text: JSON.stringify({ username: 'mary@example.com', password: 'x' }) } } : {}) },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: mimeType }], cookies: [],
      content: { size: -1, mimeType, text: typeof body === 'string' ? body : JSON.stringify(body) }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 10, receive: 0 },
  };
}

function har(dir: string, name: string, entries: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }));
  return path;
}

const mfaRequired = { stateToken: '00abcdefghijklmnopqrstuvwxyz0123456789AB', expiresAt: '2026-11-29T18:32:07.000Z', status: 'MFA_REQUIRED',
  _embedded: { user: { id: '00ub0oNGTSWTBKOLGLNR', profile: { login: 'mary@example.com' } }, factors: [] } };

describe('calls to the Okta org that no protocol analyzed', () => {
  const dir = tempDir();
  const mixed = har(dir, 'mixed.har', [
    entry('GET', `${ORG}/signin`, 200, '<html></html>', 'text/html'),
    entry('GET', `${ORG}/assets/app.js`, 200, '', 'application/javascript'),
    entry('POST', `${ORG}/api/v1/authn`, 200, mfaRequired),
    entry('GET', `${ORG}/api/v1/users/me`, 200, { id: '00ub0oNGTSWTBKOLGLNR' }),
    entry('GET', `${ORG}/api/v1/users/me`, 200, { id: '00ub0oNGTSWTBKOLGLNR' }),
    entry('GET', `${ORG}/api/v1/users/00ub0oNGTSWTBKOLGLNR/factors`, 200, []),
    entry('GET', 'https://cdn.example.net/api/v1/products', 200, []),
  ]);

  it('counts and names them in the JSON (pattern → count), leaving out pages, assets and other hosts', async () => {
    const { json, code } = await analyzeJson(mixed, '--db', ':memory:');
    expect(code).toBe(0);
    expect(json.unanalyzed).toEqual({ count: 3, calls: { '/api/v1/users/me': 2, '/api/v1/users/{id}/factors': 1 } });
    expect(json.captures[0].unread).toEqual({ '/api/v1/users/me': 2, '/api/v1/users/{id}/factors': 1 });
    const item = json.verdict.evidence.find((i: any) => /not analyzed/.test(i.text));
    expect(item.text).toBe('3 exchanges with the Okta org were not analyzed: /api/v1/users/me ×2, /api/v1/users/{id}/factors ×1');
    // No finding in what was read must not read as "the flow matches": part of it was not read.
    expect(json.verdict.answer).toMatch(/3 calls to the Okta org were not analyzed/);
    expect(json.verdict.answer).not.toMatch(/matches the state machine/);
  });

  it('names them in every format', async () => {
    for (const format of ['table', 'markdown', 'jira', 'html', 'mermaid']) {
      const run = await runCli('analyze', mixed, '--db', ':memory:', '--format', format);
      expect(run.code, `${format}: ${run.stderr}`).toBe(0);
      expect(run.stdout, format).toMatch(/3 exchanges with the Okta org (were )?not analyzed/);
      expect(run.stdout, format).toContain('/api/v1/users/me ×2');
    }
  });

  it('--fail-on unanalyzed exits 1 when there are some, 0 when there are none; a bad value is a usage error', async () => {
    expect((await runCli('analyze', mixed, '--db', ':memory:', '--fail-on', 'unanalyzed')).code).toBe(1);
    expect((await runCli('analyze', mixed, '--db', ':memory:', '--fail-on', 'high')).code).toBe(0);
    expect((await runCli('analyze', mixed, '--db', ':memory:', '--fail-on', 'high,unanalyzed')).code).toBe(1);
    const clean = har(dir, 'clean.har', [entry('POST', `${ORG}/api/v1/authn`, 200, mfaRequired)]);
    expect((await runCli('analyze', clean, '--db', ':memory:', '--fail-on', 'unanalyzed')).code).toBe(0);
    const bad = await runCli('analyze', clean, '--db', ':memory:', '--fail-on', 'severe');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--fail-on severe: use a severity/);
  });

  it('exchanges imported with a wider --include but read by no protocol are counted too', async () => {
    const { json } = await analyzeJson(mixed, '--db', ':memory:', '--include', '/api/v1/**');
    expect(json.unanalyzed.calls).toEqual({ '/api/v1/users/me': 2, '/api/v1/users/{id}/factors': 1 });
  });

  it('a HAR with no call a protocol reads exits 2 and says what it held', async () => {
    const oktaOnly = har(dir, 'users-only.har', [entry('GET', `${ORG}/api/v1/users/me`, 200, {}), entry('GET', `${ORG}/api/v1/users/me`, 200, {})]);
    const run = await runCli('analyze', oktaOnly, '--db', ':memory:');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/users-only\.har: no Okta authn or Identity Engine exchange found: 2 of its 2 entries are calls to the Okta org .*\/api\/v1\/users\/me ×2/);
    const other = har(dir, 'shop.har', [entry('GET', 'https://shop.example.com/', 200, '<html/>', 'text/html'), entry('GET', 'https://shop.example.com/api/cart', 200, {})]);
    const shop = await runCli('analyze', other, '--db', join(dir, 'shop.db'));
    expect(shop.code).toBe(2);
    expect(shop.stderr).toMatch(/shop\.har: no Okta authn or Identity Engine exchange found: none of its 2 entries is a call to an Okta org/);
    const empty = har(dir, 'empty.har', []);
    expect((await runCli('analyze', empty, '--db', ':memory:')).stderr).toMatch(/empty\.har: the HAR has no entries/);
  });

  it('the analysis counts exchanges no protocol claims even without captures', () => {
    const result = analyze([], []);
    expect(toJson(result).unanalyzed).toEqual({ count: 0, calls: {} });
    expect(toJson(result).verdict!.answer).toMatch(/^nothing to judge/);
  });
});

describe('the recorder names what it forwarded without recording', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    db = tempDb();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it('keeps the call patterns outside --include with the capture, and analyze shows them', async () => {
    const user = defaultUsers()[0]!;
    const { recorder } = await recordInto(db.path, { target: mock.url });
    await request(`${recorder.url}/api/v1/authn`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.login, password: user.password }) });
    await request(`${recorder.url}/api/v1/users/me`);
    await request(`${recorder.url}/api/v1/users/00u1abcdEFGH2345ijkl/factors`);
    const summary = await recorder.stop();
    expect(summary.analysis.unread).toEqual({ '/api/v1/users/me': 1, '/api/v1/users/{id}/factors': 1 });
    db.store.close();
    const { json } = await analyzeJson('--db', db.path);
    expect(json.unanalyzed.count).toBe(2);
  });
});
