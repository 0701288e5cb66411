import { describe, expect, it } from 'vitest';
import { goValueToJson, pythonToJson } from '../../../src/sources/transcript/lenient.js';

describe("other languages' object syntax", () => {
  it("reads Go's %+v of a struct and a map as JSON, field names as Go's JSON tags give them", () => {
    expect(JSON.parse(goValueToJson('{Username:a@b.com Password:p w Options:{MultiOptionalFactorEnroll:false} Retries:3 Context:<nil>}')!)).toEqual({
      username: 'a@b.com', password: 'p w', options: { multiOptionalFactorEnroll: false }, retries: 3, context: null,
    });
    expect(JSON.parse(goValueToJson('&{StateToken:00abc PassCode:123456}')!)).toEqual({ stateToken: '00abc', passCode: 123456 });
    expect(JSON.parse(goValueToJson('map[password:x username:a@b.com]')!)).toEqual({ password: 'x', username: 'a@b.com' });
  });

  it('leaves alone what is not written that way', () => {
    for (const text of ['{"username":"a"}', '{username: "a"}', '{a b c}', '{Username:a', 'plain text', '{Username:a}} trailing']) expect(goValueToJson(text), text).toBeNull();
  });

  it("reads Ruby's hash rockets and nil, and keeps Go's <nil>", () => {
    expect(JSON.parse(pythonToJson('{"username"=>"a@b.com", "password"=>"x", "context"=>nil}'))).toEqual({ username: 'a@b.com', password: 'x', context: null });
    expect(pythonToJson('{Context:<nil>}')).toBe('{Context:<nil>}');
  });
});
