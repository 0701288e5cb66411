import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/model/errors.js';
import { parseForumTranscript } from '../../../src/sources/transcript/forum.js';
import { parseRawHttpTranscript } from '../../../src/sources/transcript/http.js';
import { essence, load, SAMPLE } from './helpers.js';

describe('parseRawHttpTranscript', () => {
  it('reads the devforum flow as raw HTTP (fences, chunked bodies, wrong Content-Length) as the same exchanges', () => {
    const sample = parseForumTranscript(...load(SAMPLE));
    const http = parseRawHttpTranscript(...load('test/fixtures/transcripts/devforum-http.md'));
    expect(http.report).toMatchObject({ unit: 'requests', found: 6, imported: 6, warnings: [] });
    expect(http.exchanges.map(essence)).toEqual(sample.exchanges.map(essence));
    expect(http.exchanges[0]!.url).toBe('https://dev-1.okta.com/api/v1/authn/recovery/password');
    expect(http.exchanges[0]!.requestHeaders.authorization).toBe('SSWS 00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd');
    expect(http.exchanges[1]!.notes).toEqual([]);
    expect(http.exchanges[3]!.notes).toContain('response: chunk sizes did not match the pasted text; chunk framing removed by line');
  });

  const file = 'test/fixtures/transcripts/http-varied.txt';
  const http = parseRawHttpTranscript(...load(file));

  it('keeps CRLF messages, folded headers, query strings, text bodies and requests without a response', () => {
    expect(http.exchanges.map((e) => [e.label, e.method, e.url, e.responseStatus])).toEqual([
      ['1', 'POST', 'https://dev-123.okta.com/api/v1/authn', 200],
      ['2', 'POST', '/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify?rememberDevice=false', 403],
      ['3', 'POST', 'https://dev-123.okta.com/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify', 504],
      ['4', 'POST', 'https://dev-123.okta.com/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify', null],
      // Its request JSON is beyond repair: kept for the response it got, the request body left out.
      ['5', 'POST', 'https://dev-123.okta.com/api/v1/authn/cancel', 200],
    ]);
    expect(http.exchanges[4]!.requestBody).toBeNull();
    expect(http.exchanges[0]!.requestHeaders['x-device-fingerprint']).toBe('abc def');
    expect(http.exchanges[1]!.requestBody).toEqual({ stateToken: '00Fq3mB7kRzT1xw9YvLhN2cP8sDgEa4uJ6oQiKt5W', passCode: '000000' });
    expect(http.exchanges[1]!.responseBody).toEqual({ errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer', x: 1 });
    expect(http.exchanges[2]!.responseBody).toBe('<html><body><h1>504 Gateway Time-out</h1></body></html>');
    expect(http.exchanges[3]!.responseBody).toBeNull();
    expect(http.exchanges[3]!.notes).toContain('no response in the transcript');
  });

  it('warns about an orphan response and a broken request, and reports 5 of 5', () => {
    expect(http.report.found).toBe(5);
    expect(http.report.imported).toBe(5);
    expect(http.report.warnings).toEqual([
      { ref: `${file}:45`, message: 'a response with no request before it; ignored' },
      { ref: `${file}:56 (request 5)`, message: expect.stringMatching(/^request JSON could not be repaired: .*; its body left out, the response read$/) },
    ]);
  });

  it('joins chunk data across size lines when the sizes no longer match', () => {
    const text = [
      'POST /api/v1/authn HTTP/1.1', 'Host: o.okta.com', '', '{"username":"a@b.c"}', '',
      'HTTP/1.1 200 OK', 'Transfer-Encoding: chunked', '', 'ff', '{"status":"MFA_', '10', 'REQUIRED",', '  "x": 1}', '0', '',
    ].join('\n');
    const r = parseRawHttpTranscript(text, 'chunks.txt');
    expect(r.exchanges[0]!.responseBody).toEqual({ status: 'MFA_REQUIRED', x: 1 });
  });

  it('reads curl -v style > / < prefixed HTTP/2 messages and HTTP/1.0 without notes from the parser', () => {
    const text = [
      '> POST /api/v1/authn HTTP/2', '> Host: dev-1.okta.com', '> content-type: application/json', '>', '{"username":"a"}',
      '< HTTP/2 200', '< content-type: application/json', '<', '{"status":"MFA_REQUIRED"}', '',
      'GET /api/v1/authn/factors?x=1 HTTP/1.0', '', 'HTTP/1.0 404 Not Found', 'Content-Type: application/json', '',
      '{"errorCode":"E0000007"}',
    ].join('\n');
    const r = parseRawHttpTranscript(text, 'h2.txt');
    expect(r.exchanges.map((e) => [e.method, e.url, e.responseStatus, e.notes])).toEqual([
      ['POST', 'https://dev-1.okta.com/api/v1/authn', 200, []],
      ['GET', '/api/v1/authn/factors?x=1', 404, []],
    ]);
    expect(r.exchanges[0]!.requestHeaders).toEqual({ host: 'dev-1.okta.com', 'content-type': 'application/json' });
    expect(r.exchanges[0]!.responseBody).toEqual({ status: 'MFA_REQUIRED' });
  });

  it('reads a response pasted as its body alone after the request (a Postman HTTP snippet)', () => {
    const text = [
      'POST /api/v1/authn HTTP/1.1', 'Host: dev-123.okta.com', 'Content-Type: application/json', 'Content-Length: 64', '',
      '{', '    "username": "x@y.z",', '    "password": "pw"', '}', '', 'Body returned:', '',
      '{"errorCode": "E0000004", "errorSummary": "Authentication failed"}',
    ].join('\n');
    const [e] = parseRawHttpTranscript(text, 'postman.txt').exchanges;
    expect(e!.requestBody).toEqual({ username: 'x@y.z', password: 'pw' });
    expect(e!.responseBody).toEqual({ errorCode: 'E0000004', errorSummary: 'Authentication failed' });
    expect(e!.responseStatus).toBe(401);
    expect(e!.notes).toContain('response: response pasted without a status line');
  });

  it('throws an InputError naming the file when there is no request line', () => {
    expect(() => parseRawHttpTranscript('HTTP/1.1 200 OK\n\n{}', 'resp.txt')).toThrow(InputError);
    expect(() => parseRawHttpTranscript('', 'empty.txt')).toThrow(/^empty\.txt: no Okta authn request\/response found; /);
  });
});
