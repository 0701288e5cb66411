import { idxInteractionCodeLate } from '../../src/protocols/okta-idx/rules/idx-interaction-code-late.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, call, flow, identify, introspect, res } from './support/idx-steps.js';

const CODE = 'o9lcUQyfC0u6htHRipWDLtDG5vJc8sLK7ptqI8isQ-Q';
const token = (seconds: number, status = 200) => call('/oauth2/auszsfkYrgGCTilsV2o4/v1/token', `grant_type=interaction_code&client_id=0ZczewGCFPlxNYYcLq5i&interaction_code=${CODE}&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`, status, status === 200 ? { token_type: 'Bearer', access_token: 'eyJ.e30.sig' } : { error: 'invalid_grant', error_description: 'The interaction code is invalid or has expired.' }, seconds);
// The success response is at 2 s.
const signIn = () => [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))];

ruleTester(idxInteractionCodeLate, {
  valid: [
    { name: 'exchanged within a second', steps: [...signIn(), token(3)] },
    { name: 'exchanged at 59 s', steps: [...signIn(), token(61)] },
  ],
  invalid: [
    { name: 'exchanged after 2 minutes, accepted', steps: [...signIn(), token(122)], findings: [{ step: 4, messageId: 'lateExchange' }] },
    { name: 'exchanged after 2 minutes, refused', steps: [...signIn(), token(122, 400)], findings: [{ step: 4, messageId: 'lateExchange', severity: 'info' }] },
  ],
});
