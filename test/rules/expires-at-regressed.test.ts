import { expiresAtRegressed } from '../../src/protocols/okta-authn/rules/expires-at-regressed.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const verify = (token: string, expiresAt: string, status = 'MFA_CHALLENGE', responseToken: string | null = token) =>
  step('/api/v1/authn/factors/emf1/verify', { stateToken: token }, 200, tx(status, responseToken, expiresAt, { factor: factor('emf1') }));

ruleTester(expiresAtRegressed, {
  valid: [
    { name: 'slides forward', steps: [verify('00aaaaaaaa1', '2024-03-01T10:05:00.000Z'), verify('00aaaaaaaa1', '2024-03-01T10:06:00.000Z')] },
    {
      name: 'recoveryToken expiry is not compared with the stateToken expiry',
      steps: [
        step('/api/v1/authn/recovery/password', { username: 'isaac@example.org' }, 200, { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM', expiresAt: '2024-03-01T11:00:00.000Z', status: 'RECOVERY' }),
        step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, tx('RECOVERY', '00aaaaaaaa1', '2024-03-01T10:05:00.000Z')),
      ],
    },
    {
      name: 'a rotated token starts its own expiry',
      steps: [
        step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'a' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', '2024-03-01T10:09:00.000Z')),
        step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, tx('MFA_REQUIRED', '00bbbbbbbb2', '2024-03-01T10:05:00.000Z')),
      ],
    },
  ],
  invalid: [
    { name: 'goes back for the same token', steps: [verify('00aaaaaaaa1', '2024-03-01T10:05:00.000Z'), verify('00aaaaaaaa1', '2024-03-01T10:01:00.000Z')], findings: [{ step: 2, messageId: 'regressed' }] },
    {
      name: 'an error in between does not hide it',
      steps: [
        verify('00aaaaaaaa1', '2024-03-01T10:05:00.000Z'),
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '000000' }, 403, { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' }),
        verify('00aaaaaaaa1', '2024-03-01T10:02:00.000Z'),
      ],
      findings: [{ step: 3, messageId: 'regressed' }],
    },
  ],
});
