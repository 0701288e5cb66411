import { pkceMissing } from '../../src/protocols/oauth/rules/pkce-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { authorize, codeGrant, token } from './support/oauth.js';

const noPkce = { code_challenge: undefined, code_challenge_method: undefined };

ruleTester(pkceMissing, {
  valid: [
    { name: 'code flow with an S256 challenge', steps: [authorize(), token(codeGrant())] },
    { name: 'implicit flow has no code to protect', steps: [authorize({ ...noPkce, response_type: 'id_token' }, { id_token: 'x', state: 'af0ifjsldkj-state-1' })] },
  ],
  invalid: [
    { name: 'confidential client without PKCE', steps: [authorize(noPkce), token(codeGrant({ code_verifier: undefined, client_secret: 'secret-value-123' }))], findings: [{ step: 1, messageId: 'missing' }] },
    { name: 'public client without PKCE', steps: [authorize(noPkce), token(codeGrant({ code_verifier: undefined }))], findings: [{ step: 1, messageId: 'missingPublic', severity: 'high' }] },
    { name: 'authorize alone without PKCE', steps: [authorize(noPkce)], findings: [{ step: 1, messageId: 'missing' }] },
  ],
});
