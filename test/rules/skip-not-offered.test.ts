import { skipNotOffered } from '../../src/protocols/okta-authn/rules/skip-not-offered.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, links, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const enroll = (...rels: string[]) => step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, tx('MFA_ENROLL', '00aaaaaaaa1', E, { factors: [factor('sms')] }, { _links: links(...rels) }));
const skip = (status: number) => step('/api/v1/authn/skip', { stateToken: '00aaaaaaaa1' }, status, status === 200 ? tx('SUCCESS', null, E, {}, { sessionToken: 'x' }) : { errorCode: 'E0000079' });

ruleTester(skipNotOffered, {
  valid: [
    { name: 'skip offered', steps: [enroll('skip', 'cancel'), skip(200)] },
    { name: 'links not in the evidence', steps: [{ ...enroll(), responseBody: tx('MFA_ENROLL', '00aaaaaaaa1', E) }, skip(200)] },
  ],
  invalid: [
    { name: 'skip to SUCCESS without a link', steps: [enroll('cancel'), skip(200)], findings: [{ step: 2, messageId: 'skipAccepted', severity: 'high' }] },
    { name: 'skip refused', steps: [enroll('cancel'), skip(403)], findings: [{ step: 2, messageId: 'skipRejected', severity: 'medium' }] },
  ],
});
