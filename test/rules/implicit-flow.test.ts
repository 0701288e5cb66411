import { implicitFlow } from '../../src/protocols/oauth/rules/implicit-flow.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { STATE, authorize, jwt } from './support/oauth.js';

ruleTester(implicitFlow, {
  valid: [
    { name: 'code flow', steps: [authorize()] },
    { name: 'id_token only (no access token in the front channel)', steps: [authorize({ response_type: 'id_token' }, { id_token: jwt({ sub: '00u1' }), state: STATE })] },
  ],
  invalid: [
    { name: 'response_type token', steps: [authorize({ response_type: 'token' }, { access_token: 'at-1234567890', state: STATE })], findings: [{ step: 1, messageId: 'implicit' }] },
    { name: 'response_type id_token token', steps: [authorize({ response_type: 'id_token token' })], findings: [{ step: 1, messageId: 'implicit' }] },
  ],
});
