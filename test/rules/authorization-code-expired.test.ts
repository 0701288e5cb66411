import { authorizationCodeExpired } from '../../src/protocols/oauth/rules/authorization-code-expired.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { CODE, INVALID_GRANT, STATE, authorize, callback, codeGrant, token } from './support/oauth.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, s)).toISOString();

ruleTester(authorizationCodeExpired, {
  valid: [
    { name: 'redeemed after 2 seconds', steps: [authorize({}, undefined, { at: at(0), ms: 100 }), token(codeGrant(), 200, undefined, { at: at(2) })] },
    { name: 'no times in the evidence', steps: [authorize(), token(codeGrant(), 400, INVALID_GRANT)] },
    { name: 'exactly 60 seconds after the response', steps: [authorize({}, undefined, { at: at(0), ms: 1000 }), token(codeGrant(), 200, undefined, { at: at(61) })] },
  ],
  invalid: [
    { name: 'redeemed 90 seconds later and refused', steps: [authorize({}, undefined, { at: at(0), ms: 100 }), token(codeGrant(), 400, INVALID_GRANT, { at: at(90) })], findings: [{ step: 2, messageId: 'late' }] },
    { name: 'redeemed 5 minutes later and accepted', steps: [authorize({}, undefined, { at: at(0) }), token(codeGrant(), 200, undefined, { at: new Date(Date.UTC(2026, 0, 5, 10, 5, 0)).toISOString() })], findings: [{ step: 2, messageId: 'late' }] },
    {
      name: 'code first seen at the callback (sign-in page in between), redeemed 2 minutes later',
      steps: [authorize({}, null, { at: at(0) }), callback({ code: CODE, state: STATE }, { at: at(30) }), token(codeGrant(), 400, INVALID_GRANT, { at: at(150) })],
      findings: [{ step: 3, messageId: 'late' }],
    },
  ],
});
