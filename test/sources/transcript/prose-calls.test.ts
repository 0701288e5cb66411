import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze/index.js';
import { toJson } from '../../../src/analyze/document.js';
import { ingestSource } from '../../../src/ingest/pipeline.js';
import { openSource } from '../../../src/sources/index.js';
import { openStore } from '../../../src/store/store.js';
import { join, tempDir } from '../../helpers/flow.js';

const dir = tempDir('authtrail-prose-');

/** Writes the paste, imports it through the real pipeline and analyzes it. */
async function run(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const source = await openSource(path);
  const store = openStore(':memory:');
  await ingestSource(store, source);
  const exchanges = store.exchanges();
  const result = analyze(exchanges, store.captures());
  store.close();
  const calls = exchanges.map((e) => `${e.method} ${new URL(e.url, 'https://x').pathname} ${e.responseStatus ?? '—'}`);
  const warnings = source.report.warnings.map((w) => `${w.ref.slice(dir.length + 1)} ${w.message}`);
  const bodies = exchanges.map((e) => [e.requestBody, e.responseBody]);
  return { calls, bodies, warnings, found: source.report.found, result, answer: toJson(result).verdict!.answer };
}

/** One call shown as it crossed the wire (curl with its output), then the poster's sentences around it. */
const CURL = [
  'The first call works:',
  '',
  '```',
  `curl -i -X POST https://dev-1.okta.com/api/v1/authn/recovery/password -H 'Content-Type: application/json' -d '{"username":"jo@acme.com","factorType":"EMAIL"}'`,
  'HTTP/1.1 200 OK',
  'Content-Type: application/json',
  '',
  '{"status":"RECOVERY_CHALLENGE","factorType":"EMAIL","recoveryType":"PASSWORD"}',
  '```',
  '',
];

describe('a sentence that names a call is no request (a paste of one real call and prose)', () => {
  it.each([
    ['after calling POST /api/v1/authn/factors/xyz/verify I get MFA_REQUIRED again.'],
    ['The GET https://dev-1.okta.com/api/v1/authn call works though.'],
    ['- POST /api/v1/authn/recovery/password works fine for me, the email arrives,'],
    ['I am sure the POST https://dev-1.okta.com/api/v1/authn/recovery/password request returned 200\r'],
    ['Is `POST /api/v1/authn/credentials/reset_password` the right one here?'],
    ['> When we POST https://dev-1.okta.com/api/v1/authn/factors/ost1/verify?autoPush=true the push never shows'],
  ])('%s: only the curl call, answered; nothing unanswered, no warning', async (sentence) => {
    const read = await run('remark.md', [...CURL, sentence, 'Any idea?', ''].join('\n'));
    expect(read.calls).toEqual(['POST /api/v1/authn/recovery/password 200']);
    expect(read.warnings).toEqual([]);
    expect(read.result.unanswered).toBe(0);
    expect(read.answer).not.toMatch(/cannot tell/);
  });

  it.each([
    ['Then I noticed that POST /api/v1/authn/recovery/answer returns 403 for every user.', 'POST /api/v1/authn/recovery/answer', 403],
    ['`POST /api/v1/authn/factors/sms1abcdefgh123/verify` fails with a 401 Unauthorized.', 'POST /api/v1/authn/factors/{id}/verify', 401],
    ['When we POST https://dev-1.okta.com/api/v1/authn/credentials/reset_password, it gives HTTP 403 Forbidden', 'POST /api/v1/authn/credentials/reset_password', 403],
    ['and POST /api/v1/authn/recovery/answer?stateToken=00SecretStateToken0000000000000000000000 got a 429 twice\r', 'POST /api/v1/authn/recovery/answer', 429],
  ])('%s: the status it states is named as not read, never an unanswered step', async (sentence, call, status) => {
    const read = await run('status.md', [...CURL, sentence, ''].join('\n'));
    expect(read.calls).toEqual(['POST /api/v1/authn/recovery/password 200']);
    expect(read.warnings).toEqual([`status.md:11 a sentence says ${call} got ${status}, but the paste shows no such request; not read (paste the request and its response)`]);
    expect(read.found).toBe(2);
    expect(read.result.unanswered).toBe(0);
    expect(read.result.transactions.map((t) => t.steps.length)).toEqual([1]);
    expect(read.answer).not.toMatch(/cannot tell/);
  });

  it('says nothing of a sentence about a call the paste shows', async () => {
    const read = await run('shown.md', [...CURL, 'So POST /api/v1/authn/recovery/password returns 200 but no email comes.', ''].join('\n'));
    expect(read.calls).toEqual(['POST /api/v1/authn/recovery/password 200']);
    expect(read.warnings).toEqual([]);
  });

  it('a paste of sentences only names them in its error', async () => {
    const path = join(dir, 'only.md');
    writeFileSync(path, 'Hi, POST /api/v1/authn/recovery/answer returns 403 for every user.\nAlso GET /api/v1/authn fails too.\n');
    await expect(openSource(path)).rejects.toThrow(/only\.md:1 names POST \/api\/v1\/authn\/recovery\/answer only in a sentence, which is no request; so do 1 more line\(s\)/);
  });

  it('a sentence after a log line is neither a second request nor its answer', async () => {
    const read = await run('after-log.log', [
      '2024-03-01 10:00:00,120 INFO [main] OktaClient - Request: POST https://acme.okta.com/api/v1/authn {"username":"jo@acme.com","password":"Pw-12345"}',
      '2024-03-01 10:00:00,420 INFO [main] OktaClient - Response: 200 {"status":"MFA_REQUIRED","stateToken":"00abcdefghijklmnopqrstuvwxyz0123456789AB"}',
      'After that POST /api/v1/authn/factors/sms1/verify returns 403 (not in the log).',
      '',
    ].join('\n'));
    expect(read.calls).toEqual(['POST /api/v1/authn 200']);
    expect(read.warnings).toEqual(['after-log.log:3 a sentence says POST /api/v1/authn/factors/sms1/verify got 403, but the paste shows no such request; not read (paste the request and its response)']);
  });
});

describe('log lines naming a call stay requests, with the status written right after the call', () => {
  it.each([
    ['a timestamp in front', '2024-03-01 10:00:00 POST /api/v1/authn 200', ['POST /api/v1/authn 200']],
    ["morgan's dev format", 'POST /api/v1/authn 200 12.345 ms - 512\nPOST /api/v1/authn/factors/sms1/verify 403 3.102 ms - 112', ['POST /api/v1/authn 200', 'POST /api/v1/authn/factors/sms1/verify 403']],
    ["morgan's combined format, CRLF", '::1 - - [01/Mar/2024:10:00:00 +0000] "POST /api/v1/authn HTTP/1.1" 401 98 "-" "axios/1.6.0"\r\n::1 - - [01/Mar/2024:10:00:05 +0000] "POST /api/v1/authn HTTP/1.1" 200 512 "-" "axios/1.6.0"', ['POST /api/v1/authn 401', 'POST /api/v1/authn 200']],
    ['an nginx access line', '10.0.0.1 - - [01/Mar/2024:10:00:00 +0000] "POST /api/v1/authn/factors/sms1/verify HTTP/1.1" 403 112 "-" "okhttp/4.12.0" 0.045', ['POST /api/v1/authn/factors/sms1/verify 403']],
    ["an app's message that reads like a sentence, behind a log prefix", '2024-03-01 10:00:00,120 INFO [main] OktaClient - Calling POST https://acme.okta.com/api/v1/authn for user jo\r\n2024-03-01 10:00:00,420 INFO [main] OktaClient - Response: 200 {"status":"MFA_REQUIRED"}', ['POST /api/v1/authn 200']],
    ['.NET HttpClient logging', 'info: System.Net.Http.HttpClient.Okta.LogicalHandler[100]\n      Start processing HTTP request POST https://acme.okta.com/api/v1/authn\ninfo: System.Net.Http.HttpClient.Okta.LogicalHandler[101]\n      End processing HTTP request after 121.7ms - 403', ['POST /api/v1/authn 403']],
    ['a duration, not a status, after the call', '2024-03-01 10:00:00 POST /api/v1/authn 250ms', ['POST /api/v1/authn —']],
  ])('%s', async (_, text, calls) => {
    const read = await run('app.log', `${text}\n`);
    expect(read.calls).toEqual(calls);
    expect(read.warnings).toEqual([]);
  });

  it('a level tag and an answer after an arrow: the object is the response, not the request', async () => {
    const read = await run('arrow.log', '[info] POST https://x.okta.com/api/v1/authn -> 200 {"status":"SUCCESS","expiresAt":"2024-03-01T10:05:00.000Z"}\n');
    expect(read.calls).toEqual(['POST /api/v1/authn 200']);
    expect(read.bodies).toEqual([[null, { status: 'SUCCESS', expiresAt: '2024-03-01T10:05:00.000Z' }]]);
  });

  it('a raw HTTP request line (HTTP/1.1, CRLF) stays a request with its response', async () => {
    const read = await run('raw.txt', 'POST /api/v1/authn HTTP/1.1\r\nHost: x.okta.com\r\nContent-Type: application/json\r\n\r\n{"username":"a@b.c","password":"pw-1"}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"status":"SUCCESS"}\r\n');
    expect(read.calls).toEqual(['POST /api/v1/authn 200']);
  });
});
