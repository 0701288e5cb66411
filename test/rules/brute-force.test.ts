import { bruteForce } from '../../src/protocols/okta-authn/rules/brute-force.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const exchange = step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, tx('RECOVERY', '00aaaaaaaa1', E));
const wrong = (answer: string) => step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer }, 403, { errorCode: 'E0000087', errorSummary: 'The recovery question answer did not match our records.' });
const locked = step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '000000' }, 403, { errorCode: 'E0000069', errorSummary: 'User Locked' });
const limited = (n: number) => step('/api/v1/authn/factors/emf1/verify/resend', { stateToken: '00aaaaaaaa1', n }, 429, { errorCode: 'E0000109', errorSummary: 'An SMS message was recently sent.' });
const primary429 = (username: string | null) => step('/api/v1/authn', username ? { username, password: 'Secret-pass-1' } : { password: 'Secret-pass-1' }, 429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
const signIn = (token: string) => [
  step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, tx('MFA_REQUIRED', token, E)),
  step('/api/v1/authn/factors/emf1/verify', { stateToken: token, passCode: '000000' }, 403, { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' }),
];

ruleTester(bruteForce, {
  valid: [
    { name: 'two wrong answers', steps: [exchange, wrong('red'), wrong('green')] },
    { name: 'one rate limit', steps: [exchange, limited(1)] },
    { name: 'one 429 on primary authentication each for two users', steps: [primary429('a@example.org'), primary429('b@example.org')] },
  ],
  invalid: [
    { name: 'three wrong recovery answers', steps: [exchange, wrong('red'), wrong('green'), wrong('blue')], findings: [{ step: 4, messageId: 'failedGuesses' }] },
    { name: 'locked after failures', steps: [exchange, wrong('red'), locked], findings: [{ step: 3, messageId: 'locked' }] },
    { name: 'repeated 429', steps: [exchange, limited(1), limited(2)], findings: [{ step: 3, messageId: 'rateLimited' }] },
    { name: 'repeated 429s on primary authentication', steps: [primary429('isaac@example.org'), primary429('isaac@example.org'), primary429('Isaac@example.org')], findings: [{ tx: 2, step: 1, messageId: 'rateLimitedUser' }] },
    { name: 'repeated 429s on primary authentication without a username', steps: [primary429(null), primary429(null)], findings: [{ tx: 2, step: 1, messageId: 'rateLimitedUser' }] },
    { name: 'guesses spread over new sign-ins', steps: [...signIn('00aaaaaaaa1'), ...signIn('00bbbbbbbb2'), ...signIn('00cccccccc3')], findings: [{ tx: 3, step: 2, messageId: 'failedGuessesUser' }] },
  ],
});
