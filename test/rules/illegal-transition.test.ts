import { illegalTransition } from '../../src/protocols/okta-authn/rules/illegal-transition.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, links, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const NOT_ALLOWED = { errorCode: 'E0000079', errorSummary: 'This operation is not allowed in the current authentication state.', errorCauses: [] };
const answer = step('/api/v1/authn/recovery/answer', { stateToken: '00aaaaaaaa1', answer: 'blue' }, 200, tx('PASSWORD_RESET', '00aaaaaaaa1', E, {}, { _links: links('next=/api/v1/authn/credentials/reset_password', 'cancel') }));
const required = step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, tx('MFA_REQUIRED', '00aaaaaaaa1', E, { factors: [factor('emf1')] }));

ruleTester(illegalTransition, {
  valid: [
    { name: 'reset after PASSWORD_RESET', steps: [answer, step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, tx('SUCCESS', null, E, {}, { sessionToken: 'x' }))] },
    { name: 'get state is always allowed', steps: [required, step('/api/v1/authn', { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_REQUIRED', '00aaaaaaaa1', E))] },
    {
      name: 'get state after a step-up SUCCESS',
      steps: [
        step('/api/v1/authn', { stateToken: '00aaaaaaaa1', username: 'isaac@example.org', password: 'p' }, 200, tx('SUCCESS', '00bbbbbbbb2', E, {}, { type: 'SESSION_STEP_UP' })),
        step('/api/v1/authn', { stateToken: '00bbbbbbbb2' }, 200, tx('SUCCESS', '00bbbbbbbb2', E, {}, { type: 'SESSION_STEP_UP' })),
      ],
    },
    {
      // The verify's answer is not in the evidence (a body not captured or not printed): where it left the
      // transaction is unknown, so the next call is not judged as if it were still in MFA_REQUIRED.
      name: 'a 200 whose body the evidence lacks leaves the status unknown, not the one before it',
      steps: [
        required,
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, 200, null),
        step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, tx('SUCCESS', null, E, {}, { sessionToken: 'x' })),
      ],
    },
    { name: 'other errors are not judged', steps: [required, step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 401, { errorCode: 'E0000011' })] },
  ],
  invalid: [
    {
      name: 'verify in PASSWORD_RESET rejected with E0000079',
      steps: [answer, step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, 403, NOT_ALLOWED)],
      findings: [{ step: 2, messageId: 'rejected', severity: 'info' }],
    },
    {
      name: 'reset_password in MFA_REQUIRED accepted',
      steps: [required, step('/api/v1/authn/credentials/reset_password', { stateToken: '00aaaaaaaa1', newPassword: 'x' }, 200, tx('SUCCESS', null, E, {}, { sessionToken: 'x' }))],
      findings: [{ step: 2, messageId: 'accepted', severity: 'high' }],
    },
  ],
});
