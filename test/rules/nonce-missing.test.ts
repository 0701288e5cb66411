import { nonceMissing } from '../../src/protocols/oauth/rules/nonce-missing.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { STATE, authorize, jwt } from './support/oauth.js';

const idToken = jwt({ sub: '00u1' });

ruleTester(nonceMissing, {
  valid: [
    { name: 'code flow without nonce (optional there)', steps: [authorize({ nonce: undefined })] },
    { name: 'implicit with nonce', steps: [authorize({ response_type: 'id_token' }, { id_token: idToken, state: STATE })] },
  ],
  invalid: [
    { name: 'implicit id_token without nonce', steps: [authorize({ response_type: 'id_token', nonce: undefined }, { id_token: idToken, state: STATE })], findings: [{ step: 1, messageId: 'missing' }] },
    { name: 'hybrid code id_token without nonce', steps: [authorize({ response_type: 'code id_token', nonce: undefined })], findings: [{ step: 1, messageId: 'missing' }] },
  ],
});
