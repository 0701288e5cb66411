import { stateMissing } from '../../src/protocols/oauth/rules/state-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { authorize, callback, CODE } from './support/oauth.js';

ruleTester(stateMissing, {
  valid: [{ name: 'state sent', steps: [authorize()] }],
  invalid: [
    { name: 'no state, S256 PKCE', steps: [authorize({ state: undefined }, { code: CODE }), callback({ code: CODE, state: '' })], findings: [{ step: 1, messageId: 'missing', severity: 'low' }] },
    { name: 'no state and no PKCE', steps: [authorize({ state: undefined, code_challenge: undefined, code_challenge_method: undefined }, { code: CODE })], findings: [{ step: 1, messageId: 'missing' }] },
    { name: 'no state and a plain challenge', steps: [authorize({ state: undefined, code_challenge_method: 'plain' }, { code: CODE })], findings: [{ step: 1, messageId: 'missing' }] },
  ],
});
