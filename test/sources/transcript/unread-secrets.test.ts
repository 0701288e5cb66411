import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * Secrets in clear in the calls to the Okta org that no transaction holds (left outside --include, or read by
 * no protocol) are named for rotation, as the import's redaction noted them: never from the stored values.
 */

const FIXTURE = 'test/fixtures/transcripts/secrets/session-calls-unanalyzed.md';
const dir = tempDir('authtrail-unread-secrets-');
/** What the fixture and the variants hold in clear; none of it may reach the output or the database. */
const CLEAR = ['SessApiKey', '102SessionIdSessionIdSess', 'eyJraWQiOiJhYmMi', 'TPS-Reports-4ever', '20111SessSess', 'c2lnbmF0dXJl'];

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const secretFindings = (json: any) => json.findings.filter((f: any) => f.rule === 'secret-exposed');
const unreadFields = (json: any) => secretFindings(json).filter((f: any) => f.messageId === 'secretInUnread').map((f: any) => f.evidence.field).sort();
const problems = (json: any) => json.verdict.evidence.find((i: any) => i.rules.includes('secret-exposed'))?.text ?? '';

const AUTHN_CURL = [
  "$ curl -s -X POST https://dev-3131.okta.com/api/v1/authn -H 'Content-Type: application/json' -d '{\"username\":\"sess.user@initrode.example\",\"password\":\"********\"}'",
  '{"expiresAt":"2026-01-01T01:06:00.000Z","status":"SUCCESS","sessionToken":"20111*****","_embedded":{"user":{"id":"00usessuser000001","profile":{"login":"sess.user@initrode.example"}}}}',
  '',
];

/** The authn call and two org calls outside --include, as raw HTTP/1.1 or HTTP/2 messages, with the line ends given. */
function rawHttp(version: '1.1' | '2', eol: string, headers: { session: string; me: string }): string {
  const status = version === '2' ? 'HTTP/2 200' : 'HTTP/1.1 200 OK';
  return [
    '```http',
    `POST /api/v1/authn HTTP/${version}`,
    'Host: dev-3131.okta.com',
    'Content-Type: application/json',
    '',
    '{"username":"sess.user@initrode.example","password":"********"}',
    '```',
    '',
    '```http',
    status,
    'Content-Type: application/json',
    '',
    '{"expiresAt":"2026-01-01T01:06:00.000Z","status":"SUCCESS","sessionToken":"20111*****","_embedded":{"user":{"id":"00usessuser000001","profile":{"login":"sess.user@initrode.example"}}}}',
    '```',
    '',
    '```http',
    `POST /api/v1/sessions HTTP/${version}`,
    'Host: dev-3131.okta.com',
    'Content-Type: application/json',
    headers.session,
    '',
    '{"sessionToken":"20111*****"}',
    '```',
    '',
    '```http',
    status,
    'Content-Type: application/json',
    '',
    '{"id":"102abc","status":"ACTIVE"}',
    '```',
    '',
    '```http',
    `GET /api/v1/users/me HTTP/${version}`,
    'Host: dev-3131.okta.com',
    headers.me,
    '',
    '```',
    '',
    '```http',
    status,
    'Content-Type: application/json',
    '',
    '{"id":"00usessuser000001","status":"ACTIVE"}',
    '```',
    '',
  ].join(eol);
}

describe('secrets in clear in calls to the Okta org that were not analyzed', () => {
  it('names the API key, the session cookie and the bearer token of the calls outside --include (curl paste)', async () => {
    const { json } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(json.unanalyzed.count).toBe(4);
    expect(unreadFields(json)).toEqual(['authorization', 'cookie', 'sessionToken', 'token']);
    const auth = secretFindings(json).find((f: any) => f.evidence.field === 'authorization');
    expect(auth).toMatchObject({ transaction: null, step: null, severity: 'medium' });
    expect(auth.evidence.calls).toEqual(['/api/v1/sessions', '/api/v1/users/me']);
    expect(auth.evidence.refs).toEqual([`${FIXTURE}:7`, `${FIXTURE}:16`]);
    expect(auth.message).toContain('outside --include');
    expect(problems(json)).toMatch(/^password, sessionToken, authorization, token, cookie in clear at step 1 of 1\.1; calls not analyzed \(\/api\/v1\/sessions, \/api\/v1\/users\/me, \/login\/sessionCookieRedirect\)$/);
    expect(json.verdict.answer).toMatch(/exposes secrets/);
    const doc = JSON.stringify(json);
    for (const s of CLEAR) expect(doc).not.toContain(s);
  });

  it('the text report names them too', async () => {
    const run = await runCli('analyze', FIXTURE, '--db', ':memory:');
    expect(run.stdout).toMatch(/Evidence problems: password, sessionToken, authorization, token, cookie in clear/);
    for (const s of CLEAR) expect(run.stdout + run.stderr).not.toContain(s);
  });

  it("the ticket names where they are: 'calls not analyzed', not 'the evidence as a whole'", async () => {
    const out = join(dir, 'ticket');
    expect((await runCli('report', FIXTURE, '--db', ':memory:', '--out', out)).code).toBeLessThan(2);
    const ticket = readFileSync(join(out, 'ticket.md'), 'utf8');
    expect(ticket).toContain('medium secret-exposed ×6 at calls not analyzed, step 1 of 1.1');
    for (const s of CLEAR) expect(ticket).not.toContain(s);
  });

  it('imported with --include ** the same calls are read by no protocol: the same secrets are named', async () => {
    const { json } = await analyzeJson(FIXTURE, '--db', ':memory:', '--include', '**');
    expect(json.unanalyzed.count).toBe(4);
    expect(unreadFields(json)).toEqual(['authorization', 'cookie', 'sessionToken', 'token']);
    expect(secretFindings(json).find((f: any) => f.evidence.field === 'cookie').message).toContain('calls no protocol module reads');
    for (const s of CLEAR) expect(JSON.stringify(json)).not.toContain(s);
  });

  it.each([
    ['HTTP/1.1, LF', '1.1', '\n'],
    ['HTTP/1.1, CRLF', '1.1', '\r\n'],
    ['HTTP/2, LF', '2', '\n'],
    ['HTTP/2, CRLF', '2', '\r\n'],
  ] as const)('raw HTTP messages (%s)', async (name, version, eol) => {
    const path = file(`raw-${version}-${eol.length}.md`, rawHttp(version, eol, { session: 'Authorization: SSWS 00SessApiKeySessApiKeySessApiKeySessApiKe', me: 'cookie: sid=102SessionIdSessionIdSess; DT=abc' }));
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.unanalyzed.count, name).toBe(2);
    expect(unreadFields(json)).toEqual(['authorization', 'cookie']);
    expect(problems(json)).toBe('authorization, cookie in clear at calls not analyzed (/api/v1/sessions, /api/v1/users/me)');
    for (const s of CLEAR) expect(JSON.stringify(json)).not.toContain(s);
  });

  it('placeholders in those calls are no secrets', async () => {
    const curl = file('placeholders.md', [
      ...AUTHN_CURL,
      "$ curl -s -X POST https://dev-3131.okta.com/api/v1/sessions -H 'Authorization: SSWS ${OKTA_API_TOKEN}' -d '{\"sessionToken\":\"{{sessionToken}}\"}'",
      '{"id":"102abc","status":"ACTIVE"}',
      '',
      "$ curl -s https://dev-3131.okta.com/api/v1/users/me -H 'Cookie: sid=<sid>'",
      '{"id":"00usessuser000001"}',
      '',
    ].join('\n'));
    const raw = file('placeholders-http.md', rawHttp('1.1', '\n', { session: 'Authorization: SSWS [redacted api key]', me: 'Cookie: sid=********' }));
    for (const path of [curl, raw]) {
      const { json } = await analyzeJson(path, '--db', ':memory:');
      expect(json.unanalyzed.count, path).toBe(2);
      expect(secretFindings(json), path).toEqual([]);
    }
  });

  it('a database analyzed on worker threads names them as one thread does; the database holds none of them', async () => {
    const db = join(dir, 'evidence.db');
    expect((await runCli('import', FIXTURE, '--db', db)).code).toBe(0);
    const one = (await analyzeJson('--db', db, '--threads', '1')).json;
    const two = (await analyzeJson('--db', db, '--threads', '2')).json;
    expect(unreadFields(one)).toEqual(['authorization', 'cookie', 'sessionToken', 'token']);
    expect(two.findings).toEqual(one.findings);
    expect(two.verdict).toEqual(one.verdict);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(db).toString('latin1');
    for (const s of CLEAR) expect(bytes).not.toContain(s);
  });
});
