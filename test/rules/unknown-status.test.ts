import { unknownStatus } from '../../src/protocols/okta-authn/rules/unknown-status.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const primary = (body: Record<string, unknown>) => step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, body);

ruleTester(unknownStatus, {
  valid: [
    { name: 'documented status', steps: [primary(tx('MFA_REQUIRED', '00aaaaaaaa1', E))] },
    { name: 'SDK-known status', steps: [primary(tx('FACTOR_REQUIRED', '01aaaaaaaa1', E))] },
    { name: 'not an authn path', steps: [step('/api/v1/users/me', {}, 200, { id: '00u1' })] },
    { name: 'a pasted response without its request (the reader marks its path)', steps: [step('/api/v1/authn/(response-only)', null, 200, tx('MFA_REQUIRED', '00aaaaaaaa1', E))] },
  ],
  invalid: [
    { name: 'invented status', steps: [primary(tx('DEVICE_TRUST_REQUIRED', '00aaaaaaaa1', E))], findings: [{ step: 1, messageId: 'unknownStatus' }] },
    { name: 'invented factorResult', steps: [primary(tx('MFA_CHALLENGE', '00aaaaaaaa1', E, {}, { factorResult: 'MAYBE' }))], findings: [{ step: 1, messageId: 'unknownFactorResult' }] },
    { name: 'a response-only step still has its status judged', steps: [step('/api/v1/authn/(response-only)', null, 200, tx('DEVICE_TRUST_REQUIRED', '00aaaaaaaa1', E))], findings: [{ step: 1, messageId: 'unknownStatus' }] },
    { name: 'unknown authn operation', steps: [step('/api/v1/authn/factors/emf1/lifecycle/explode', { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', E))], findings: [{ step: 1, messageId: 'unknownOperation' }] },
  ],
});
