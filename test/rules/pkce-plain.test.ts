import { pkcePlain } from '../../src/protocols/oauth/rules/pkce-plain.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { VERIFIER, authorize, codeGrant, token } from './support/oauth.js';

ruleTester(pkcePlain, {
  valid: [
    { name: 'S256', steps: [authorize(), token(codeGrant())] },
    { name: 'S256 spelled in lower case', steps: [authorize({ code_challenge_method: 's256' })] },
  ],
  invalid: [
    { name: 'plain method', steps: [authorize({ code_challenge: VERIFIER, code_challenge_method: 'plain' }), token(codeGrant())], findings: [{ step: 1, messageId: 'plain' }] },
    { name: 'no method means plain (RFC 7636 §4.3)', steps: [authorize({ code_challenge: VERIFIER, code_challenge_method: undefined })], findings: [{ step: 1, messageId: 'absent' }] },
  ],
});
