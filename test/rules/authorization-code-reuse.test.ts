import { authorizationCodeReuse } from '../../src/protocols/oauth/rules/authorization-code-reuse.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { INVALID_GRANT, authorize, codeGrant, token } from './support/oauth.js';

ruleTester(authorizationCodeReuse, {
  valid: [
    { name: 'redeemed once', steps: [authorize(), token(codeGrant())] },
    { name: 'two flows, two codes', steps: [authorize(), token(codeGrant()), authorize({ state: 'second-state-xyz' }, { code: 'Other-Code-4444', state: 'second-state-xyz' }), token(codeGrant({ code: 'Other-Code-4444' }))] },
    { name: 'the same code in two pastes', steps: [token(codeGrant()), token(codeGrant(), 200, undefined, { group: 'g2' })] },
  ],
  invalid: [
    { name: 'second use refused', steps: [authorize(), token(codeGrant()), token(codeGrant(), 400, INVALID_GRANT)], findings: [{ step: 3, messageId: 'reusedRejected', severity: 'medium' }] },
    { name: 'second use accepted', steps: [authorize(), token(codeGrant()), token(codeGrant())], findings: [{ step: 3, messageId: 'reusedAccepted' }] },
  ],
});
