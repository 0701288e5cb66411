import { idxInteractionCodeUnknown } from '../../src/protocols/okta-idx/rules/idx-interaction-code-unknown.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, call, flow, identify, introspect, res } from './support/idx-steps.js';

const ISSUED = 'o9lcUQyfC0u6htHRipWDLtDG5vJc8sLK7ptqI8isQ-Q';
const OTHER = 'Zk3pQw8TnVb2LmXc7RyHs4JdFa9GeUo1IiKtPzNqWxE';
const token = (code: string, status = 200) => call('/oauth2/auszsfkYrgGCTilsV2o4/v1/token', `grant_type=interaction_code&client_id=0ZczewGCFPlxNYYcLq5i&interaction_code=${code}&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`, status, status === 200 ? { token_type: 'Bearer', access_token: 'eyJ.e30.sig' } : { error: 'invalid_grant' });
const signIn = () => [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))];

ruleTester(idxInteractionCodeUnknown, {
  valid: [
    { name: 'the issued code is exchanged', steps: [...signIn(), token(ISSUED)] },
    { name: 'evidence holds only the exchange', steps: [(flow(), token(OTHER))] },
  ],
  invalid: [
    { name: 'another code is exchanged and accepted', steps: [...signIn(), token(OTHER)], findings: [{ tx: 2, step: 1, messageId: 'unknownCode' }] },
    { name: 'another code is exchanged and refused', steps: [...signIn(), token(OTHER, 400)], findings: [{ tx: 2, step: 1, messageId: 'unknownCode', severity: 'medium' }] },
  ],
});
