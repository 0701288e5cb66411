/**
 * Synthetic authn flows for the analysis benchmarks: recovery with MFA, sign-in with a long push poll and
 * brute force on a recovery answer, in rotating groups. Deterministic apart from the random tokens.
 */
import { randomBytes } from 'node:crypto';
import type { RawExchange } from '../src/model/exchange.js';

const token = () => `00${randomBytes(15).toString('base64url')}`;

/** Exchanges of `flows` flows; `polls` push polls per sign-in; `groups` evidence units they rotate over. */
export function* generateFlows(flows: number, polls: number, groups = 50, start = 0): Generator<RawExchange> {
  let clock = Date.parse('2024-03-01T10:00:00Z') + start * 60_000;
  const ex = (path: string, req: unknown, status: number, res: unknown, group: string): RawExchange => {
    clock += 700;
    return {
      method: 'POST', url: `https://dev-1.okta.com/api/v1/authn${path}`, requestHeaders: { 'content-type': 'application/json' }, requestBody: req,
      responseStatus: status, responseHeaders: {}, responseBody: res, transportError: null, startedAt: new Date(clock).toISOString(), durationMs: 300, sourceRef: 'bench', group,
    };
  };
  for (let n = start; n < start + flows; n++) {
    const i = n;
    const group = `g${i % groups}`;
    const user = { id: `00u${String(i).padStart(17, '0')}`, passwordChanged: '2024-01-01T00:00:00.000Z', profile: { login: `user${i}@example.org`, firstName: 'F', lastName: 'L' } };
    const exp = () => new Date(clock + 300_000).toISOString();
    const [a, b] = [token(), token()];
    const factors = [{ id: `emf${i}`, factorType: 'email', profile: { email: 'u...r@example.org' }, _links: { verify: { href: `https://dev-1.okta.com/api/v1/authn/factors/emf${i}/verify` } } }];
    if (i % 3 === 0) {
      yield ex('/recovery/token', { recoveryToken: randomBytes(10).toString('hex') }, 200, { stateToken: a, expiresAt: exp(), status: 'RECOVERY', _embedded: { user } }, group);
      yield ex('/recovery/answer', { stateToken: a, answer: 'blue' }, 200, { stateToken: a, expiresAt: exp(), status: 'PASSWORD_RESET', _embedded: { user, policy: { complexity: { minLength: 8 } } } }, group);
      yield ex('/credentials/reset_password', { stateToken: a, newPassword: 'Abcdefgh1!' }, 200, { stateToken: b, expiresAt: exp(), status: 'MFA_REQUIRED', _embedded: { user: { ...user, passwordChanged: new Date(clock).toISOString() }, factors } }, group);
      yield ex(`/factors/emf${i}/verify`, { stateToken: b, passCode: '123456' }, 200, { expiresAt: exp(), status: 'SUCCESS', sessionToken: token(), _embedded: { user } }, group);
    } else if (i % 3 === 1) {
      yield ex('', { username: user.profile.login, password: 'pw' }, 200, { stateToken: a, expiresAt: exp(), status: 'MFA_REQUIRED', _embedded: { user, factors } }, group);
      for (let p = 0; p < polls; p++) yield ex(`/factors/emf${i}/verify`, { stateToken: a }, 200, { stateToken: a, expiresAt: exp(), status: 'MFA_CHALLENGE', factorResult: 'WAITING', _embedded: { user, factor: factors[0] } }, group);
      yield ex(`/factors/emf${i}/verify`, { stateToken: a }, 200, { expiresAt: exp(), status: 'SUCCESS', sessionToken: token(), _embedded: { user } }, group);
    } else {
      yield ex('/recovery/token', { recoveryToken: randomBytes(10).toString('hex') }, 200, { stateToken: a, expiresAt: exp(), status: 'RECOVERY', _embedded: { user } }, group);
      for (let k = 0; k < 4; k++) yield ex('/recovery/answer', { stateToken: a, answer: `guess${k}` }, 403, { errorCode: 'E0000087' }, group);
    }
  }
}

/** Exchanges per 3 flows with `polls` polls: 4 + (polls + 2) + 5. */
export const exchangesPerThreeFlows = (polls: number) => 11 + polls;
