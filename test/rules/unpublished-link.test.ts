import { unpublishedLink } from '../../src/protocols/okta-authn/rules/unpublished-link.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, links, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const required = step('/api/v1/authn', { username: 'isaac@example.org', password: 'Secret-pass-1' }, 200, tx('MFA_REQUIRED', '00aaaaaaaa1', E, { factors: [factor('emf1AAAAAAAAAAA')] }, { _links: links('cancel') }));
const call = (path: string) => step(path, { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', E));

ruleTester(unpublishedLink, {
  valid: [
    { name: 'per-factor verify link, other case and query string', steps: [required, call('/api/v1/authn/factors/emf1AAAAAAAAAAA/verify?rememberDevice=true')] },
    { name: 'cancel published', steps: [required, call('/api/v1/authn/cancel')] },
    { name: 'no _links in the evidence: silent', steps: [{ ...required, responseBody: tx('MFA_REQUIRED', '00aaaaaaaa1', E) }, call('/api/v1/authn/previous')] },
  ],
  invalid: [
    { name: 'previous not published in MFA_REQUIRED', steps: [required, call('/api/v1/authn/previous')], findings: [{ step: 2, messageId: 'notPublished' }] },
    { name: 'hand-built factor URL', steps: [required, call('/api/v1/authn/factors/sms9ZZZZZZZZZZZ/verify')], findings: [{ step: 2, messageId: 'notPublished' }] },
  ],
});
