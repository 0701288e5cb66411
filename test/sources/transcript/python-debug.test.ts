import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytesLiteral, rewriteHttpClientDebug } from '../../../src/sources/transcript/python-debug.js';
import { openTextSource } from '../../../src/sources/transcript/index.js';
import type { RawExchange } from '../../../src/model/exchange.js';
import { runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/** One http.client `send:` line: the bytes as Python's repr() writes them. */
const send = (text: string) => `send: b'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
const head = (path: string, ...headers: string[]) => send(`POST ${path} HTTP/1.1\r\nHost: dev-1.okta.com\r\n${headers.map((h) => `${h}\r\n`).join('')}Content-Type: application/json\r\n\r\n`);

describe("Python http.client debug output (send:/reply:/header:) read as raw HTTP", () => {
  it("decodes repr()'s escapes, \\x bytes as UTF-8, and refuses an escape repr() does not write", () => {
    expect(decodeBytesLiteral(String.raw`a\r\nb\tc\\d\'e\"f`)).toBe('a\r\nb\tc\\d\'e"f');
    expect(decodeBytesLiteral(String.raw`Winter\xe2\x80\x99s`)).toBe('Winter’s');
    expect(decodeBytesLiteral('plain')).toBe('plain');
    expect(decodeBytesLiteral(String.raw`bad\q`)).toBeNull();
    expect(decodeBytesLiteral(String.raw`short\x4`)).toBeNull();
  });

  it('leaves a paste without a request written by http.client alone', () => {
    expect(rewriteHttpClientDebug('POST /api/v1/authn HTTP/1.1\nHost: x\n\n{}')).toBeNull();
    expect(rewriteHttpClientDebug("send: b'hello'\nreply: 'HTTP/1.1 200 OK\\r\\n'")).toBeNull();
  });

  it("maps every rewritten line to the paste's line, so steps and warnings name the send: line", () => {
    const paste = [
      'prose before',
      head('/api/v1/authn'),
      send('{"username": "a@example.com", "password": "Pw1!"}'),
      "reply: 'HTTP/1.1 200 OK\\r\\n'",
      'header: Content-Type: application/json',
      'header: Transfer-Encoding: chunked',
      'DEBUG:urllib3.connectionpool:https://dev-1.okta.com:443 "POST /api/v1/authn HTTP/1.1" 200 None',
      "{'stateToken': '00abc****', 'status': 'MFA_REQUIRED', 'expiresAt': '2024-03-01T10:05:00.000Z'}",
      head('/api/v1/authn/factors/sms1/verify'),
      send('{"stateToken": "00abc****", "passCode": "123456"}'),
      'reply: "HTTP/1.1 403 Forbidden\\r\\n"',
      'header: Content-Type: application/json',
      '<Response [403]>',
      // Cut short: the warning about it must name the reply: line of the paste.
      '403 {"errorCode": "E0000068", "errorSummary": "Invalid Pass',
    ].join('\n');
    const rewritten = rewriteHttpClientDebug(paste)!;
    expect(rewritten.text.split('\n')).toHaveLength(rewritten.lines.length);
    expect(rewritten.text).not.toMatch(/transfer-encoding|urllib3|<Response/i);
    const source = openTextSource('paste.txt', paste);
    const exchanges = source.exchanges as RawExchange[];
    expect(exchanges.map((e) => [e.sourceRef, e.method, e.url, e.responseStatus])).toEqual([
      ['paste.txt:2', 'POST', 'https://dev-1.okta.com/api/v1/authn', 200],
      ['paste.txt:9', 'POST', 'https://dev-1.okta.com/api/v1/authn/factors/sms1/verify', 403],
    ]);
    expect(exchanges[0]!.requestBody).toEqual({ username: 'a@example.com', password: 'Pw1!' });
    expect(exchanges[0]!.responseBody).toMatchObject({ stateToken: '00abc****', status: 'MFA_REQUIRED' });
    expect(exchanges[1]!.responseBody).toMatchObject({ errorCode: 'E0000068' });
    expect(exchanges[0]!.notes!.join(' | ')).toMatch(/http\.client debug output .*1 urllib3 log line about the same calls left out; Transfer-Encoding/);
    const warnings = source.report.warnings.map((w) => `${w.ref} ${w.message}`);
    expect(warnings.some((w) => /^paste\.txt:11 \(request 2\) response .*truncated/.test(w)), warnings.join(' | ')).toBe(true);
  });

  it('sanitize masks the secrets a send: line holds, headers inside the bytes literal included', async () => {
    const dir = tempDir();
    const input = join(dir, 'debug.txt');
    const output = join(dir, 'clean.txt');
    const secrets = ["Qu0te'dPwPlanted", 'SswsPlanted00aBcDeFgHiJkLmNoPqRsTuVwXyZ012345', 'CookieSidPlanted99'];
    writeFileSync(
      input,
      [
        head('/api/v1/authn', `Authorization: SSWS ${secrets[1]}`, `Cookie: sid=${secrets[2]}; lang=en`),
        send(JSON.stringify({ username: 'q@example.com', password: secrets[0] })),
        "reply: 'HTTP/1.1 200 OK\\r\\n'",
        'header: Content-Type: application/json',
        '{"status": "SUCCESS", "sessionToken": "20111****"}',
      ].join('\n'),
    );
    const run = await runCli('sanitize', input, '-o', output);
    expect(run.code, run.stderr).toBe(0);
    const clean = readFileSync(output, 'utf8');
    for (const secret of secrets) expect(clean).not.toContain(secret.replace("'", "\\'"));
    for (const secret of secrets) expect(clean).not.toContain(secret);
    expect(clean).toContain("send: b'POST /api/v1/authn HTTP/1.1");
  });

  it('reads the same lines routed through logging (`http.client.print = lambda *a: log.debug(...)`)', () => {
    const lead = 'DEBUG:http.client:';
    const paste = [
      `${lead}${head('/api/v1/authn')}`,
      `${lead}${send('{"username": "a@example.com", "password": "Pw1!"}')}`,
      `${lead}reply: 'HTTP/1.1 200 OK\\r\\n'`,
      `${lead}header: Content-Type: application/json`,
      '{"status": "SUCCESS", "sessionToken": "20111****"}',
    ].join('\n');
    const [e] = openTextSource('logged.txt', paste).exchanges as RawExchange[];
    expect(e).toMatchObject({ sourceRef: 'logged.txt:1', url: 'https://dev-1.okta.com/api/v1/authn', responseStatus: 200, responseBody: { status: 'SUCCESS' } });
    expect(e!.responseHeaders).toEqual({ 'content-type': 'application/json' });
  });
});
