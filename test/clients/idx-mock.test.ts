import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillForm, runIdxFlow } from '../../samples/mock-okta/idx/client.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';

/** The mock Identity Engine org on its own: the documented errors and the anomaly scenarios. */

const user = defaultUsers()[0]!;
type Json = Record<string, any>;

async function post(url: string, body: Json, form = false): Promise<{ status: number; type: string | null; body: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Json };
}

const formOf = (body: Json, name: string): Json => body.remediation.value.find((f: Json) => f.name === name);

describe('mock Identity Engine org', () => {
  let mock: MockOkta;
  afterEach(async () => mock.stop());

  describe('idx-recovery', () => {
    beforeEach(async () => {
      mock = await startMockOkta({ scenario: 'idx-recovery' });
    });

    it('answers in Ion, rejects a wrong code with 401 and the same form, a weak new password with 400, then commits the reset', async () => {
      const verifier = 'v'.repeat(50);
      const start = await post(`${mock.url}/oauth2/v1/interact`, {
        client_id: 'app', redirect_uri: 'http://app/cb', scope: 'openid', state: 's1', code_challenge_method: 'S256',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      }, true);
      let r = await post(`${mock.url}/idp/idx/introspect`, { interactionHandle: start.body.interaction_handle });
      expect(r.type).toBe('application/ion+json; okta-version=1.0.0');
      expect(r.body.remediation.value.map((f: Json) => f.name)).toEqual(['identify']);
      r = await post(`${mock.url}/idp/idx/identify`, fillForm(formOf(r.body, 'identify'), { identifier: user.login }));
      r = await post(r.body.currentAuthenticatorEnrollment.value.recover.href, fillForm(r.body.currentAuthenticatorEnrollment.value.recover, {}));
      expect(r.body.recoveryAuthenticator.value.type).toBe('password');
      const email = formOf(r.body, 'select-authenticator-authenticate').value[0].options[0].value.form.value;
      r = await post(`${mock.url}/idp/idx/challenge`, { authenticator: { id: email[0].value }, stateHandle: r.body.stateHandle });
      const wrong = await post(`${mock.url}/idp/idx/challenge/answer`, { credentials: { passcode: '000000' }, stateHandle: r.body.stateHandle });
      expect(wrong.status).toBe(401);
      expect(wrong.body.messages.value[0].i18n.key).toBe('api.authn.error.PASSCODE_INVALID');
      expect(wrong.body.remediation.value.map((f: Json) => f.name)).toEqual(['challenge-authenticator']);
      r = await post(`${mock.url}/idp/idx/challenge/answer`, { credentials: { passcode: PASSCODE }, stateHandle: r.body.stateHandle });
      expect(r.body.remediation.value.map((f: Json) => f.name)).toEqual(['reset-authenticator']);
      const weak = await post(`${mock.url}/idp/idx/challenge/answer`, { credentials: { passcode: 'short' }, stateHandle: r.body.stateHandle });
      expect([weak.status, weak.body.messages.value[0].i18n.key]).toEqual([400, 'password.passwordRequirementsNotMet']);
      expect(mock.org.users[0]!.password).toBe(user.password);
      r = await post(`${mock.url}/idp/idx/challenge/answer`, { credentials: { passcode: 'Fresh-Passw0rd-42!' }, stateHandle: r.body.stateHandle });
      // Committed, and sign-on still wants the phone: the IDX form of the seed question.
      expect(mock.org.users[0]!.password).toBe('Fresh-Passw0rd-42!');
      expect(r.body.remediation.value.map((f: Json) => f.name)).toEqual(['select-authenticator-authenticate']);
      expect(r.body.successWithInteractionCode).toBeUndefined();
    });

    it('cancel ends the transaction and answers a new one with a new stateHandle; the old handle is expired', async () => {
      const start = await post(`${mock.url}/oauth2/default/v1/interact`, { client_id: 'app', code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' }, true);
      const first = await post(`${mock.url}/idp/idx/introspect`, { interactionHandle: start.body.interaction_handle });
      const cancelled = await post(first.body.cancel.href, fillForm(first.body.cancel, {}));
      expect(cancelled.body.stateHandle).not.toBe(first.body.stateHandle);
      expect(cancelled.body.remediation.value.map((f: Json) => f.name)).toEqual(['identify']);
      const stale = await post(`${mock.url}/idp/idx/identify`, { identifier: user.login, stateHandle: first.body.stateHandle });
      expect([stale.status, stale.body.messages.value[0].i18n.key]).toEqual([401, 'idx.session.expired']);
      expect(stale.body.remediation).toBeUndefined();
    });

    it('refuses /interact without PKCE and a code used twice; serves the org server token path; leaves other grants to other routes', async () => {
      const plain = await post(`${mock.url}/oauth2/v1/interact`, { client_id: 'app', scope: 'openid' }, true);
      expect([plain.status, plain.body.error]).toEqual([400, 'invalid_request']);
      const flow = await runIdxFlow(mock.url, { username: user.login, password: user.password, passcode: PASSCODE });
      expect(flow.final).toBe('SUCCESS');
      const issue = flow.steps.at(-2)!.body.successWithInteractionCode;
      const code = issue.value.find((f: Json) => f.name === 'interaction_code').value;
      const token = flow.steps.at(-1)!;
      expect(token.url).toBe(`${mock.url}/oauth2/default/v1/token`);
      const again = await post(token.url, { grant_type: 'interaction_code', interaction_code: code, client_id: '0oa8mockidxapp0000g4', code_verifier: 'x' }, true);
      expect([again.status, again.body.error_description]).toEqual([400, 'The interaction code is invalid or has expired.']);

      const second = await runIdxFlow(mock.url, { username: user.login, password: user.password, passcode: PASSCODE, authServer: '/oauth2' });
      expect(second.steps.at(-1)!.url).toBe(`${mock.url}/oauth2/v1/token`);
      // Another grant on the same path is not the Identity Engine route's: the OAuth server answers it.
      const other = await post(`${mock.url}/oauth2/v1/token`, { grant_type: 'password', username: user.login }, true);
      expect(other.status).toBe(400);
      expect(other.body.error).toMatch(/^(unsupported_grant_type|invalid_grant|invalid_request|invalid_client|unauthorized_client)$/);
      expect(other.body.error_description).not.toBe('The interaction code is invalid or has expired.');
    });
  });

  it('idx-clean: password-first identify, email OTP, and a recovery that ends in tokens right after the reset', async () => {
    mock = await startMockOkta({ scenario: 'idx-clean' });
    const signIn = await runIdxFlow(mock.url, { username: user.login, password: user.password, passcode: PASSCODE });
    expect(signIn.remediations).toEqual([['identify'], ['select-authenticator-authenticate'], ['challenge-authenticator'], ['issue']]);
    expect(signIn.steps[2]!.body.remediation.value[0].value[0].options[0].label).toBe('Email');
    const recovery = await runIdxFlow(mock.url, { username: user.login, password: user.password, passcode: PASSCODE, newPassword: 'Fresh-Passw0rd-42!' });
    expect(recovery.remediations).toEqual([['identify'], ['identify-recovery'], ['select-authenticator-authenticate'], ['challenge-authenticator'], ['reset-authenticator'], ['issue']]);
    expect(recovery.final).toBe('SUCCESS');
  });
});
