import { recoveryTokenReuse } from '../../src/protocols/okta-authn/rules/recovery-token-reuse.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const exchange = (token: string, status: number, stateToken = '00aaaaaaaa1', group = 'g1') =>
  step('/api/v1/authn/recovery/token', { recoveryToken: token }, status, status === 200 ? tx('RECOVERY', stateToken, E) : { errorCode: 'E0000105', errorSummary: 'You have accessed an account recovery link that has expired or been previously used.' }, { group });

ruleTester(recoveryTokenReuse, {
  valid: [
    { name: 'exchanged once', steps: [exchange('VBQ0gwBp5LyJJFdbmWCM', 200)] },
    { name: 'two different tokens', steps: [exchange('VBQ0gwBp5LyJJFdbmWCM', 200), exchange('Zq81mmPp0aLkQWeRtyUi', 200, '00bbbbbbbb2')] },
    { name: 'the same paste twice is two units of evidence', steps: [exchange('VBQ0gwBp5LyJJFdbmWCM', 200), exchange('VBQ0gwBp5LyJJFdbmWCM', 200, '00aaaaaaaa1', 'g2')] },
  ],
  invalid: [
    { name: 'second exchange rejected', steps: [exchange('VBQ0gwBp5LyJJFdbmWCM', 200), exchange('VBQ0gwBp5LyJJFdbmWCM', 403)], findings: [{ tx: 1, step: 2, messageId: 'reusedRejected', severity: 'medium' }] },
    { name: 'second exchange accepted', steps: [exchange('VBQ0gwBp5LyJJFdbmWCM', 200), exchange('VBQ0gwBp5LyJJFdbmWCM', 200, '00bbbbbbbb2')], findings: [{ tx: 1, step: 2, messageId: 'reusedAccepted', severity: 'high' }] },
  ],
});
