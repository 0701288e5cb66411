import { factorMismatch } from '../../src/protocols/okta-authn/rules/factor-mismatch.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const required = step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, tx('MFA_REQUIRED', '00aaaaaaaa1', E, { factors: [factor('emf1AAAAAAAAAAA'), factor('opf2BBBBBBBBBBB', 'push')] }));
const verify = (id: string, status: number, result = 'MFA_CHALLENGE', embedded: Record<string, unknown> = { factor: factor(id) }) =>
  step(`/api/v1/authn/factors/${id}/verify`, { stateToken: '00aaaaaaaa1' }, status, status === 200 ? tx(result, '00aaaaaaaa1', E, embedded) : { errorCode: 'E0000079' });

ruleTester(factorMismatch, {
  valid: [
    { name: 'verify an offered factor', steps: [required, verify('opf2BBBBBBBBBBB', 200)] },
    { name: 'verify by factor type', steps: [required, verify('push', 200, 'MFA_CHALLENGE', { factor: factor('opf2BBBBBBBBBBB', 'push') })] },
    { name: 'poll the challenged factor', steps: [required, verify('emf1AAAAAAAAAAA', 200), verify('emf1AAAAAAAAAAA', 200)] },
  ],
  invalid: [
    { name: 'verify a factor not offered, accepted', steps: [required, verify('sms9ZZZZZZZZZZZ', 200)], findings: [{ step: 2, messageId: 'notOffered', severity: 'high' }] },
    { name: 'switch factor inside a challenge, refused', steps: [required, verify('emf1AAAAAAAAAAA', 200), verify('opf2BBBBBBBBBBB', 403)], findings: [{ step: 3, messageId: 'notChallenged', severity: 'low' }] },
  ],
});
