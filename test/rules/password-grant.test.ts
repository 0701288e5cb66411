import { passwordGrant } from '../../src/protocols/oauth/rules/password-grant.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { INVALID_GRANT, codeGrant, token } from './support/oauth.js';

ruleTester(passwordGrant, {
  valid: [
    { name: 'authorization code grant', steps: [token(codeGrant())] },
    { name: 'client credentials grant', steps: [token({ grant_type: 'client_credentials', scope: 'api', client_id: '0oa2svc', client_secret: 'secret-value-123' })] },
  ],
  invalid: [
    { name: 'ROPC accepted', steps: [token({ grant_type: 'password', username: 'ann@example.com', password: 'Hunter22!', client_id: '0oa1client', scope: 'openid' })], findings: [{ step: 1, messageId: 'ropc' }] },
    { name: 'ROPC refused', steps: [token({ grant_type: 'password', username: 'ann@example.com', password: 'wrong-pass', client_id: '0oa1client' }, 400, INVALID_GRANT)], findings: [{ step: 1, messageId: 'ropc' }] },
  ],
});
