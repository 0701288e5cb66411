import { prematureInvalidation } from '../../src/protocols/okta-authn/rules/premature-invalidation.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const challenge = (token = '00aaaaaaaa1') => step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', token, '2024-03-01T10:05:00.000Z', { factor: factor('emf1') }), { at: '2024-03-01T10:00:00.000Z', ms: 200 });
const invalid = (at: string | undefined, token = '00aaaaaaaa1') =>
  step('/api/v1/authn/factors/emf1/verify', { stateToken: token, passCode: '123456' }, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }, at ? { at, ms: 80 } : {});

ruleTester(prematureInvalidation, {
  valid: [
    { name: '401 after expiry', steps: [challenge(), invalid('2024-03-01T10:07:00.000Z')] },
    { name: '401 for a stale token', steps: [challenge('00bbbbbbbb2'), invalid('2024-03-01T10:01:00.000Z')] },
    { name: 'no time: silent', steps: [challenge(), invalid(undefined)] },
    {
      name: '401 after the chain reached SUCCESS',
      steps: [
        challenge(),
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '654321' }, 200, tx('SUCCESS', null, '2024-03-01T10:06:00.000Z', {}, { sessionToken: 'x' }), { at: '2024-03-01T10:00:40.000Z', ms: 100 }),
        invalid('2024-03-01T10:00:41.000Z'),
      ],
    },
  ],
  invalid: [
    { name: '401 a minute after the challenge', steps: [challenge(), invalid('2024-03-01T10:01:00.000Z')], findings: [{ step: 2, messageId: 'invalidBeforeExpiry' }] },
    {
      name: '401 right after a get-state',
      steps: [challenge(), step('/api/v1/authn', { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', '2024-03-01T10:06:00.000Z'), { at: '2024-03-01T10:01:00.000Z', ms: 50 }), invalid('2024-03-01T10:01:30.000Z')],
      findings: [{ step: 3, messageId: 'invalidBeforeExpiry' }],
    },
  ],
});
