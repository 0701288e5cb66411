import { describe, expect, it } from 'vitest';
import type { RawExchange } from '../../../src/model/exchange.js';
import { parseCurlTranscript } from '../../../src/sources/transcript/curl.js';
import { parseRawHttpTranscript } from '../../../src/sources/transcript/http.js';
import { openTextSource } from '../../../src/sources/transcript/index.js';
import { parseLogTranscript } from '../../../src/sources/transcript/log.js';
import { essence, load } from './helpers.js';

/**
 * `curl -v` and `http -v` print the request they sent before the response: every reader must see one call per
 * command (the whole pastes are 92-99 in pastes.test.ts).
 */
const CURL_V = 'test/fixtures/transcripts/pastes/92-curl-verbose-http2.txt';
const HTTP_V = 'test/fixtures/transcripts/pastes/96-httpie-verbose-pretty.txt';

describe('curl -v and http -v pastes', () => {
  it('are read as one exchange per command, with the request of the command line and the response after it', () => {
    const [text, path] = load(CURL_V);
    const source = openTextSource(path, text);
    const exchanges = source.exchanges as RawExchange[];
    expect(source.kind).toBe('curl');
    expect(source.report).toMatchObject({ found: 3, imported: 3, warnings: [] });
    expect(exchanges.map((e) => [e.sourceRef, e.method, e.url, e.responseStatus])).toEqual([
      [`${CURL_V}:1`, 'POST', 'https://dev-2525.okta.com/api/v1/authn/recovery/password', 200],
      [`${CURL_V}:21`, 'POST', 'https://dev-2525.okta.com/api/v1/authn/recovery/token', 200],
      [`${CURL_V}:30`, 'POST', 'https://dev-2525.okta.com/api/v1/authn/recovery/token', 200],
    ]);
    const [first] = exchanges;
    expect(first!.requestBody).toEqual({ username: 'finn.m@wonka.example' });
    expect(first!.responseHeaders).toMatchObject({ 'x-okta-request-id': 'aMFjYgAbc', 'content-type': 'application/json' });
    expect(first!.responseBody).toMatchObject({ status: 'RECOVERY', recoveryType: 'PASSWORD' });
  });

  it('HTTPie -v: the printed request (head and pretty-printed body) is the command\'s own, the response comes after it', () => {
    const r = parseCurlTranscript(...load(HTTP_V));
    expect(r.report.warnings).toEqual([]);
    expect(r.exchanges.map(essence)).toEqual([
      expect.objectContaining({ path: '/api/v1/authn/recovery/password', requestBody: { username: 'nia.k@globo.example' }, responseStatus: 200 }),
      expect.objectContaining({ path: '/api/v1/authn/recovery/token', requestBody: { recoveryToken: 'VBQhttpieRecovery001' }, responseStatus: 403 }),
    ]);
    expect(r.exchanges[0]!.responseBody).toMatchObject({ status: 'RECOVERY', recoveryToken: 'VBQhttpieRecovery001' });
    expect(r.exchanges[1]!.responseBody).toMatchObject({ errorCode: 'E0000105' });
    expect(r.exchanges[1]!.responseHeaders).toEqual({ 'content-type': 'application/json' });
  });

  it('a verbose request echo with no response after it is no answer (its body is not read as one)', () => {
    const text = [
      '$ http -v POST https://o.okta.com/api/v1/authn username=a@b.c password=pw',
      'POST /api/v1/authn HTTP/1.1', 'Content-Type: application/json', 'Host: o.okta.com', '',
      '{"username": "a@b.c", "password": "pw"}', '',
      'http: error: ConnectionError: Remote end closed connection without response',
    ].join('\n');
    const [e] = parseCurlTranscript(text, 'v.txt').exchanges;
    expect([e!.responseStatus, e!.responseBody]).toEqual([null, null]);
    expect(e!.notes).toContain('no response in the transcript');
  });

  it('a body the command line does not show (`< login.json`) is read from the request the verbose output printed', () => {
    const text = [
      '$ http -v POST https://o.okta.com/api/v1/authn < login.json',
      'POST /api/v1/authn HTTP/1.1', 'Content-Type: application/json', 'Host: o.okta.com', '',
      '{', '    "username": "a@b.c",', '    "password": "pw"', '}', '', '',
      'HTTP/1.1 401 Unauthorized', 'Content-Type: application/json', '',
      '{"errorCode": "E0000004", "errorSummary": "Authentication failed"}',
    ].join('\n');
    const [e] = parseCurlTranscript(text, 'stdin.txt').exchanges;
    expect(e!.requestBody).toEqual({ username: 'a@b.c', password: 'pw' });
    expect(e!.notes).toContain('request: body as the verbose output printed the request');
    expect([e!.responseStatus, e!.responseBody]).toEqual([401, { errorCode: 'E0000004', errorSummary: 'Authentication failed' }]);
  });

  it('a request line of another call after the output still starts another exchange', () => {
    const text = [
      'http -v POST https://o.okta.com/api/v1/authn username=a@b.c', 'POST /api/v1/authn HTTP/1.1', 'Host: o.okta.com', '',
      '{"username": "a@b.c"}', '', 'HTTP/1.1 200 OK', '', '{"status": "MFA_REQUIRED", "stateToken": "00x"}', '',
      'POST /api/v1/authn/factors/f1/verify HTTP/1.1', 'Host: o.okta.com', '', '{"stateToken": "00x"}', '',
      'HTTP/1.1 403 Forbidden', '', '{"errorCode": "E0000068"}',
    ].join('\n');
    const r = parseCurlTranscript(text, 'mixed.txt');
    expect(r.exchanges.map((e) => [e.url, e.responseStatus])).toEqual([['https://o.okta.com/api/v1/authn', 200]]);
    // The whole paste: the command, then the raw HTTP call, each with its own answer.
    const source = openTextSource('mixed.txt', text);
    expect((source.exchanges as RawExchange[]).map((e) => [e.url, e.responseStatus])).toEqual([
      ['https://o.okta.com/api/v1/authn', 200],
      ['https://o.okta.com/api/v1/authn/factors/f1/verify', 403],
    ]);
  });

  it('the raw HTTP reader leaves curl\'s info lines and the next command out of a response body', () => {
    const r = parseRawHttpTranscript(...load(CURL_V));
    expect(r.report.warnings).toEqual([]);
    expect(r.exchanges.map((e) => e.responseStatus)).toEqual([200, 200, 200]);
    expect(r.exchanges[0]!.responseBody).toMatchObject({ status: 'RECOVERY' });
  });

  it('the log reader reads a command and the request line curl -v printed of it as one call', () => {
    const r = parseLogTranscript(...load(CURL_V));
    expect(r.exchanges.map((e) => e.sourceRef)).toEqual([`${CURL_V}:1`, `${CURL_V}:21`, `${CURL_V}:30`]);
    // Two bare request lines are two calls (a request line cannot echo another one).
    const two = parseLogTranscript(['POST /api/v1/authn HTTP/1.1', '', 'POST /api/v1/authn HTTP/1.1'].join('\n'), 'two.txt');
    expect(two.exchanges).toHaveLength(2);
  });
});
