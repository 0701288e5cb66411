import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMfaFlow } from '../../samples/mock-okta/client.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { recordInto, tempDb } from './helpers.js';

const user = defaultUsers()[0]!;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('mock Okta through the recorder', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    db = tempDb();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it('plays MFA with push (polling) and SMS, with links on the proxy and the expected timelines', async () => {
    mock = await startMockOkta({ scenario: 'push-rejected' });
    const { recorder } = await recordInto(db.path, { target: mock.url });
    const push = await runMfaFlow(recorder.url, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'push' });
    const sms = await runMfaFlow(recorder.url, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'sms' });
    const summary = await recorder.stop();
    expect(push.steps.map((s) => `${s.body.status}/${s.body.factorResult ?? ''}`)).toEqual(['MFA_REQUIRED/', 'MFA_CHALLENGE/WAITING', 'MFA_CHALLENGE/REJECTED']);
    expect(sms.final).toBe('SUCCESS');
    expect([...push.foreignLinks, ...sms.foreignLinks]).toEqual([]);
    expect(summary.analysis.transactions.map((t) => t.outcome)).toEqual(['MFA_PENDING', 'SUCCESS']);
  });

  it('answers the documented errors: E0000087, E0000011 after cancel, E0000079, E0000105 on a reused recoveryToken, E0000080', async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    const base = mock.url;
    const start = await post(`${base}/api/v1/authn/recovery/password`, { username: user.login }, { authorization: 'SSWS test' });
    expect(start.body.recoveryToken).toMatch(/^[\w-]{20}$/);
    expect(start.body._links.next.href).toBe(`${base}/api/v1/authn/recovery/token`);
    const recovery = await post(`${base}/api/v1/authn/recovery/token`, { recoveryToken: start.body.recoveryToken });
    expect((await post(`${base}/api/v1/authn/recovery/token`, { recoveryToken: start.body.recoveryToken })).body.errorCode).toBe('E0000105');
    const wrong = await post(`${base}/api/v1/authn/recovery/answer`, { stateToken: recovery.body.stateToken, answer: 'kale' });
    expect([wrong.status, wrong.body.errorCode]).toEqual([403, 'E0000087']);
    const notNow = await post(`${base}/api/v1/authn/credentials/reset_password`, { stateToken: recovery.body.stateToken, newPassword: 'x' });
    expect([notNow.status, notNow.body.errorCode]).toEqual([403, 'E0000079']);
    const reset = await post(`${base}/api/v1/authn/recovery/answer`, { stateToken: recovery.body.stateToken, answer: user.answer });
    expect(reset.body.status).toBe('PASSWORD_RESET');
    const weak = await post(`${base}/api/v1/authn/credentials/reset_password`, { stateToken: reset.body.stateToken, newPassword: 'PWPWPW' });
    expect(weak.body.errorCode).toBe('E0000080');
    const done = await post(`${base}/api/v1/authn/credentials/reset_password`, { stateToken: reset.body.stateToken, newPassword: 'Fresh-Passw0rd-42!' });
    expect(done.body.status).toBe('SUCCESS');
    expect(Date.parse(done.body._embedded.user.passwordChanged)).toBeGreaterThan(Date.parse(reset.body._embedded.user.passwordChanged));
    const replay = await post(`${base}/api/v1/authn/credentials/reset_password`, { stateToken: reset.body.stateToken, newPassword: 'Other-Passw0rd-43!' });
    expect([replay.status, replay.body.errorCode]).toEqual([401, 'E0000011']);
  });
});
