import { tokenInUrl } from '../../src/protocols/oauth/rules/token-in-url.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { AS, CODE, STATE, authorize, callback, codeGrant, token } from './support/oauth.js';

ruleTester(tokenInUrl, {
  valid: [
    { name: 'code in the callback query (response_mode=query)', steps: [authorize(), callback()] },
    { name: 'Referer with the code on the same origin', steps: [authorize(), callback(), token(codeGrant(), 200, undefined, { server: 'https://app.example.com/oauth2/default', headers: { referer: `https://app.example.com/callback?code=${CODE}&state=${STATE}` } })] },
  ],
  invalid: [
    { name: 'access_token in a query', steps: [step(`GET ${AS}/v1/userinfo?access_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2ln`, null, 200, { sub: '00u1' })], findings: [{ step: 1, messageId: 'tokenInQuery' }] },
    {
      name: 'Referer carrying the code to the authorization server',
      steps: [authorize(), callback(), token(codeGrant(), 200, undefined, { headers: { referer: `https://app.example.com/callback?code=${CODE}&state=${STATE}` } })],
      findings: [{ step: 3, messageId: 'credentialInReferer' }],
    },
  ],
});
