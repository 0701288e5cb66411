import { idxInteractionCodeReuse } from '../../src/protocols/okta-idx/rules/idx-interaction-code-reuse.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, call, flow, identify, introspect, res } from './support/idx-steps.js';

const CODE = 'o9lcUQyfC0u6htHRipWDLtDG5vJc8sLK7ptqI8isQ-Q';
const tokens = { token_type: 'Bearer', expires_in: 3600, access_token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' };
const invalidGrant = { error: 'invalid_grant', error_description: 'The interaction code is invalid or has expired.' };
const token = (status: number, code = CODE) => call('/oauth2/auszsfkYrgGCTilsV2o4/v1/token', `grant_type=interaction_code&client_id=0ZczewGCFPlxNYYcLq5i&interaction_code=${code}&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk`, status, status === 200 ? tokens : invalidGrant);
const signIn = () => [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))];

ruleTester(idxInteractionCodeReuse, {
  valid: [
    { name: 'one exchange', steps: [...signIn(), token(200)] },
    { name: 'a refused exchange, then none', steps: [...signIn(), token(400)] },
  ],
  invalid: [
    { name: 'exchanged twice, both accepted', steps: [...signIn(), token(200), token(200)], findings: [{ step: 5, messageId: 'reusedAccepted' }] },
    { name: 'replay refused with invalid_grant', steps: [...signIn(), token(200), token(400)], findings: [{ step: 5, messageId: 'reusedRefused', severity: 'medium' }] },
  ],
});
