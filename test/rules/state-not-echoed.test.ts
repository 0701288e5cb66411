import { stateNotEchoed } from '../../src/protocols/oauth/rules/state-not-echoed.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { CODE, STATE, authorize, callback, codeGrant, token } from './support/oauth.js';

ruleTester(stateNotEchoed, {
  valid: [
    { name: 'state echoed in the Location and the callback', steps: [authorize(), callback(), token(codeGrant())] },
    { name: 'error response echoes the state', steps: [authorize({}, { error: 'access_denied', state: STATE }), callback({ error: 'access_denied', state: STATE })] },
  ],
  invalid: [
    { name: 'the server returned another state', steps: [authorize({}, { code: CODE, state: 'other-state-value' })], findings: [{ step: 1, messageId: 'changed' }] },
    { name: 'the server dropped the state', steps: [authorize({}, { code: CODE })], findings: [{ step: 1, messageId: 'dropped' }] },
    {
      name: 'the callback arrived with another state',
      steps: [authorize(), callback({ code: CODE, state: 'forged-state-9999' })],
      findings: [{ step: 2, messageId: 'changed' }],
    },
  ],
});
