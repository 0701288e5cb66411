import { passwordChangedDuringMfa } from '../../src/protocols/okta-authn/rules/password-changed-during-mfa.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, user } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const T1 = '2024-01-01T00:00:00.000Z';
const T2 = '2024-03-01T10:01:00.000Z';
const T3 = '2024-03-01T10:02:00.000Z';
const res = (status: string, pc: string) => ({ stateToken: '00aaaaaaaa1', expiresAt: E, status, _embedded: { user: user(pc), factors: [factor('emf1')] } });
const primary = (pc: string) => step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, res('MFA_REQUIRED', pc));
const verify = (status: string, pc: string, body: Record<string, unknown> = {}) => step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', ...body }, 200, res(status, pc));
const reset = (pc: string) => step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, res('MFA_REQUIRED', pc));

ruleTester(passwordChangedDuringMfa, {
  valid: [
    { name: 'stable through MFA', steps: [primary(T1), verify('MFA_CHALLENGE', T1)] },
    { name: 'advance explained by reset_password', steps: [primary(T1), reset(T2), verify('MFA_CHALLENGE', T2)] },
    { name: 'advance at SUCCESS is not inside MFA', steps: [primary(T1), verify('SUCCESS', T2, { passCode: '123456' })] },
  ],
  invalid: [
    { name: 'advances between MFA_REQUIRED and MFA_CHALLENGE', steps: [primary(T1), verify('MFA_CHALLENGE', T2)], findings: [{ step: 2, messageId: 'advancedDuringMfa' }] },
    { name: 'advances twice while polling', steps: [primary(T1), verify('MFA_CHALLENGE', T2), verify('MFA_CHALLENGE', T3)], findings: [{ step: 2, messageId: 'advancedDuringMfa' }, { step: 3, messageId: 'advancedDuringMfa' }] },
  ],
});
