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
