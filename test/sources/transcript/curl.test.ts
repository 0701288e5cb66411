import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/model/errors.js';
import { readCurlArgs } from '../../../src/sources/transcript/curl-args.js';
import { parseCurlTranscript } from '../../../src/sources/transcript/curl.js';
import { parseForumTranscript } from '../../../src/sources/transcript/forum.js';
import { essence, load, SAMPLE } from './helpers.js';

describe('readCurlArgs', () => {
  const cases: [string, string, Partial<ReturnType<typeof readCurlArgs>>][] = [
    ['-X and -H and -d', `curl -X POST https://o.okta.com/api/v1/authn -H 'Content-Type: application/json' -d '{"a":1}'`,
      { method: 'POST', url: 'https://o.okta.com/api/v1/authn', headers: { 'content-type': 'application/json' }, data: '{"a":1}' }],
    ['data without -X means POST', `curl https://o/api/v1/authn --data '{"a":1}'`, { method: 'POST', data: '{"a":1}' }],
    ['no data means GET', 'curl https://o/api/v1/users/me', { method: 'GET', data: null }],
    ['--json sets the JSON headers and joins its parts', `curl --json '{"a":' --json '1}' https://o/x`,
      { method: 'POST', data: '{"a":1}', headers: { 'content-type': 'application/json', accept: 'application/json' } }],
    ['several -d are joined with &', 'curl -d a=1 -d b=2 https://o/x', { data: 'a=1&b=2' }],
    ['--data-urlencode encodes the value', `curl --data-urlencode 'q=a b&c' https://o/x`, { data: 'q=a%20b%26c' }],
    ['-G moves data into the query', 'curl -G -d a=1 https://o/x', { method: 'GET', url: 'https://o/x?a=1', data: null }],
    ['-I is HEAD', 'curl -I https://o/x', { method: 'HEAD' }],
    ['-u becomes Basic authorization', 'curl -u user:pass https://o/x', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }],
    ['--url and --request=', `curl --request=put --url 'https://o/x'`, { method: 'PUT', url: 'https://o/x' }],
    ['combined short flags with an argument', `curl -sSXPOST https://o/x`, { method: 'POST' }],
    ['combined short flags, argument in the next word', `curl -sSX PATCH https://o/x`, { method: 'PATCH' }],
    ['attached -d value', `curl -d'{"a":1}' https://o/x`, { data: '{"a":1}' }],
    ['backslash continuations', `curl \\\n  -X POST \\\n  https://o/x \\\n  -d '{}'`, { method: 'POST', url: 'https://o/x', data: '{}' }],
    ['double quotes with escapes', `curl -d "{\\"a\\": \\"b\\"}" https://o/x`, { data: '{"a": "b"}' }],
    ["$'...' strings", `curl --data-raw $'{"a": "it\\'s",\\n "b": "\\x41"}' https://o/x`, { data: '{"a": "it\'s",\n "b": "A"}' }],
    ['variables stay as written', `curl "$ORG/api/v1/authn" -H "Authorization: SSWS \${TOKEN}"`,
      { url: '$ORG/api/v1/authn', headers: { authorization: 'SSWS $TOKEN' } }],
    ['an unquoted masked URL is not a glob', 'curl https://o/api/v1/authn/factors/emf5*****/verify',
      { url: 'https://o/api/v1/authn/factors/emf5*****/verify' }],
    ['a pipe ends the command', `curl https://o/x -d '{}' | jq .`, { data: '{}', url: 'https://o/x' }],
    ['-d @file is noted, not invented', 'curl -d @body.json https://o/x',
      { method: 'POST', data: null, notes: ['request body read from file body.json, not in the transcript'] }],
    ['options with arguments do not become the URL', 'curl -o out.json -w "%{http_code}" -m 5 https://o/x', { url: 'https://o/x' }],
    ['-b with a cookie, -A and -e', `curl -b 'sid=abc' -A 'UA/1' -e https://ref https://o/x`,
      { headers: { cookie: 'sid=abc', 'user-agent': 'UA/1', referer: 'https://ref' } }],
  ];
  cases.push(['Chrome "Copy as cURL (cmd)" carets',
    'curl ^"https://o/api/v1/authn^" ^\n  -H ^"content-type: application/json^" ^\n  --data-raw ^"^{^\\^"username^\\^":^\\^"a^&b^\\^"^}^"',
    { method: 'POST', url: 'https://o/api/v1/authn', headers: { 'content-type': 'application/json' }, data: '{"username":"a&b"}' }]);
  it.each(cases)('%s', (_name, command, expected) => {
    expect(readCurlArgs(command)).toMatchObject(expected);
  });
});

describe('parseCurlTranscript', () => {
  const sample = parseForumTranscript(...load(SAMPLE));

  it('reads the devforum flow replayed with curl as the same exchanges, host kept', () => {
    const curl = parseCurlTranscript(...load('test/fixtures/transcripts/devforum-curl.md'));
    expect(curl.report).toMatchObject({ unit: 'commands', found: 6, imported: 6, warnings: [] });
    expect(curl.exchanges.map(essence)).toEqual(sample.exchanges.map(essence));
    expect(curl.exchanges.every((e) => e.url.startsWith('https://dev-1.okta.com/api/v1/authn/'))).toBe(true);
  });

  it('reads curl -i and curl -v output: status and lower-cased headers', () => {
    const curl = parseCurlTranscript(...load('test/fixtures/transcripts/devforum-curl.md'));
    expect(curl.exchanges[0]!.requestHeaders).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: 'SSWS $OKTA_API_TOKEN',
    });
    expect(curl.exchanges[0]!.responseHeaders).toMatchObject({ 'x-okta-request-id': 'Y2JhZDk0ZmUtMjU3', 'x-rate-limit-limit': '600' });
    expect(curl.exchanges[4]!.responseHeaders).toEqual({
      'content-type': 'application/json;charset=UTF-8',
      'x-okta-request-id': 'aGVsbG8td29ybGQ',
    });
    expect(curl.exchanges[4]!.requestHeaders.authorization).toBe(`Basic ${Buffer.from('svc-recovery:not-a-real-secret').toString('base64')}`);
    expect(curl.exchanges[1]!.notes).toContain('HTTP status not given: 200 inferred from the body');
  });

  it('handles errors, interim 100 responses, PowerShell continuations, a broken response and a command without URL', () => {
    const file = 'test/fixtures/transcripts/curl-errors.md';
    const curl = parseCurlTranscript(...load(file));
    expect(curl.report.found).toBe(8);
    expect(curl.report.imported).toBe(7);
    expect(curl.report.warnings).toEqual([
      { ref: `${file}:31 (command 4)`, message: expect.stringMatching(/^response JSON could not be repaired: .*; its body left out, the request read$/) },
      { ref: `${file}:49 (command 8)`, message: 'the command names no URL; command left out' },
    ]);
    expect(curl.exchanges.map((e) => [e.label, e.url, e.responseStatus])).toEqual([
      ['1', 'https://dev-123.okta.com/api/v1/authn', 401],
      ['2', '/api/v1/authn', 200],
      ['3', '/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify', 403],
      // Its output's JSON is beyond repair: kept with the status it showed, the body left out.
      ['4', '/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify', 200],
      ['5', '/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify', 403],
      ['6', '/api/v1/authn', 429],
      ['7', '/api/v1/users/00u1ab2CD3ef4GH5ij6/lifecycle/unlock', 200],
    ]);
    const [first, second] = curl.exchanges;
    expect(first!.requestBody).toEqual({ username: 'dana.lee@example.com', password: 'wrong-once' });
    expect(second!.requestBody).toBeNull();
    expect(second!.method).toBe('POST');
    expect(second!.responseHeaders['set-cookie']).toBe('JSESSIONID=ABC123; Path=/\nDT=xyz; Path=/; Secure');
    expect(second!.notes).toContain('placeholder host $OKTA_ORG dropped');
    expect(curl.exchanges[5]!.requestBody).toEqual({ username: 'dana.lee@example.com', password: 'Tr0ub4dor&3x' });
  });

  it('reads a response given on its line after a label (Response:, Output (401):, =>)', () => {
    const cmd = (n: number) => `curl -X POST https://o.okta.com/api/v1/authn/factors/sms${n}/verify -H 'Content-Type: application/json' -d '{"stateToken":"00abc","passCode":"12345${n}"}'`;
    const text = [
      cmd(1), '', 'Response: {"status":"SUCCESS","sessionToken":"20111abc"}', '',
      cmd(2), 'Output (403): {"errorCode":"E0000068","errorSummary":"Invalid Passcode/Answer"}', '',
      cmd(3), '=> {"status":"MFA_CHALLENGE","factorResult":"WAITING"}', '',
      cmd(4), 'The response body: {"status":"SUCCESS"}', '',
      // Prose that merely mentions a response is not one.
      cmd(5), 'Response was empty, so I retried.',
    ].join('\n');
    const curl = parseCurlTranscript(text, 'labels.txt');
    expect(curl.exchanges.map((e) => [e.responseStatus, (e.responseBody as { status?: string; errorCode?: string } | null)?.status ?? (e.responseBody as { errorCode?: string } | null)?.errorCode ?? null])).toEqual([
      [200, 'SUCCESS'],
      [403, 'E0000068'],
      [200, 'MFA_CHALLENGE'],
      [200, 'SUCCESS'],
      [null, null],
    ]);
  });

  it('finds cmd-style commands continued with ^ and pairs them with their output', () => {
    const text = [
      'C:\\> curl ^"https://o.okta.com/api/v1/authn^" ^',
      '  -H ^"content-type: application/json^" ^',
      '  --data-raw ^"^{^\\^"username^\\^":^\\^"a@b.c^\\^"^}^"',
      '{"status":"MFA_REQUIRED","stateToken":"00x"}',
    ].join('\n');
    const r = parseCurlTranscript(text, 'win.txt');
    expect(r.exchanges.map(essence)).toEqual([{
      method: 'POST', path: '/api/v1/authn', requestBody: { username: 'a@b.c' }, responseStatus: 200,
      responseBody: { status: 'MFA_REQUIRED', stateToken: '00x' }, label: '1',
    }]);
  });

  it("reads a command typed into cmd, its continuation lines behind cmd's More? prompt", () => {
    const text = [
      'C:\\Users\\jo>curl -i -X POST ^',
      'More?  "https://o.okta.com/api/v1/authn" ^',
      'More?  -H "Content-Type: application/json" ^',
      'More? -d "{\\"username\\":\\"a@b.c\\",\\"password\\":\\"More? x\\"}"',
      'HTTP/1.1 401 Unauthorized',
      '',
      '{"errorCode":"E0000004","errorSummary":"Authentication failed","errorCauses":[]}',
    ].join('\n');
    const r = parseCurlTranscript(text, 'cmd.txt');
    expect(r.report.warnings).toEqual([]);
    expect(r.exchanges.map(essence)).toEqual([{
      method: 'POST', path: '/api/v1/authn', requestBody: { username: 'a@b.c', password: 'More? x' }, responseStatus: 401,
      responseBody: { errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [] }, label: '1',
    }]);
  });

  it('takes the body of -d @- from a here-document and does not read it as the output', () => {
    const text = [
      "curl -s -X POST https://o.okta.com/api/v1/authn -H 'Content-Type: application/json' -d @- <<'EOF'",
      '{"username": "a@b.c", "password": "pw"}', 'EOF', '{"status": "MFA_REQUIRED", "stateToken": "00x"}',
    ].join('\n');
    const [e] = parseCurlTranscript(text, 'heredoc.sh').exchanges;
    expect(e!.requestBody).toEqual({ username: 'a@b.c', password: 'pw' });
    expect(e!.responseBody).toEqual({ status: 'MFA_REQUIRED', stateToken: '00x' });
    expect(e!.notes).toEqual(['HTTP status not given: 200 inferred from the body']);
  });

  it('throws an InputError naming the file when there is no curl command', () => {
    expect(() => parseCurlTranscript('nothing to see', 'ticket.txt')).toThrow(InputError);
    expect(() => parseCurlTranscript('curl is installed, and\ncurl returns the same thing', 'ticket.txt')).toThrow(InputError);
    expect(() => parseCurlTranscript('nothing to see', 'ticket.txt')).toThrow(/^ticket\.txt: no Okta authn request\/response found; /);
  });
});
