import { userSwitch } from '../../src/protocols/okta-authn/rules/user-switch.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { user } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const res = (status: string, id: string, login: string) => ({ stateToken: '00aaaaaaaa1', expiresAt: E, status, _embedded: { user: { ...user(), id, profile: { ...user().profile, login } } } });
const answer = (id: string, login: string) => step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, res('PASSWORD_RESET', id, login));
const exchange = step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, res('RECOVERY', '00ub0oNGTSWTBKOLGLNR', 'isaac@example.org'));

ruleTester(userSwitch, {
  valid: [
    { name: 'same user', steps: [exchange, answer('00ub0oNGTSWTBKOLGLNR', 'isaac@example.org')] },
    { name: 'masked and case-changed renderings of the same user', steps: [exchange, answer('00ub0oNGTS*********', 'Isaac@Example.org')] },
  ],
  invalid: [
    { name: 'another user id', steps: [exchange, answer('00uZZZZZZZZZZZZZZZZZ', 'isaac@example.org')], findings: [{ step: 2, messageId: 'switched' }] },
    { name: 'another login and id', steps: [exchange, answer('00uZZZZZZZZZZZZZZZZZ', 'mary@example.org')], findings: [{ step: 2, messageId: 'switched' }] },
  ],
});
