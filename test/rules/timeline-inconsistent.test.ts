import { timelineInconsistent } from '../../src/protocols/okta-authn/rules/timeline-inconsistent.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { user } from './support/bodies.js';

const body = (status: string, expiresAt: string, pc: string) => ({ stateToken: '00aaaaaaaa1', expiresAt, status, _embedded: { user: user(pc) } });
const verify = (at: string | undefined, expiresAt: string, pc = '2024-01-01T00:00:00.000Z') =>
  step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1' }, 200, body('MFA_CHALLENGE', expiresAt, pc), at ? { at, ms: 120 } : {});

ruleTester(timelineInconsistent, {
  valid: [
    { name: 'passwordChanged before expiresAt, requests in order', steps: [verify('2024-03-01T10:00:00.000Z', '2024-03-01T10:05:00.000Z'), verify('2024-03-01T10:00:30.000Z', '2024-03-01T10:05:30.000Z')] },
    { name: 'no start times: order is not judged', steps: [verify(undefined, '2024-03-01T10:05:00.000Z'), verify(undefined, '2024-03-01T10:04:00.000Z')] },
  ],
  invalid: [
    {
      name: 'passwordChanged after its own expiresAt (devforum step 4)',
      steps: [step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, body('MFA_REQUIRED', '2022-11-02T15:56:22.000Z', '2022-11-03T09:22:47.000Z'))],
      findings: [{ step: 1, messageId: 'passwordChangedAfterExpiry' }],
    },
    {
      name: 'only the inconsistent response is flagged',
      steps: [
        verify(undefined, '2024-03-01T10:05:00.000Z', '2024-03-02T00:00:00.000Z'),
        verify(undefined, '2024-03-01T10:06:00.000Z'),
      ],
      findings: [{ step: 1, messageId: 'passwordChangedAfterExpiry' }],
    },
    {
      name: 'an expiry before the request started',
      steps: [verify('2024-03-01T10:03:00.000Z', '2024-03-01T10:08:00.000Z'), verify('2024-03-01T10:20:00.000Z', '2024-03-01T10:09:00.000Z')],
      findings: [{ step: 2, messageId: 'expiresBeforeRequest' }],
    },
    {
      name: 'a timed request listed after a later one (other steps untimed)',
      steps: [verify('2024-03-01T10:03:00.000Z', '2024-03-01T10:08:00.000Z'), verify(undefined, '2024-03-01T10:08:10.000Z'), verify('2024-03-01T10:00:00.000Z', '2024-03-01T10:09:00.000Z')],
      findings: [{ step: 3, messageId: 'outOfOrder' }],
    },
  ],
});
