import { stateTokenRotated } from '../../src/protocols/okta-authn/rules/state-token-rotated.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const recoveryToken = step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, tx('RECOVERY', '00aaaaaaaa1', E));
const answer = (responseToken: string) => step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, tx('PASSWORD_RESET', responseToken, E));
const reset = (from: string, to: string) => step('/api/v1/authn/credentials/reset_password', { stateToken: from, newPassword: 'Abcdefgh1!xyz' }, 200, tx('MFA_REQUIRED', to, E));

ruleTester(stateTokenRotated, {
  valid: [
    { name: 'same token through the chain', steps: [recoveryToken, answer('00aaaaaaaa1'), reset('00aaaaaaaa1', '00aaaaaaaa1')] },
    { name: 'a new chain at /recovery/token is expected', steps: [recoveryToken] },
    {
      name: 'masked renderings of one token',
      steps: [step('/api/v1/authn/recovery/answer', { stateToken: '00WSySIHd8o8EUT9o1bo08jk8bb4oQls**********' }, 200, tx('PASSWORD_RESET', '00WSySIHd8o8EUT9o1bo08jk8bb4oQlsQ*********', E))],
    },
    {
      name: 'masks too short to tell',
      steps: [step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSy*****' }, 200, tx('MFA_CHALLENGE', '00WSy*****', E))],
    },
  ],
  invalid: [
    { name: 'rotated at reset_password (observed)', steps: [recoveryToken, answer('00aaaaaaaa1'), reset('00aaaaaaaa1', '00bbbbbbbb2')], findings: [{ step: 3, messageId: 'rotatedObserved' }] },
    { name: 'rotated at recovery answer (undocumented)', steps: [recoveryToken, answer('00bbbbbbbb2')], findings: [{ step: 2, messageId: 'rotatedElsewhere' }] },
    {
      name: 'masked tokens with different prefixes',
      steps: [step('/api/v1/authn/credentials/reset_password', { stateToken: '00WSySIHd8o8EUT9*****' }, 200, tx('MFA_REQUIRED', '00wyJMOMFNYq-Ykq43*****', E))],
      findings: [{ step: 1, messageId: 'rotatedObserved' }],
    },
  ],
});
