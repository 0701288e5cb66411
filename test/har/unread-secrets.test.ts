import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/**
 * A HAR's calls to the Okta org outside --include (a browser's /api/v1/sessions/me, /api/v1/users/me) are read,
 * not kept, for the secrets they show: the sid cookie, an SSWS key. Calls to other hosts and assets are not.
 */

const dir = tempDir('authtrail-har-unread-');
const CLEAR = ['SessApiKey', '102SessionIdSessionIdSess', 'ShopCookieShopCookie'];

function entry(url: string, headers: Record<string, string>, body: unknown, response: unknown, mimeType = 'application/json') {
  return {
    startedDateTime: '2026-11-29T18:27:07.000Z',
    time: 10,
    request: { method: body ? 'POST' : 'GET', url, httpVersion: 'HTTP/2', headers: Object.entries(headers).map(([name, value]) => ({ name, value })), queryString: [], cookies: [], headersSize: -1, bodySize: -1,
      ...(body ? { postData: { mimeType: 'application/json', text: JSON.stringify(body) } } : {}) },
    response: { status: 200, statusText: '', httpVersion: 'HTTP/2', headers: [{ name: 'content-type', value: mimeType }], cookies: [], content: { size: -1, mimeType, text: JSON.stringify(response) }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 10, receive: 0 },
  };
}

function har(name: string, org: string, extra: (ReturnType<typeof entry>)[]): string {
  const path = join(dir, name);
  const authn = entry(`${org}/api/v1/authn`, { 'content-type': 'application/json' }, { username: 'a@b.c', password: '********' }, { status: 'SUCCESS', sessionToken: '20111*****' });
  writeFileSync(path, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [authn, ...extra] } }));
  return path;
}

const unreadFields = (json: any) => json.findings.filter((f: any) => f.messageId === 'secretInUnread').map((f: any) => f.evidence.field).sort();

describe('a HAR: secrets in the calls to the Okta org outside --include', () => {
  it.each([
    ['an okta.com org', 'https://dev-3131.okta.com'],
    ['a custom domain (the org by its authn call)', 'https://login.initrode.example'],
  ])('%s: the SSWS key and the sid cookie are named; assets and other hosts are not', async (name, org) => {
    const path = har(`${name.length}.har`, org, [
      entry(`${org}/api/v1/sessions`, { authorization: 'SSWS 00SessApiKeySessApiKeySessApiKeySessApiKe' }, { sessionToken: '20111*****' }, { id: '102abc' }),
      entry(`${org}/api/v1/users/me`, { cookie: 'sid=102SessionIdSessionIdSess' }, null, { id: '00u1' }),
      entry(`${org}/assets/app.js`, { cookie: 'sid=102SessionIdSessionIdSess; t=ShopCookieShopCookie' }, null, '', 'application/javascript'),
      entry('https://api.shop.example/api/cart', { cookie: 'session=ShopCookieShopCookie' }, null, { items: [] }),
    ]);
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.unanalyzed.calls, name).toEqual({ '/api/v1/sessions': 1, '/api/v1/users/me': 1 });
    expect(unreadFields(json), name).toEqual(['authorization', 'cookie']);
    const cookie = json.findings.find((f: any) => f.evidence.field === 'cookie');
    expect(cookie.evidence.calls).toEqual(['/api/v1/users/me']);
    expect(cookie.evidence.refs).toEqual([`${path}#entries[2]`]);
    const doc = JSON.stringify(json);
    for (const s of CLEAR) expect(doc).not.toContain(s);
  });

  it("authtrail's HAR export keeps what the capture noted of them: the re-import names the same secrets", async () => {
    const db = join(dir, 'export.db');
    const out = join(dir, 'export.har');
    expect((await runCli('import', 'test/fixtures/transcripts/secrets/session-calls-unanalyzed.md', '--db', db)).code).toBe(0);
    expect((await runCli('export', 'har', '--db', db, '-o', out)).code).toBe(0);
    const { json } = await analyzeJson(out, '--db', ':memory:');
    expect(unreadFields(json)).toEqual(['authorization', 'cookie', 'sessionToken', 'token']);
    for (const s of CLEAR) expect(JSON.stringify(json)).not.toContain(s);
  });

  it('a hand-edited _authtrail cannot bring a clear value in: what is not the shape authtrail writes is dropped or named', async () => {
    const org = 'https://dev-3131.okta.com';
    const path = har('hostile.har', org, []);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.log._authtrail = { unreadExposures: [{ where: 'request.header', field: 'cookie', preview: 'sid=102SessionIdSessionIdSess', call: '/api/v1/users/me?sid=102SessionIdSessionIdSess', ref: 'x SessApiKeySessApiKeySessApiKey', group: 't1' }, 'junk'] };
    writeFileSync(path, JSON.stringify(doc));
    const { json } = await analyzeJson(path, '--db', ':memory:');
    const f = json.findings.find((x: any) => x.messageId === 'secretInUnread');
    expect(f.evidence).toMatchObject({ field: 'cookie', preview: '…', calls: ['other'], refs: ['an earlier capture'] });
    for (const s of CLEAR) expect(JSON.stringify(json)).not.toContain(s);
  });

  it('placeholders in those calls are no secrets', async () => {
    const org = 'https://dev-3131.okta.com';
    const path = har('placeholders.har', org, [
      entry(`${org}/api/v1/sessions`, { authorization: 'SSWS {{apiKey}}' }, { sessionToken: '{{sessionToken}}' }, { id: '102abc' }),
      entry(`${org}/api/v1/users/me`, { cookie: 'sid=********' }, null, { id: '00u1' }),
    ]);
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.unanalyzed.count).toBe(2);
    expect(unreadFields(json)).toEqual([]);
  });
});
