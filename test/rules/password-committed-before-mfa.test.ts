import { passwordCommittedBeforeMfa } from '../../src/protocols/okta-authn/rules/password-committed-before-mfa.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx, user } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const OLD = '2024-01-01T00:00:00.000Z';
const NEW = '2024-03-01T10:01:00.000Z';
const reset = { _embedded: { user: user(OLD), policy: {} } };
const answer = step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, { ...tx('PASSWORD_RESET', '00aaaaaaaa1', E), ...reset });
const resetTo = (status: string, pc: string | null = NEW) =>
  step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'Abcdefgh1!xyz' }, 200, {
    stateToken: '00bbbbbbbb2',
    expiresAt: E,
    status,
    _embedded: { user: user(pc ?? undefined), factors: [factor('emf1')] },
  });
const verify = (status: string) => step('/api/v1/authn/factors/emf1/verify', { stateToken: '00bbbbbbbb2', passCode: '123456' }, 200, { expiresAt: E, status, sessionToken: 'x', _embedded: { user: user(NEW) } });

ruleTester(passwordCommittedBeforeMfa, {
  valid: [
    { name: 'reset answers SUCCESS', steps: [answer, resetTo('SUCCESS')] },
    { name: 'MFA_REQUIRED but passwordChanged did not move', steps: [answer, resetTo('MFA_REQUIRED', OLD), verify('SUCCESS')] },
    { name: 'MFA_REQUIRED without passwordChanged anywhere after', steps: [answer, resetTo('MFA_REQUIRED', null)] },
  ],
  invalid: [
    { name: 'committed, then MFA completed', steps: [answer, resetTo('MFA_REQUIRED'), verify('SUCCESS')], findings: [{ step: 2, messageId: 'committedThenVerified', severity: 'info' }] },
    { name: 'committed, MFA abandoned', steps: [answer, resetTo('MFA_REQUIRED')], findings: [{ step: 2, messageId: 'committedMfaAbandoned', severity: 'high' }] },
    {
      name: 'reset response without passwordChanged, the challenge shows the advance',
      steps: [answer, resetTo('MFA_REQUIRED', null), step('/api/v1/authn/factors/emf1/verify', { stateToken: '00bbbbbbbb2' }, 200, { stateToken: '00bbbbbbbb2', expiresAt: E, status: 'MFA_CHALLENGE', _embedded: { user: user(NEW) } })],
      findings: [{ step: 2, messageId: 'committedMfaAbandoned', severity: 'high' }],
    },
    { name: 'committed before enrollment, never finished', steps: [answer, resetTo('MFA_ENROLL')], findings: [{ step: 2, messageId: 'committedMfaAbandoned', severity: 'high' }] },
  ],
});
