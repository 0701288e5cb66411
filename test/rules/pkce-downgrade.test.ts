import { pkceDowngrade } from '../../src/protocols/oauth/rules/pkce-downgrade.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { INVALID_GRANT, authorize, codeGrant, token } from './support/oauth.js';

const noPkce = { code_challenge: undefined, code_challenge_method: undefined };

ruleTester(pkceDowngrade, {
  valid: [
    { name: 'challenge and verifier', steps: [authorize(), token(codeGrant())] },
    { name: 'verifier without challenge refused', steps: [authorize(noPkce), token(codeGrant(), 400, INVALID_GRANT)] },
    { name: 'neither challenge nor verifier', steps: [authorize(noPkce), token(codeGrant({ code_verifier: undefined }))] },
  ],
  invalid: [
    { name: 'verifier accepted without challenge', steps: [authorize(noPkce), token(codeGrant())], findings: [{ step: 2, messageId: 'downgrade' }] },
    { name: 'downgrade with another verifier', steps: [authorize(noPkce), token(codeGrant({ code_verifier: 'k9'.repeat(25) }))], findings: [{ step: 2, messageId: 'downgrade' }] },
  ],
});
