import { concurrentOperations } from '../../src/protocols/okta-authn/rules/concurrent-operations.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const verify = (at: string | undefined, ms: number, token = '00aaaaaaaa1', path = '/api/v1/authn/factors/emf1/verify') =>
  step(path, { stateToken: token, passCode: '123456' }, 200, tx('MFA_CHALLENGE', token, E), at ? { at, ms } : {});

ruleTester(concurrentOperations, {
  valid: [
    { name: 'sequential', steps: [verify('2024-03-01T10:00:00.000Z', 500), verify('2024-03-01T10:00:01.000Z', 500)] },
    { name: 'get-state in parallel is harmless', steps: [verify('2024-03-01T10:00:00.000Z', 2000), step('/api/v1/authn', { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', E), { at: '2024-03-01T10:00:00.500Z', ms: 100 })] },
    // Times to the second: the second request may have started up to 999 ms later, after the first had ended.
    { name: 'times to the second that may not overlap', steps: [verify('2024-03-01T10:00:00.000Z', 800), verify('2024-03-01T10:00:00.000Z', 800)] },
    { name: 'times to the second, one second apart', steps: [verify('2024-03-01T10:00:00.000Z', 1500), verify('2024-03-01T10:00:01.000Z', 300)] },
    { name: 'no durations: silent', steps: [verify(undefined, 0), verify(undefined, 0, '00aaaaaaaa1', '/api/v1/authn/factors/emf1/verify/resend')] },
  ],
  invalid: [
    { name: 'times to the second that must overlap', steps: [verify('2024-03-01T10:00:00.000Z', 2600), verify('2024-03-01T10:00:01.000Z', 900)], findings: [{ step: 2, messageId: 'overlappingSeconds' }] },
    { name: 'times to the second, both in one second and each longer than it', steps: [verify('2024-03-01T10:00:00.000Z', 1200), verify('2024-03-01T10:00:00.000Z', 1100)], findings: [{ step: 2, messageId: 'overlappingSeconds' }] },
    { name: 'double submit', steps: [verify('2024-03-01T10:00:00.000Z', 800), verify('2024-03-01T10:00:00.300Z', 800)], findings: [{ step: 2, messageId: 'overlapping' }] },
    {
      name: 'resend racing a verify',
      steps: [verify('2024-03-01T10:00:00.010Z', 1500), verify('2024-03-01T10:00:01.000Z', 200, '00aaaaaaaa1', '/api/v1/authn/factors/emf1/verify/resend')],
      findings: [{ step: 2, messageId: 'overlapping' }],
    },
  ],
});
