import { clientSecretAuth } from '../../src/protocols/oauth/rules/client-secret-auth.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { codeGrant, token } from './support/oauth.js';

ruleTester(clientSecretAuth, {
  valid: [
    { name: 'public client with PKCE', steps: [token(codeGrant())] },
    { name: 'private_key_jwt', steps: [token(codeGrant({ client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIwb2ExIn0.c2ln' }))] },
  ],
  invalid: [
    { name: 'client_secret in the body', steps: [token(codeGrant({ client_secret: 'secret-value-123' }))], findings: [{ step: 1, messageId: 'secret' }] },
    { name: 'Basic authorization header', steps: [token(codeGrant({ client_id: undefined }), 200, undefined, { headers: { authorization: 'Basic MG9hMWNsaWVudDpzZWNyZXQ=' } })], findings: [{ step: 1, messageId: 'secret' }] },
  ],
});
