import { describe, expect, it } from 'vitest';
import { javaMap, parseLogTranscript } from '../../../src/sources/transcript/log.js';

/** Values the log reader takes out of SDK log lines (the whole formats are pastes 62-64 in pastes.test.ts). */
describe('a Java Map printed by toString', () => {
  it('reads flat, nested and list values, null, and values with spaces', () => {
    expect(javaMap('{username=jo@acme.com, password=Hunter2!x}')).toEqual({ username: 'jo@acme.com', password: 'Hunter2!x' });
    expect(javaMap('{stateToken=00ab, context={deviceToken=xyz, ip=1.2.3.4}, factors=[sms, call], relayState=null}')).toEqual({
      stateToken: '00ab',
      context: { deviceToken: 'xyz', ip: '1.2.3.4' },
      factors: ['sms', 'call'],
      relayState: null,
    });
    expect(javaMap('{answer=my first car, passCode=123456}')).toEqual({ answer: 'my first car', passCode: '123456' });
    expect(javaMap('{}')).toEqual({});
  });

  it('leaves text that is not a map as it is', () => {
    expect(javaMap('not a map')).toBe('not a map');
  });
});

describe("a question's sentence", () => {
  it('reads the request and the answer on its line, and names the objects after the answer it cannot place', () => {
    const text = 'I call POST https://dev-1.okta.com/api/v1/authn with {"username":"jo@acme.com","password":"x-1"} and Okta returns {"status":"LOCKED_OUT"}. Then I call it again and get {"errorCode":"E0000004"} and {"errorCode":"E0000004"}.\n';
    const read = parseLogTranscript(text, 'q.md');
    expect(read.exchanges.map((e) => [e.method, e.url, e.requestBody, e.responseBody])).toEqual([
      ['POST', 'https://dev-1.okta.com/api/v1/authn', { username: 'jo@acme.com', password: 'x-1' }, { status: 'LOCKED_OUT' }],
    ]);
    expect(read.report.warnings.map((w) => [w.ref, w.message])).toEqual([['q.md:1 (request 1)', expect.stringMatching(/^2 more JSON object\(s\) after the answer/)]]);
  });

  it('keeps a log line whose object is followed by timing text', () => {
    const read = parseLogTranscript('POST https://dev-1.okta.com/api/v1/authn {"username":"a@b.com"} 200 45ms\n', 'l.log');
    expect(read.exchanges[0]!.requestBody).toEqual({ username: 'a@b.com' });
  });
});

describe("OkHttp's logging interceptor with pretty-printed bodies", () => {
  const head = (p: string) => [
    `${p}--> POST https://acme.okta.com/api/v1/authn`,
    `${p}{`,
    `${p}  "username": "jo@acme.com",`,
    `${p}  "password": "Hunter2!x"`,
    `${p}}`,
    `${p}--> END POST (52-byte body)`,
    `${p}<-- 200 OK https://acme.okta.com/api/v1/authn (312ms)`,
    `${p}content-type: application/json`,
  ];

  it('reads the whole body under each side when logcat repeats its prefix on every line', () => {
    for (const p of ['D/OkHttp: ', '11-30 10:00:01.904  1234  5678 I okhttp.OkHttpClient: ']) {
      const text = [...head(p), `${p}{`, `${p}  "status": "MFA_REQUIRED",`, `${p}  "_embedded": { "factors": [ { "id": "ost1" } ] }`, `${p}}`, `${p}<-- END HTTP (90-byte body)`].join('\n');
      const read = parseLogTranscript(text, 'logcat.txt');
      expect(read.exchanges.map((e) => [e.url, e.requestBody, e.responseStatus, e.responseBody])).toEqual([
        ['https://acme.okta.com/api/v1/authn', { username: 'jo@acme.com', password: 'Hunter2!x' }, 200, { status: 'MFA_REQUIRED', _embedded: { factors: [{ id: 'ost1' }] } }],
      ]);
      expect(read.report.warnings).toEqual([]);
    }
  });

  it('ends a body that never closes at the side\'s END line, with a warning', () => {
    const p = 'D/OkHttp: ';
    const text = [...head(p), `${p}{`, `${p}  "status": "MFA_REQUIRED",`, `${p}<-- END HTTP (90-byte body)`, `${p}--> POST https://acme.okta.com/api/v1/authn/factors/ost1/verify`].join('\n');
    const read = parseLogTranscript(text, 'logcat.txt');
    expect(read.exchanges.map((e) => [e.responseStatus, e.responseBody])).toEqual([
      [200, { status: 'MFA_REQUIRED' }],
      [null, null],
    ]);
    expect(read.report.warnings.map((w) => w.ref)).toEqual(['logcat.txt:7 (request 1)']);
    expect(read.report.warnings[0]!.message).toMatch(/^response truncated/);
  });
});

describe(".NET's IHttpClientFactory logging", () => {
  it('counts the outer and inner handler lines as one call, reads status names, and takes an app-logged body only when it reads as the answer', () => {
    const text = [
      'info: System.Net.Http.HttpClient.Okta.LogicalHandler[100]',
      '      Start processing HTTP request POST https://acme.okta.com/api/v1/authn',
      'info: System.Net.Http.HttpClient.Okta.ClientHandler[100]',
      '      Sending HTTP request POST https://acme.okta.com/api/v1/authn',
      'info: System.Net.Http.HttpClient.Okta.ClientHandler[101]',
      '      Received HTTP response after 95.4ms - Forbidden',
      'info: Acme.Audit[0]',
      '      Audit: {"user":"jo@acme.com"}',
      'info: System.Net.Http.HttpClient.Okta.ClientHandler[100]',
      '      Sending HTTP request POST https://acme.okta.com/api/v1/authn',
      'info: System.Net.Http.HttpClient.Okta.ClientHandler[101]',
      '      Received HTTP response headers after 88.0ms - 429',
      'fail: Acme.Auth[0]',
      '      Sign-in failed: {"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}',
    ].join('\n');
    const read = parseLogTranscript(text, 'app.log');
    expect(read.exchanges.map((e) => [e.sourceRef, e.responseStatus, e.responseBody])).toEqual([
      ['app.log:2', 403, null],
      ['app.log:10', 429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' }],
    ]);
    expect(read.exchanges[1]!.notes).toContain("response body from the application's log line 14 after the call, not from the HTTP log");
  });
});

describe('a body=… field holding JSON written with spaces', () => {
  const reads = (text: string) => parseLogTranscript(text, 'app.log');

  it('reads the whole document, to where it closes, and the pairs after it', () => {
    const log = [
      '2025-06-06T10:00:00.120Z INFO  [authn-client] POST https://dev-6006.okta.com/api/v1/authn request={"username": "bea@acme.example", "password": "Spaced Out Pass 1"}',
      '2025-06-06T10:00:00.512Z INFO  [authn-client] response status=200 body={"stateToken": "00Jupc94tnwlavyfErGPmpGXafq0fjzLczbttOofL9", "status": "MFA_REQUIRED"} took=391ms',
      'level=debug method=POST url=https://dev-6006.okta.com/api/v1/authn/factors/sms1/verify body={"stateToken": "00Jupc94tnwlavyfErGPmpGXafq0fjzLczbttOofL9", "passCode": "123 999"}',
      'level=warn msg="okta answered" status=403 body={"errorCode": "E0000068", "errorSummary": "Invalid Passcode/Answer", "errorCauses": [{"errorSummary": "a {braced} value"}]}',
    ].join('\r\n');
    const read = reads(log);
    expect(read.exchanges.map((e) => [e.responseStatus, e.requestBody, e.responseBody])).toEqual([
      [200, { username: 'bea@acme.example', password: 'Spaced Out Pass 1' }, { stateToken: '00Jupc94tnwlavyfErGPmpGXafq0fjzLczbttOofL9', status: 'MFA_REQUIRED' }],
      [403, { stateToken: '00Jupc94tnwlavyfErGPmpGXafq0fjzLczbttOofL9', passCode: '123 999' }, { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer', errorCauses: [{ errorSummary: 'a {braced} value' }] }],
    ]);
    expect(read.report.warnings).toEqual([]);
  });

  it("reads Python's repr quotes around it, and a body cut off at the line's end as far as it goes", () => {
    const log = [
      'INFO okta POST https://acme.okta.com/api/v1/authn request={"username": "kim@acme.com", "password": "x y"}',
      `INFO okta response status=200 body='{"stateToken": "00abcDEF123ghiJKL456mnoPQR789stuVWX012yz", "status": "MFA_REQUIRED"}'`,
      'INFO okta POST https://acme.okta.com/api/v1/authn/factors/sms1/verify request={"stateToken": "00abcDEF123ghiJKL456mnoPQR789stuVWX012yz", "passCode": "1"}',
      'INFO okta response status=200 body={"status": "SUCCESS", "sessionToken": "20111KvKvKvKv",',
    ].join('\n');
    const read = reads(log);
    expect(read.exchanges.map((e) => e.responseBody)).toEqual([{ stateToken: '00abcDEF123ghiJKL456mnoPQR789stuVWX012yz', status: 'MFA_REQUIRED' }, { status: 'SUCCESS', sessionToken: '20111KvKvKvKv' }]);
    expect(read.report.warnings.map((w) => `${w.ref} ${w.message}`)).toEqual([expect.stringMatching(/^app\.log:4 .*response truncated/)]);
  });
});
