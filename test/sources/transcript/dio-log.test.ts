import { describe, expect, it } from 'vitest';
import { dartToJson, rewriteDioLog } from '../../../src/sources/transcript/dio-log.js';

describe("Dio's LogInterceptor output", () => {
  it("reads a Dart map's text as JSON, types kept; JSON and other text are left to the readers", () => {
    expect(JSON.parse(dartToJson('{username: a@b.com, password: p w!, context: {deviceToken: abc, n: 5}, list: [1, x], ok: true, none: null}')!)).toEqual({
      username: 'a@b.com', password: 'p w!', context: { deviceToken: 'abc', n: 5 }, list: [1, 'x'], ok: true, none: null,
    });
    expect(dartToJson('{"username":"a@b.com"}')).toBeNull();
    expect(dartToJson('not a map')).toBeNull();
    expect(dartToJson('{unclosed: 1')).toBeNull();
    expect(dartToJson('{a: 1} and more')).toBeNull();
  });

  it('maps each rewritten line to the paste line it came from, and leaves a paste without a Dio block alone', () => {
    const paste = ['hello', '*** Request ***', 'uri: https://o.okta.com/api/v1/authn', 'method: POST', 'data:', '{username: a}', '', '*** Response ***', 'statusCode: 200', 'Response Text:', '{"status":"SUCCESS"}', ''].join('\n');
    const r = rewriteDioLog(paste)!;
    const text = r.text.split('\n');
    expect(text.slice(0, 7)).toEqual(['hello', '', 'POST /api/v1/authn HTTP/1.1', 'Host: o.okta.com', '', '{"username":"a"}', '']);
    expect(r.lines[text.indexOf('{"username":"a"}')]).toBe(6);
    expect(r.lines[text.indexOf('HTTP/1.1 200')]).toBe(8);
    expect(r.lines[text.indexOf('{"status":"SUCCESS"}')]).toBe(11);
    expect(rewriteDioLog('POST /api/v1/authn HTTP/1.1\n\n{}')).toBeNull();
  });
});
