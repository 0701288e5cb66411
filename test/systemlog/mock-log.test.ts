import { afterEach, describe, expect, it } from 'vitest';
import { runMfaFlow } from '../../samples/mock-okta/client.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { eventKind } from '../../samples/mock-okta/system-log.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';

const user = defaultUsers()[0]!;
const kinds = (mock: MockOkta) => mock.systemLog().map((e: any) => `${e.eventType} ${e.outcome.result}${e.outcome.reason ? ` ${e.outcome.reason}` : ''}`);

describe("the mock org's System Log", () => {
  let mock: MockOkta;
  afterEach(() => mock.stop());

  it('logs the push sent and its rejection, each under the request id it answered with', async () => {
    mock = await startMockOkta({ scenario: 'push-rejected' });
    const flow = await runMfaFlow(mock.url, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'push' });
    expect(flow.steps.map((s) => s.body.factorResult ?? s.body.status)).toEqual(['MFA_REQUIRED', 'WAITING', 'REJECTED']);
    expect(kinds(mock)).toEqual(['policy.evaluate_sign_on CHALLENGE', 'system.push.send_factor_verify_push SUCCESS', 'user.mfa.okta_verify.deny_push FAILURE User rejected Okta push verify']);
    const [first] = mock.systemLog() as any[];
    expect(first.actor.alternateId).toBe(user.login);
    expect(first.debugContext.debugData).toMatchObject({ requestId: expect.stringMatching(/^[\w-]{16}$/), threatSuspected: 'false' });
    expect(first.transaction.id).toBe(first.debugContext.debugData.requestId);
  });

  it('logs failed credentials and a wrong factor code as failures, with the user a stateToken belongs to', async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    const post = (path: string, body: unknown) =>
      fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
    await post('/api/v1/authn', { username: user.login, password: 'wrong' });
    const primary = await post('/api/v1/authn', { username: user.login, password: user.password });
    const sms = primary._embedded.factors.find((f: any) => f.factorType === 'sms');
    await post(`/api/v1/authn/factors/${sms.id}/verify`, { stateToken: primary.stateToken, passCode: '000000' });
    await post('/api/v1/authn/cancel', { stateToken: primary.stateToken });
    expect(kinds(mock)).toEqual(['user.session.start FAILURE INVALID_CREDENTIALS', 'policy.evaluate_sign_on CHALLENGE', 'user.authentication.auth_via_mfa FAILURE INVALID_CREDENTIALS']);
    expect(mock.systemLog().map((e: any) => e.actor.alternateId)).toEqual([user.login, user.login, user.login]);
  });

  it('logs nothing for a poll of a push still waiting: only the verify that sent it', () => {
    mock = { stop: async () => {} } as MockOkta;
    const waiting = { status: 200, body: { status: 'MFA_CHALLENGE', factorResult: 'WAITING', _embedded: { factor: { factorType: 'push' } } } };
    const req = { path: '/api/v1/authn/factors/opf1/verify', body: { stateToken: '00abc' } };
    expect(eventKind(req, waiting, false)?.eventType).toBe('system.push.send_factor_verify_push');
    expect(eventKind(req, waiting, true)).toBeNull();
    expect(eventKind({ ...req, path: '/api/v1/authn/factors/opf1/verify/resend' }, waiting, true)?.eventType).toBe('system.push.send_factor_verify_push');
  });
});
