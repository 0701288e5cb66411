import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'authtrail-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SESSION_TOKEN = '20111nsHcdOAf4FqW7Sp9rXW2IzMFUJjBu2pnJ9bBJZxfBB8Jv1Zyf';
const ORG = 'https://dev-123456.okta.com';

function entry(method: string, url: string, body: unknown = null, headers: Record<string, string> = {}) {
  return {
    startedDateTime: '2026-11-30T10:00:00.000Z',
    time: 50,
    request: {
      method,
      url: `${ORG}${url}`,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }, ...Object.entries(headers).map(([name, value]) => ({ name, value }))],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: -1,
      ...(body ? { postData: { mimeType: 'application/json', text: JSON.stringify(body) } } : {}),
    },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 2, mimeType: 'application/json', text: '{}' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 50, receive: 0 },
  };
}

/** A Classic embedded-widget app: every dependency Okta's "API changes after the upgrade" table names. */
function classicHar(): string {
  const widget = { 'X-Okta-User-Agent-Extended': 'okta-signin-widget-5.16.1 okta-auth-js/5.10.0' };
  const entries = [
    entry('POST', '/api/v1/authn', { username: 'mary.jane@example.com', password: 'Old-Passw0rd!', audience: 'api://default', context: { deviceToken: '26q43Ak9Eh04p7H6Nnx0m69JqYOrfVBY' } }, widget),
    entry('GET', `/login/sessionCookieRedirect?token=${SESSION_TOKEN}&redirectUrl=https%3A%2F%2Fapp.example.com`),
    entry('POST', '/api/v1/sessions?additionalFields=cookieToken', { sessionToken: SESSION_TOKEN }),
    entry('GET', '/api/v1/sessions/me'),
    entry('GET', '/api/v1/users/00u4aj33rsxULOM5i1d7/factors'),
  ];
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });
}

describe('authtrail migration', () => {
  it('lists the Classic recovery and authn calls of the forum transcript with what replaces them', async () => {
    const run = await runCli('migration', 'samples/okta-devforum-recovery-mfa.md', '--db', ':memory:', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.items.map((i: any) => [i.id, i.calls])).toEqual([['classic-recovery', 4], ['classic-authn', 6]]);
    expect(doc.items[0].replacement).toContain('/idp/idx/recover');
    expect(doc.items[0].sources[0].url).toBe('https://developer.okta.com/docs/guides/oie-upgrade-api-changes/main/');
  });

  it('finds audience, device token, cookieToken, sessionCookieRedirect, sessions/me, Factors API and the Classic widget in a HAR', async () => {
    const har = join(dir, 'classic.har');
    writeFileSync(har, classicHar());
    const run = await runCli('migration', har, '--db', ':memory:', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const ids = JSON.parse(run.stdout).items.map((i: any) => i.id);
    expect(ids).toEqual(['authn-audience', 'authn-device-token', 'sessions-cookie-token', 'session-cookie-redirect', 'sessions-me', 'factors-api', 'embedded-widget-classic', 'classic-authn']);
    const md = await runCli('migration', har, '--db', ':memory:', '--format', 'markdown');
    expect(md.stdout).toContain('| Classic call | Calls | What Okta documents on Identity Engine | Replace with | Sources |');
    expect(md.stdout).toContain('application sign-on policies are not enforced');
    expect(md.stdout).not.toContain(SESSION_TOKEN);
  });

  it('reads a browser HAR of a Classic recovery, and says when nothing depends on Classic', async () => {
    const chrome = await runCli('migration', 'test/fixtures/har/chrome.har', '--db', ':memory:');
    expect(chrome.stdout).toContain('2 Classic dependencies in 8 exchanges (7 Classic /api/v1/authn calls).');
    expect(chrome.stdout).toContain('Replace with: POST /idp/idx/recover');
    const idxHar = join(dir, 'idx.har');
    writeFileSync(idxHar, JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [entry('POST', '/idp/idx/introspect', { stateToken: 'x' })] } }));
    const idx = await runCli('migration', idxHar, '--db', ':memory:');
    expect(idx.code, idx.stderr).toBe(0);
    expect(idx.stdout).toContain('No Classic API call in 1 exchange');
  });
});
