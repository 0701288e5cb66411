import { unexpectedOutcome } from '../../src/protocols/okta-authn/rules/unexpected-outcome.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const answer = step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', E));
const required = step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, tx('MFA_REQUIRED', '00aaaaaaaa1', E, { factors: [factor('emf1')] }));
const verify = (body: Record<string, unknown>, status: string) => step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', ...body }, 200, tx(status, status === 'SUCCESS' ? null : '00aaaaaaaa1', E));

ruleTester(unexpectedOutcome, {
  valid: [
    { name: 'documented edge PASSWORD_RESET -> MFA_REQUIRED', steps: [answer, step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, tx('MFA_REQUIRED', '00bbbbbbbb2', E))] },
    { name: 'verify without code challenges', steps: [required, verify({}, 'MFA_CHALLENGE')] },
    { name: 'an empty passCode is no passCode: the widget asks for an SMS code', steps: [required, verify({ passCode: '' }, 'MFA_CHALLENGE')] },
    { name: 'a null or blank passCode is no passCode either', steps: [required, verify({ passCode: null }, 'MFA_CHALLENGE'), verify({ passCode: '  ' }, 'MFA_CHALLENGE')] },
    { name: 'a status outside the vocabularies is left to unknown-status', steps: [required, verify({}, 'FACTOR_CHALLENGE')] },
  ],
  invalid: [
    { name: 'verify without code answers SUCCESS', steps: [required, verify({}, 'SUCCESS')], findings: [{ step: 2, messageId: 'unexpected' }] },
    { name: 'an empty passCode that answers SUCCESS is still unexpected', steps: [required, verify({ passCode: '' }, 'SUCCESS')], findings: [{ step: 2, messageId: 'unexpected' }] },
    { name: 'recovery answer jumps to MFA_REQUIRED', steps: [step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, tx('RECOVERY', '00aaaaaaaa1', E)), { ...answer, responseBody: tx('MFA_REQUIRED', '00aaaaaaaa1', E) }], findings: [{ step: 2, messageId: 'unexpected' }] },
  ],
});
