import type { RawExchange } from '../../../src/model/exchange.js';
import { step, type StepOptions } from '../../helpers/rule-tester.js';
import { body as fixtureBody } from '../../idx/flows.js';

/**
 * IDX exchanges for the rule tables, built from the shared SDK fixtures (test/fixtures/idx): each call is a
 * request with the flow's stateHandle and the fixture that answers it, rewritten to that handle.
 */

export const HANDLE = '02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const NEW_HANDLE = '02nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn';
export const EXPIRES = '2026-03-01T10:30:00.000Z';
const ION = { 'content-type': 'application/ion+json; okta-version=1.0.0' };

/** A fixture body (by number) for handle `h`, with expiresAt moved to the tables' clock. */
export function res(num: string, h = HANDLE, patch: Record<string, unknown> = {}): Record<string, any> {
  return { ...fixtureBody(num, h), expiresAt: EXPIRES, ...patch };
}

/** The password challenge of fixture 02 turned into an email OTP challenge (no public fixture of it in the set). */
export function otpChallenge(h = HANDLE): Record<string, any> {
  const b = res('02', h);
  b.currentAuthenticatorEnrollment.value = { ...b.currentAuthenticatorEnrollment.value, type: 'email', id: 'eae1abcdEmail', displayName: 'Email', methods: [{ type: 'email' }] };
  delete b.currentAuthenticatorEnrollment.value.recover;
  return b;
}

/** Fixture 07's select-authenticator-authenticate as a sign-in factor choice after the reset: no recoveryAuthenticator. */
export function signInFactorChoice(h = HANDLE): Record<string, any> {
  const { recoveryAuthenticator: _r, ...rest } = res('07', h);
  return rest;
}

const at = (s: number): StepOptions => ({ at: new Date(Date.parse('2026-03-01T10:00:00.000Z') + s * 1000).toISOString(), headers: { 'content-type': 'application/json' }, responseHeaders: ION });

let clock = 0;
/** Resets the tables' clock: each call is one second after the previous one. */
export function flow(): void {
  clock = 0;
}

export function call(path: string, request: unknown, status: number, response: unknown, seconds?: number, extra: StepOptions = {}): RawExchange {
  const t = seconds ?? clock++;
  const opts = at(t);
  return step(`POST ${path}`, request, status, response, { ...opts, ...extra, responseHeaders: { ...opts.responseHeaders, ...extra.responseHeaders } });
}

export const introspect = (h = HANDLE) => call('/idp/idx/introspect', { stateToken: h }, 200, res('01', h));
export const identify = (h = HANDLE) => call('/idp/idx/identify', { identifier: 'ann@example.com', stateHandle: h }, 200, res('02', h));
export const recover = (h = HANDLE, response: unknown = res('07', h)) => call('/idp/idx/recover', { stateHandle: h }, 200, response);
export const selectEmail = (h = HANDLE, response: unknown = otpChallenge(h)) => call('/idp/idx/challenge', { authenticator: { id: 'aidtm56L8gXXHI1SD0g3', methodType: 'email' }, stateHandle: h }, 200, response);
export const answer = (passcode: string, response: unknown, status = 200, h = HANDLE) => call('/idp/idx/challenge/answer', { credentials: { passcode }, stateHandle: h }, status, response);
export const cancel = (h = HANDLE, next = NEW_HANDLE) => call('/idp/idx/cancel', { stateHandle: h }, 200, res('05', next));

/** introspect → identify → recover → select email → OTP answer → reset-authenticator offered. */
export function recoveryToReset(h = HANDLE): RawExchange[] {
  flow();
  return [introspect(h), identify(h), recover(h), selectEmail(h), answer('123456', res('08', h), 200, h)];
}

/** The code fixture 03's successWithInteractionCode issues, and the RFC 7636 Appendix B verifier. */
export const CODE = 'o9lcUQyfC0u6htHRipWDLtDG5vJc8sLK7ptqI8isQ-Q';
export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

/** POST /token with the interaction_code grant (a form body); 2xx answers tokens, others invalid_grant. */
export function tokenCall(options: { code?: string; status?: number; seconds?: number; verifier?: string | null; path?: string } = {}): RawExchange {
  const { code = CODE, status = 200, verifier = VERIFIER, path = '/oauth2/auszsfkYrgGCTilsV2o4/v1/token' } = options;
  const form = `grant_type=interaction_code&client_id=0ZczewGCFPlxNYYcLq5i&interaction_code=${code}${verifier ? `&code_verifier=${verifier}` : ''}`;
  const answer = status < 300 ? { token_type: 'Bearer', expires_in: 3600, access_token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' } : { error: 'invalid_grant', error_description: 'The interaction code is invalid or has expired.' };
  return call(path, form, status, answer, options.seconds);
}
