import { successShape } from '../../src/protocols/okta-authn/rules/success-shape.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const verify = (body: Record<string, unknown>) => step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, 200, body);

ruleTester(successShape, {
  valid: [
    { name: 'SUCCESS with sessionToken', steps: [verify(tx('SUCCESS', null, E, {}, { sessionToken: '20111c-rqAF0iA3z2apKbk8JiM2uH652yPsQjqi7hBEdpe' }))] },
    { name: 'step-up SUCCESS keeps its stateToken', steps: [step('/api/v1/authn', { stateToken: '00aaaaaaaa1', username: 'isaac@example.org', password: 'p' }, 200, tx('SUCCESS', '00bbbbbbbb2', E, {}, { type: 'SESSION_STEP_UP' }))] },
    { name: 'unlock SUCCESS without a session', steps: [step('/api/v1/authn/recovery/factors/sms/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, 200, tx('SUCCESS', null, E, {}, { recoveryType: 'UNLOCK' }))] },
    { name: 'MFA_CHALLENGE without sessionToken', steps: [verify(tx('MFA_CHALLENGE', '00aaaaaaaa1', E))] },
  ],
  invalid: [
    { name: 'SUCCESS without sessionToken', steps: [verify(tx('SUCCESS', null, E))], findings: [{ step: 1, messageId: 'successWithoutSession' }] },
    { name: 'sessionToken on MFA_CHALLENGE', steps: [verify(tx('MFA_CHALLENGE', '00aaaaaaaa1', E, {}, { sessionToken: 'abcdefghijkl' }))], findings: [{ step: 1, messageId: 'sessionOnNonSuccess' }] },
    { name: 'SUCCESS keeps the stateToken outside step-up', steps: [verify(tx('SUCCESS', '00aaaaaaaa1', E, {}, { sessionToken: 'abcdefghijkl' }))], findings: [{ step: 1, messageId: 'stateTokenOnSuccess' }] },
  ],
});
