import { passwordChangedWithoutCall } from '../../src/protocols/okta-authn/rules/password-changed-without-call.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { user } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const T1 = '2024-01-01T00:00:00.000Z';
const T2 = '2024-03-01T10:01:00.000Z';
const res = (status: string, pc: string, token: string | null = '00aaaaaaaa1') => ({ ...(token ? { stateToken: token } : {}), expiresAt: E, status, _embedded: { user: user(pc) } });
const tokenExchange = (pc: string) => step('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, res('RECOVERY', pc));
const answer = (pc: string) => step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, res('PASSWORD_RESET', pc));
const reset = (pc: string) => step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, { ...res('SUCCESS', pc, null), sessionToken: 'x' });
const getState = (status: string, pc: string) => step('/api/v1/authn', { stateToken: '00aaaaaaaa1' }, 200, res(status, pc));

ruleTester(passwordChangedWithoutCall, {
  valid: [
    { name: 'advance at reset_password', steps: [tokenExchange(T1), answer(T1), reset(T2)] },
    { name: 'unchanged', steps: [tokenExchange(T1), answer(T1), getState('PASSWORD_RESET', T1)] },
  ],
  invalid: [
    { name: 'advance at the recovery answer', steps: [tokenExchange(T1), answer(T2)], findings: [{ step: 2, messageId: 'changedWithoutCall' }] },
    { name: 'advance seen by get-state', steps: [tokenExchange(T1), getState('RECOVERY', T2)], findings: [{ step: 2, messageId: 'changedWithoutCall' }] },
  ],
});
