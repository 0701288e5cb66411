import { pkceVerifierFormat } from '../../src/protocols/oauth/rules/pkce-verifier-format.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { authorize, codeGrant, token } from './support/oauth.js';

ruleTester(pkceVerifierFormat, {
  valid: [
    { name: 'RFC 7636 appendix B verifier (43 characters)', steps: [authorize(), token(codeGrant())] },
    { name: '128 unreserved characters', steps: [token(codeGrant({ code_verifier: 'a-._~'.repeat(25) + 'abc' }))] },
  ],
  invalid: [
    { name: '42 characters', steps: [token(codeGrant({ code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX' }))], findings: [{ step: 1, messageId: 'length' }] },
    { name: '129 characters', steps: [token(codeGrant({ code_verifier: 'ab'.repeat(64) + 'c' }))], findings: [{ step: 1, messageId: 'length' }] },
    { name: 'characters outside the unreserved set', steps: [token(codeGrant({ code_verifier: 'dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk=' }))], findings: [{ step: 1, messageId: 'charset' }] },
  ],
});
