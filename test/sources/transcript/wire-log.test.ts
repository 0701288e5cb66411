import { describe, expect, it } from 'vitest';
import { decodeApacheWire, decodeRubyDump, rewriteWireLog } from '../../../src/sources/transcript/wire-log.js';
import { openTextSource } from '../../../src/sources/transcript/index.js';
import type { RawExchange } from '../../../src/model/exchange.js';

/** A Ruby Net::HTTP debug piece: the bytes as String#dump writes them. */
const ruby = (dir: '<-' | '->', text: string) => `${dir} "${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
/** An Apache HttpClient wire piece after a Spring Boot log layout. */
const apache = (dir: '>>' | '<<', text: string) => `2024-03-05 14:22:09.103 DEBUG 1 --- [main] org.apache.http.wire : http-outgoing-0 ${dir} "${text.replace(/\r/g, '[\\r]').replace(/\n/g, '[\\n]')}"`;

const exchangesOf = (paste: string) => openTextSource('wire.log', paste).exchanges as RawExchange[];

describe("clients' wire logs read as raw HTTP", () => {
  it("decodes String#dump's escapes and Apache's [\\r] [\\n] [0xNN], bytes as UTF-8", () => {
    expect(decodeRubyDump(String.raw`a\r\n\"b\\ \e\#{x} caf\u00E9 \u{1F600} \xC3\xA9`)).toBe('a\r\n"b\\ \u001b#{x} café 😀 é');
    expect(decodeRubyDump(String.raw`bad\q`)).toBeNull();
    expect(decodeApacheWire('POST / HTTP/1.1[\\r][\\n]')).toBe('POST / HTTP/1.1\r\n');
    expect(decodeApacheWire('ren[0xc3][0xa9]e [ok] [0x7')).toBe('renée [ok] [0x7');
  });

  it('leaves text without a request written on the wire alone', () => {
    expect(rewriteWireLog('-> "hello"\n<- "world"')).toBeNull();
    expect(rewriteWireLog('plain prose >> "quoted"')).toBeNull();
  });

  it("Ruby: pieces of one direction put together (a body read in several pieces, chunked framing, byte counts between), each step naming its first <- line", () => {
    const body = JSON.stringify({ stateToken: '00ab****', status: 'MFA_REQUIRED', expiresAt: '2024-03-01T10:05:00.000Z' });
    const paste = [
      'opening connection to dev-1.okta.com:443...',
      'opened',
      ruby('<-', 'POST /api/v1/authn HTTP/1.1\r\nHost: dev-1.okta.com\r\nContent-Type: application/json\r\n\r\n'),
      ruby('<-', '{"username":"a@example.com","password":"Pw1!"}'),
      ruby('->', 'HTTP/1.1 200 OK\r\n'),
      ruby('->', 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n'),
      ruby('->', '\r\n'),
      ruby('->', `${body.length.toString(16)}\r\n`),
      `reading ${body.length} bytes...`,
      ruby('->', body.slice(0, 20)),
      ruby('->', body.slice(20)),
      `read ${body.length} bytes`,
      ruby('->', '\r\n0\r\n\r\n'),
      'Conn keep-alive',
      ruby('<-', 'POST /api/v1/authn/factors/sms1/verify HTTP/1.1\r\nHost: dev-1.okta.com\r\n\r\n{"stateToken":"00ab****","passCode":"123456"}'),
      ruby('->', 'HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\n\r\n{"errorCode":"E0000068"}'),
    ].join('\n');
    const rewritten = rewriteWireLog(paste)!;
    expect(rewritten.text.split('\n')).toHaveLength(rewritten.lines.length);
    expect(rewritten.note).toMatch(/^Ruby Net::HTTP's debug output read as raw HTTP .*5 lines of its own about the connection left out/);
    const exchanges = exchangesOf(paste);
    expect(exchanges.map((e) => [e.sourceRef, e.url, e.responseStatus])).toEqual([
      ['wire.log:3', 'https://dev-1.okta.com/api/v1/authn', 200],
      ['wire.log:15', 'https://dev-1.okta.com/api/v1/authn/factors/sms1/verify', 403],
    ]);
    expect(exchanges[0]!.requestBody).toEqual({ username: 'a@example.com', password: 'Pw1!' });
    expect(exchanges[0]!.responseBody).toEqual(JSON.parse(body));
    expect(exchanges[1]!.requestBody).toEqual({ stateToken: '00ab****', passCode: '123456' });
    expect(exchanges[1]!.responseBody).toEqual({ errorCode: 'E0000068' });
  });

  it("Apache: the headers logger's unquoted copy and the client's other loggers left out, connections kept apart", () => {
    const paste = [
      '2024-03-05 14:22:09.101 DEBUG 1 --- [main] o.a.h.impl.execchain.MainClientExec : Executing request POST /api/v1/authn HTTP/1.1',
      '2024-03-05 14:22:09.102 DEBUG 1 --- [main] org.apache.http.headers : http-outgoing-0 >> POST /api/v1/authn HTTP/1.1',
      apache('>>', 'POST /api/v1/authn HTTP/1.1\r\n'),
      apache('>>', 'Host: acme.okta.com\r\n'),
      apache('>>', 'Content-Type: application/json\r\n'),
      apache('>>', '\r\n'),
      apache('>>', '{"username":"x@acme.com","password":"Wire!Pw"}'),
      apache('<<', 'HTTP/1.1 401 Unauthorized\r\n'),
      apache('<<', 'Content-Type: application/json\r\n'),
      apache('<<', '\r\n'),
      apache('<<', '{"errorCode":"E0000004","errorSummary":"Authentication failed"}'),
      'unrelated application log line',
    ].join('\n');
    const exchanges = exchangesOf(paste);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatchObject({ sourceRef: 'wire.log:3', method: 'POST', url: 'https://acme.okta.com/api/v1/authn', responseStatus: 401 });
    expect(exchanges[0]!.requestBody).toEqual({ username: 'x@acme.com', password: 'Wire!Pw' });
    expect(exchanges[0]!.responseBody).toMatchObject({ errorCode: 'E0000004' });
    expect(exchanges[0]!.notes!.join(' | ')).toMatch(/Apache HttpClient's wire log read as raw HTTP .*2 lines of its own/);
  });

  it('reads a long wire log whole (3,000 calls), and a hostile unclosed piece without a hang', () => {
    const one = [apache('>>', 'POST /api/v1/authn HTTP/1.1\r\n'), apache('>>', 'Host: acme.okta.com\r\n\r\n'), apache('>>', '{"username":"x@acme.com"}'), apache('<<', 'HTTP/1.1 401 Unauthorized\r\n\r\n'), apache('<<', '{"errorCode":"E0000004"}')];
    const paste = Array.from({ length: 3000 }, () => one.join('\n')).join('\n');
    expect(rewriteWireLog(paste)!.text.split('\n').filter((l) => l.startsWith('POST ')).length).toBe(3000);
    // One line of 200,000 pieces' worth of unclosed brackets: no backtracking blow-up in the piece pattern.
    expect(rewriteWireLog(`<- "${'[0x'.repeat(200_000)}`)).toBeNull();
  });
});

describe('wire logs through a logger', () => {
  it("Ruby's debug output routed to a Logger (`D, [time #pid] DEBUG -- : <- \"…\"`) reads the same", () => {
    const lead = 'D, [2024-03-01T10:00:00.123456 #4242] DEBUG -- : ';
    const paste = [
      `${lead}${ruby('<-', 'POST /api/v1/authn HTTP/1.1\r\nHost: dev-1.okta.com\r\nContent-Type: application/json\r\n\r\n')}`,
      `${lead}${ruby('<-', '{"username":"a@example.com","password":"Pw1!"}')}`,
      `${lead}${ruby('->', 'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n')}`,
      `${lead}${ruby('->', '{"errorCode":"E0000004"}')}`,
    ].join('\n');
    const [e] = exchangesOf(paste);
    expect(e).toMatchObject({ sourceRef: 'wire.log:1', url: 'https://dev-1.okta.com/api/v1/authn', responseStatus: 401, requestBody: { username: 'a@example.com', password: 'Pw1!' } });
  });

  it('a hostile line of repeated logger heads is read in one pass', () => {
    expect(rewriteWireLog(`${' -- '.repeat(100_000)}<- "x`)).toBeNull();
  });
});
