import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * A body beyond repair is left out of the exchange, but the paste still shows what it holds: the import's
 * redaction reads its text for secrets in clear, and secret-exposed names them. Nothing of it is stored.
 */

const FIXTURE = 'test/fixtures/transcripts/secrets/mangled-bodies.md';
const dir = tempDir('authtrail-unreadable-');
const CLEAR = ['Pässwörd€Ümläut9', 'Hunter2-Secret!', '20111BrokenBrokenBrokenBrokenBroken', '00Jupc94tnwlavyfErGPmpGXafq0fjzLczbttOofL9'];

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const secrets = (json: any) => json.findings.filter((f: any) => f.rule === 'secret-exposed');
const fields = (json: any) => secrets(json).map((f: any) => f.evidence.field).sort();
const noClear = (text: string) => {
  for (const s of CLEAR) expect(text).not.toContain(s);
};

const BROKEN_LOGIN = '{"username": "rita.m@dundermifflin.example", "password": "Hunter2-Secret!", "options": {"multiOptionalFactorEnroll": false]]';
const MFA = '{"stateToken":"00abc*****","expiresAt":"2026-07-07T07:12:00.000Z","status":"MFA_REQUIRED","_embedded":{"user":{"id":"00uritam000000001","profile":{"login":"rita.m@dundermifflin.example"}}}}';

function rawHttp(version: '1.1' | '2', eol: string, request: string, response: string): string {
  return [
    `POST /api/v1/authn HTTP/${version}`,
    'Host: dev-3838.okta.com',
    'Content-Type: application/json',
    '',
    request,
    '',
    version === '2' ? 'HTTP/2 200' : 'HTTP/1.1 200 OK',
    'Content-Type: application/json',
    '',
    response,
    '',
  ].join(eol);
}

describe('secrets in a body left out as beyond repair', () => {
  it('names the password of the forum step whose request could not be repaired', async () => {
    const { json, stderr } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(stderr).toMatch(/request JSON could not be repaired: brackets do not match on its line 1; its body left out/);
    const password = secrets(json).find((f: any) => f.evidence.field === 'password');
    expect(password).toMatchObject({ transaction: '1.1', step: 1, severity: 'medium' });
    expect(password.evidence.places).toEqual(['request.body']);
    expect(json.verdict.evidence[0].text).toBe('stateToken, password, answer, sessionToken in clear at steps 1, 2 of 1.1');
    // The body stays left out: the step is read from its response alone.
    expect(json.transactions[0].steps[0].statusAfter).toBe('MFA_REQUIRED');
    noClear(JSON.stringify(json));
    const shown = await runCli('show', '1.1:1', FIXTURE, '--db', ':memory:');
    noClear(shown.stdout + shown.stderr);
  });

  it.each([
    ['HTTP/1.1, LF', '1.1', '\n'],
    ['HTTP/1.1, CRLF', '1.1', '\r\n'],
    ['HTTP/2, CRLF', '2', '\r\n'],
  ] as const)('raw HTTP (%s): a request body beyond repair', async (name, version, eol) => {
    const { json } = await analyzeJson(file(`raw-${version}-${eol.length}.http`, rawHttp(version, eol, BROKEN_LOGIN, MFA)), '--db', ':memory:');
    expect(json.transactions[0].steps[0].statusAfter, name).toBe('MFA_REQUIRED');
    expect(fields(json), name).toEqual(['password']);
    noClear(JSON.stringify(json));
  });

  it('raw HTTP: a response body beyond repair names its sessionToken', async () => {
    const broken = '{"status":"SUCCESS","sessionToken":"20111BrokenBrokenBrokenBrokenBroken","_embedded":{"user":{"id":"00u1"]]}';
    const { json } = await analyzeJson(file('response.http', rawHttp('1.1', '\n', '{"username":"rita.m@dundermifflin.example","password":"********"}', broken)), '--db', ':memory:');
    expect(fields(json)).toEqual(['sessionToken']);
    expect(secrets(json)[0].evidence.places).toEqual(['response.body']);
    noClear(JSON.stringify(json));
  });

  it('a curl command whose -d body is beyond repair', async () => {
    const paste = [`$ curl -s -X POST https://dev-3838.okta.com/api/v1/authn -H 'Content-Type: application/json' -d '${BROKEN_LOGIN}'`, MFA, ''].join('\n');
    const { json, stderr } = await analyzeJson(file('curl.md', paste), '--db', ':memory:');
    expect(stderr).toMatch(/request JSON could not be repaired/);
    expect(fields(json)).toEqual(['password']);
    noClear(JSON.stringify(json));
  });

  describe('a call left out whole (no side readable, or a broken request with no answer) still names its secrets', () => {
    const unreadFindings = (json: any) => secrets(json).filter((f: any) => f.messageId === 'secretInUnread');

    it('a forum step with both bodies beyond repair', async () => {
      const paste = [
        '**1. POST /api/v1/authn**', '', 'Request:', '```', BROKEN_LOGIN, '```', '', 'Response:', '```',
        '{"stateToken":"00Jupc94tnwlavyfErGPmpGXafq0fjzLczbttOofL9","status":"MFA_REQUIRED"]]}', '```', '',
        '**2. POST /api/v1/authn/factors/f1/verify**', '', 'Request:', '```json', '{"stateToken":"00Jupc*****","passCode":"******"}', '```', '',
        'Response:', '```json', '{"status":"SUCCESS","sessionToken":"20111*****"}', '```', '',
      ].join('\n');
      const { json, stderr } = await analyzeJson(file('forum-both.md', paste), '--db', ':memory:');
      expect(stderr).toMatch(/step left out/);
      expect(unreadFindings(json).map((f: any) => f.evidence.field).sort()).toEqual(['password', 'stateToken']);
      expect(unreadFindings(json)[0].message).toContain('left out whole as beyond repair: /api/v1/authn');
      expect(unreadFindings(json)[0]).toMatchObject({ transaction: null, step: null });
      noClear(JSON.stringify(json));
    });

    it('a raw HTTP request beyond repair with no response after it (CRLF)', async () => {
      const paste = ['POST /api/v1/authn HTTP/1.1', 'Host: dev-3838.okta.com', 'Content-Type: application/json', '', BROKEN_LOGIN, '', ''].join('\r\n');
      const { json, stderr } = await analyzeJson(file('noresp.http', paste + rawHttp('1.1', '\r\n', '{"stateToken":"00abc*****","passCode":"******"}', '{"status":"SUCCESS"}').replace('/api/v1/authn ', '/api/v1/authn/factors/f1/verify ')), '--db', ':memory:');
      expect(stderr).toMatch(/request left out/);
      expect(unreadFindings(json).map((f: any) => f.evidence.field)).toEqual(['password']);
      expect(json.verdict.evidence.find((i: any) => i.rules.includes('secret-exposed')).text).toBe('password in clear at calls not analyzed (/api/v1/authn)');
      expect(json.verdict.evidence[0].text).toMatch(/^1 of 3 blocks of .*noresp\.http could not be read \(.*noresp\.http:1\): no rule judged it$/);
      noClear(JSON.stringify(json));
    });

    it('a curl command whose -d body is beyond repair and shows no output', async () => {
      const paste = [`$ curl -s -X POST https://dev-3838.okta.com/api/v1/authn -d '${BROKEN_LOGIN}'`, '', "$ curl -s -X POST https://dev-3838.okta.com/api/v1/authn/factors/f1/verify -d '{\"stateToken\":\"00abc*****\",\"passCode\":\"******\"}'", '{"status":"SUCCESS"}', ''].join('\n');
      const { json, stderr } = await analyzeJson(file('curl-noresp.md', paste), '--db', ':memory:');
      expect(stderr).toMatch(/command left out/);
      expect(unreadFindings(json).map((f: any) => f.evidence.field)).toEqual(['password']);
      noClear(JSON.stringify(json));
    });

    it('a log line whose body is beyond repair', async () => {
      const log = [
        // A log writes its JSON compact.
        '2026-07-07 07:12:00 INFO OktaClient - POST https://dev-3838.okta.com/api/v1/authn body={"username":"rita","password":"Hunter2-Secret!","options":{"a":false]]',
        '2026-07-07 07:12:01 INFO OktaClient - Response 200 {"stateToken":"00abc*****","status":"MFA_REQUIRED"}',
        '2026-07-07 07:12:02 INFO OktaClient - POST https://dev-3838.okta.com/api/v1/authn/factors/f1/verify body={"stateToken":"00abc*****","passCode":"******"}',
        '2026-07-07 07:12:03 INFO OktaClient - Response 200 {"status":"SUCCESS","sessionToken":"20111*****"}',
        '',
      ].join('\n');
      const { json, stderr } = await analyzeJson(file('app.log', log), '--db', ':memory:');
      expect(stderr).toMatch(/request JSON could not be repaired; request left out/);
      expect(unreadFindings(json).map((f: any) => f.evidence.field)).toEqual(['password']);
      noClear(JSON.stringify(json));
    });
  });

  it.each(['********', '{{password}}', '<password>', '$PASSWORD', '[redacted]'])('a placeholder (%s) in a body beyond repair is no secret', async (placeholder) => {
    const broken = BROKEN_LOGIN.replace('Hunter2-Secret!', placeholder);
    const { json } = await analyzeJson(file(`placeholder-${placeholder.length}.http`, rawHttp('1.1', '\n', broken, MFA)), '--db', ':memory:');
    expect(json.transactions[0].steps[0].statusAfter).toBe('MFA_REQUIRED');
    expect(secrets(json)).toEqual([]);
  });
});
