import { expiredStateToken } from '../../src/protocols/okta-authn/rules/expired-state-token.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const challenge = step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', '2024-03-01T10:05:00.000Z', { factor: factor('emf1') }), { at: '2024-03-01T10:00:00.000Z', ms: 200 });
const verify = (at: string | undefined, status: number) =>
  step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, status, status === 200 ? tx('SUCCESS', null, '2024-03-01T10:30:00.000Z', {}, { sessionToken: 'x' }) : { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }, at ? { at, ms: 150 } : {});

ruleTester(expiredStateToken, {
  valid: [
    { name: 'in time', steps: [challenge, verify('2024-03-01T10:04:00.000Z', 200)] },
    { name: 'within the skew tolerance', steps: [challenge, verify('2024-03-01T10:05:20.000Z', 200)] },
    {
      name: "a recorder clock ahead of Okta's: left to timeline-inconsistent",
      steps: [
        challenge,
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', '2024-03-01T10:06:00.000Z'), { at: '2024-03-01T10:09:00.000Z', ms: 150 }),
      ],
    },
    { name: 'no start time: silent', steps: [{ ...challenge, startedAt: null, durationMs: null }, verify(undefined, 200)] },
  ],
  invalid: [
    { name: 'late and rejected', steps: [challenge, verify('2024-03-01T10:09:00.000Z', 401)], findings: [{ step: 2, messageId: 'rejectedAfterExpiry', severity: 'info' }] },
    { name: 'late and accepted', steps: [challenge, verify('2024-03-01T10:09:00.000Z', 200)], findings: [{ step: 2, messageId: 'acceptedAfterExpiry', severity: 'high' }] },
    {
      name: 'recovery token used after its expiry',
      steps: [
        step('/api/v1/authn/recovery/password', { username: 'isaac@example.org' }, 200, { status: 'RECOVERY', recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM', expiresAt: '2024-03-01T11:00:00.000Z' }, { at: '2024-03-01T10:00:00.000Z', ms: 90 }),
        step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, tx('RECOVERY', '00aaaaaaaa1', '2024-03-01T12:05:00.000Z'), { at: '2024-03-01T12:00:00.000Z', ms: 90 }),
      ],
      findings: [{ step: 2, messageId: 'acceptedAfterExpiry', severity: 'high' }],
    },
  ],
});
