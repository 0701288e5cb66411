import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { goValueToJson, javaMapToJson, pythonToJson } from '../../../src/sources/transcript/lenient.js';
import { analyzeJson } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

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

  it("reads Java's and Kotlin's Map.toString() as JSON: maps, lists, null, booleans, numbers, the rest strings", () => {
    expect(JSON.parse(javaMapToJson('{stateToken=00ab...yz, status=MFA_REQUIRED, _embedded={user={id=00u1, profile={login=a@b.c}}, factors=[{id=sms1, enrolled=true}, {id=ost1, profile=null}]}, policy={complexity={minLength=8}}, empty={}, list=[]}')!)).toEqual({
      stateToken: '00ab...yz', status: 'MFA_REQUIRED', _embedded: { user: { id: '00u1', profile: { login: 'a@b.c' } }, factors: [{ id: 'sms1', enrolled: true }, { id: 'ost1', profile: null }] },
      policy: { complexity: { minLength: 8 } }, empty: {}, list: [],
    });
    // A value runs to the next `, name=`: an error summary's comma and spaces stay in it; a poster's `[hidden]` is a mask, not a list.
    expect(JSON.parse(javaMapToJson('{errorCode=E0000004, errorSummary=Authentication failed, try again, errorCauses=[], newPassword=[hidden]}')!)).toEqual({
      errorCode: 'E0000004', errorSummary: 'Authentication failed, try again', errorCauses: [], newPassword: '[hidden]',
    });
    for (const text of ['{"status": "SUCCESS"}', '{status: SUCCESS}', '{status=SUCCESS', 'status=SUCCESS', '{a=b}}']) expect(javaMapToJson(text), text).toBeNull();
  });

  it("a Java client's logged Map bodies analyze as the JSON would: masked tokens stay masked, the chain and the answer hold", async () => {
    const dir = tempDir('authtrail-java-map-');
    const path = join(dir, 'java.md');
    writeFileSync(path, [
      'POST https://dev-1.okta.com/api/v1/authn/recovery/answer', 'Request:', '```', '{stateToken=00ab...yz, answer=[hidden]}', '```', 'Response:', '```',
      '{stateToken=00ab...yz, expiresAt=2024-06-11T14:20:40.000Z, status=PASSWORD_RESET, _embedded={user={id=00u1abcd, passwordChanged=2024-01-02T10:00:00.000Z}, policy={complexity={minLength=8}}}}', '```',
      'POST https://dev-1.okta.com/api/v1/authn/credentials/reset_password', 'Request:', '```', '{stateToken=00ab...yz, newPassword=[hidden]}', '```', 'Response:', '```',
      '{stateToken=00cd...wx, expiresAt=2024-06-11T14:21:00.000Z, status=MFA_REQUIRED, _embedded={user={id=00u1abcd, passwordChanged=2024-06-11T14:20:59.000Z}, factors=[{id=sms1, factorType=sms}]}}', '```', '',
    ].join('\n'));
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.transactions).toHaveLength(1);
    expect(json.transactions[0].steps.map((s: any) => [s.operation, s.statusAfter, s.passwordChanged])).toEqual([
      ['recovery.answer', 'PASSWORD_RESET', '2024-01-02T10:00:00.000Z'],
      ['credentials.reset_password', 'MFA_REQUIRED', '2024-06-11T14:20:59.000Z'],
    ]);
    expect(json.findings.map((f: any) => f.rule)).toContain('password-committed-before-mfa');
    expect(json.findings.map((f: any) => f.rule)).not.toContain('secret-exposed');
    expect(json.verdict.answer).toBe('not an Okta bug (documented behaviour).');
  });

  it("a Dart map's unquoted masked token (`stateToken: 00cd...wx`) stays masked: its `...` is no elision mark", async () => {
    const dir = tempDir('authtrail-dart-map-');
    const path = join(dir, 'dart.md');
    writeFileSync(path, [
      'POST https://dev-1.okta.com/api/v1/authn/credentials/reset_password', 'Response:', '```',
      '{stateToken: 00cd...wx, expiresAt: 2024-06-11T14:21:00.000Z, status: MFA_REQUIRED, _embedded: {user: {id: 00u1abcd, passwordChanged: 2024-06-11T14:20:59.000Z}}}', '```', '',
    ].join('\n'));
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.transactions[0].steps[0]).toMatchObject({ statusAfter: 'MFA_REQUIRED', passwordChanged: '2024-06-11T14:20:59.000Z', stateToken: { fingerprint: '00cd…wx' } });
    expect(json.findings.map((f: any) => f.rule)).not.toContain('secret-exposed');
  });
});
