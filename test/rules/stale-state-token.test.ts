import { staleStateToken } from '../../src/protocols/okta-authn/rules/stale-state-token.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const answer = step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', E));
const reset = step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'Abcdefgh1!xyz' }, 200, tx('MFA_REQUIRED', '00bbbbbbbb2', E, { factors: [factor('emf1')] }));
const verify = (token: string, status: number) =>
  step('/api/v1/authn/factors/emf1/verify', { stateToken: token }, status, status === 200 ? tx('MFA_CHALLENGE', token, E) : { errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
const success = step('/api/v1/authn/factors/emf1/verify', { stateToken: '00bbbbbbbb2', passCode: '123456' }, 200, tx('SUCCESS', null, E, {}, { sessionToken: 'x' }));

ruleTester(staleStateToken, {
  valid: [
    { name: 'follows the rotation', steps: [answer, reset, verify('00bbbbbbbb2', 200)] },
    { name: 'cancel after SUCCESS is harmless cleanup', steps: [answer, reset, success, step('/api/v1/authn/cancel', { stateToken: '00bbbbbbbb2' }, 200, {})] },
    { name: 'masked renderings of the newest token', steps: [answer, { ...verify('00aaaaaaaa1', 200), requestBody: { stateToken: '00aaaaaaaa****' } }] },
  ],
  invalid: [
    { name: 'old token rejected', steps: [answer, reset, verify('00aaaaaaaa1', 401)], findings: [{ step: 3, messageId: 'notNewest', severity: 'medium' }] },
    { name: 'old token accepted', steps: [answer, reset, verify('00aaaaaaaa1', 200)], findings: [{ step: 3, messageId: 'notNewest', severity: 'high' }] },
    { name: 'token reused after SUCCESS', steps: [answer, reset, success, verify('00bbbbbbbb2', 401)], findings: [{ step: 4, messageId: 'endedChain', severity: 'medium' }] },
  ],
});
