import { passwordChangedRegressed } from '../../src/protocols/okta-authn/rules/password-changed-regressed.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { user } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const T1 = '2024-01-01T00:00:00.000Z';
const T2 = '2024-03-01T10:01:00.000Z';
const at = (op: string, token: string, status: string, pc: string | null, extra: Record<string, unknown> = {}) =>
  step(`/api/v1/authn/${op}`, { stateToken: token, ...extra }, 200, { stateToken: token, expiresAt: E, status, _embedded: { user: user(pc ?? undefined) } });
const primary = (pc: string, token: string) =>
  step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, { stateToken: token, expiresAt: E, status: 'MFA_REQUIRED', _embedded: { user: user(pc) } });

ruleTester(passwordChangedRegressed, {
  valid: [
    { name: 'forward only', steps: [at('recovery/answer', '00aaaaaaaa1', 'PASSWORD_RESET', T1, { answer: 'a' }), at('credentials/reset_password', '00aaaaaaaa1', 'MFA_REQUIRED', T2)] },
    { name: 'absent values are not compared', steps: [at('recovery/answer', '00aaaaaaaa1', 'PASSWORD_RESET', T2, { answer: 'a' }), at('credentials/reset_password', '00aaaaaaaa1', 'MFA_REQUIRED', null)] },
    {
      name: 'same user in two separate pastes is not compared',
      steps: [primary(T2, '00aaaaaaaa1'), { ...primary(T1, '00cccccccc3'), group: 'g2' }],
    },
  ],
  invalid: [
    {
      name: 'goes back inside the chain',
      steps: [at('credentials/reset_password', '00aaaaaaaa1', 'MFA_REQUIRED', T2, { newPassword: 'x' }), at('factors/emf1/verify', '00aaaaaaaa1', 'MFA_CHALLENGE', T1)],
      findings: [{ step: 2, messageId: 'regressedInChain' }],
    },
    {
      name: 'goes back and forth: only the backward step',
      steps: [at('recovery/answer', '00aaaaaaaa1', 'PASSWORD_RESET', T2, { answer: 'a' }), at('state', '00aaaaaaaa1', 'PASSWORD_RESET', T1), at('state', '00aaaaaaaa1', 'PASSWORD_RESET', T2)].map((s) =>
        s.url.endsWith('/state') ? { ...s, url: s.url.replace('/state', '') } : s,
      ),
      findings: [{ step: 2, messageId: 'regressedInChain' }],
    },
    {
      name: 'goes back for one user across two sign-ins',
      steps: [primary(T2, '00aaaaaaaa1'), primary(T1, '00cccccccc3')],
      findings: [{ tx: 2, step: 1, messageId: 'regressedForUser' }],
    },
  ],
});
