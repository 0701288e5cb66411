import { policyViolationAccepted } from '../../src/protocols/okta-authn/rules/policy-violation-accepted.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { COMPLEXITY, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const answer = (complexity: Record<string, unknown> = COMPLEXITY) =>
  step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', E, { policy: { complexity } }));
const reset = (newPassword: string, status = 200) =>
  step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword }, status, status === 200 ? tx('SUCCESS', null, E, {}, { sessionToken: 'x' }) : { errorCode: 'E0000080', errorSummary: 'The password does not meet the complexity requirements of the current password policy.' });

ruleTester(policyViolationAccepted, {
  valid: [
    { name: 'compliant password', steps: [answer(), reset('Correct-Horse-9')] },
    { name: 'violating password rejected with E0000080', steps: [answer(), reset('PWPWPW', 403)] },
    { name: 'masked password cannot be judged', steps: [answer(), reset('**********')] },
  ],
  invalid: [
    { name: 'devforum PWPWPW against minLength 10', steps: [answer(), reset('PWPWPW')], findings: [{ step: 2, messageId: 'accepted' }] },
    { name: 'contains the first name', steps: [answer(), reset('Isaac-Brock-2024')], findings: [{ step: 2, messageId: 'accepted' }] },
    { name: 'only a symbol missing', steps: [answer({ minLength: 8, minSymbol: 1 }), reset('Abcdefgh12')], findings: [{ step: 2, messageId: 'accepted' }] },
  ],
});
