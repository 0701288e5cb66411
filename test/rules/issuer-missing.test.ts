import { issuerMissing } from '../../src/protocols/oauth/rules/issuer-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { AS, CODE, STATE, authorize } from './support/oauth.js';

const OTHER = 'https://idp.partner.example/oauth2/aus9partner';
const S2 = 'second-flow-state';

ruleTester(issuerMissing, {
  valid: [
    { name: 'one authorization server', steps: [authorize(), authorize({ state: S2 }, { code: 'Code-Two-22222', state: S2 })] },
    { name: 'two servers, both responses carry iss', steps: [authorize({}, { code: CODE, state: STATE, iss: AS }), authorize({ state: S2 }, { code: 'Code-Two-22222', state: S2, iss: OTHER }, { server: OTHER })] },
  ],
  invalid: [
    { name: 'two servers, no iss anywhere', steps: [authorize(), authorize({ state: S2 }, { code: 'Code-Two-22222', state: S2 }, { server: OTHER })], findings: [{ tx: 1, step: 1, messageId: 'noIss' }, { tx: 2, step: 1, messageId: 'noIss' }] },
    { name: 'two servers, one without iss', steps: [authorize({}, { code: CODE, state: STATE, iss: AS }), authorize({ state: S2 }, { code: 'Code-Two-22222', state: S2 }, { server: OTHER })], findings: [{ tx: 2, step: 1, messageId: 'noIss' }] },
  ],
});
