import { identityMismatch } from '../../src/protocols/okta-authn/rules/identity-mismatch.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const required = (email: string) => step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, tx('MFA_REQUIRED', '00aaaaaaaa1', E, { factors: [factor('emf5tbsuofo*********', 'email', { email })] }));
const challenge = (email: string, id = 'emf5tbsuofo*********') => step(`/api/v1/authn/factors/${id}/verify`, { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', E, { factor: factor(id, 'email', { email }) }));

ruleTester(identityMismatch, {
  valid: [
    { name: 'same masking', steps: [required('r...s@email.com'), challenge('r...s@email.com')] },
    { name: 'clear and masked agree', steps: [required('rachel.jones@email.com'), challenge('r...s@email.com')] },
    {
      name: 'another user is user-switch, not a profile mismatch',
      steps: [required('r...s@email.com'), { ...challenge('m...y@email.com'), responseBody: tx('MFA_CHALLENGE', '00aaaaaaaa1', E, { user: { id: '00uOTHERUSER00000000', profile: { login: 'mary@example.org', firstName: 'Mary' } } }) }],
    },
    { name: 'different factors may differ', steps: [required('r...s@email.com'), challenge('x...y@other.com', 'emfOTHERFACTOR1***')] },
  ],
  invalid: [
    { name: 'devforum: email vs hotmail', steps: [required('r...s@email.com'), challenge('r...s@hotmail.com')], findings: [{ step: 2, messageId: 'maskedDisagree' }] },
    { name: 'clear values differ', steps: [required('rachel@email.com'), challenge('mary@email.com')], findings: [{ step: 2, messageId: 'clearDisagree' }] },
  ],
});
