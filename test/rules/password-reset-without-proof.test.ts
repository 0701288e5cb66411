import { passwordResetWithoutProof } from '../../src/protocols/okta-authn/rules/password-reset-without-proof.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const H = '2024-03-01T11:00:00.000Z';
const trusted = step('/api/v1/authn/recovery/password', { username: 'isaac@example.org' }, 200, { status: 'RECOVERY', recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM', expiresAt: H, recoveryType: 'PASSWORD' });
const exchange = (status: string) => step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, tx(status, '00aaaaaaaa1', E, {}, { recoveryType: 'PASSWORD' }));
const answer = step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', E));

ruleTester(passwordResetWithoutProof, {
  valid: [
    { name: 'trusted app with recovery question', steps: [trusted, exchange('RECOVERY'), answer] },
    { name: 'emailed link straight to PASSWORD_RESET', steps: [exchange('PASSWORD_RESET')] },
    {
      name: 'SMS recovery factor verified',
      steps: [
        step('/api/v1/authn/recovery/password', { username: 'isaac@example.org', factorType: 'SMS' }, 200, tx('RECOVERY_CHALLENGE', '00aaaaaaaa1', E)),
        step('/api/v1/authn/recovery/factors/SMS/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', E)),
      ],
    },
  ],
  invalid: [
    { name: 'trusted-app token straight to PASSWORD_RESET', steps: [trusted, exchange('PASSWORD_RESET')], findings: [{ step: 2, messageId: 'noProof' }] },
    {
      name: 'SMS challenge skipped by a get-state',
      steps: [
        step('/api/v1/authn/recovery/password', { username: 'isaac@example.org', factorType: 'SMS' }, 200, tx('RECOVERY_CHALLENGE', '00aaaaaaaa1', E)),
        step('/api/v1/authn', { stateToken: '00aaaaaaaa1' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', E)),
      ],
      findings: [{ step: 2, messageId: 'noProof' }],
    },
  ],
});
