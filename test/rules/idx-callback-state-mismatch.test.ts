import { idxCallbackStateMismatch } from '../../src/protocols/okta-idx/rules/idx-callback-state-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { call, flow, identify, res } from './support/idx-steps.js';

const interact = (state: string) => call('/oauth2/v1/interact', `client_id=0ZczewGCFPlxNYYcLq5i&scope=openid&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=${state}`, 200, { interaction_handle: 'ih-1234567890' });
const echoing = (state: string | null) => ({ ...res('01'), ...(state ? { authentication: { type: 'object', value: { protocol: 'OAUTH2.0', request: { state, response_type: 'code', redirect_uri: 'https://app.example/cb' } } } } : {}) });
const introspect = (state: string | null) => call('/idp/idx/introspect', { interactionHandle: 'ih-1234567890' }, 200, echoing(state));

ruleTester(idxCallbackStateMismatch, {
  valid: [
    { name: 'state echoed as sent', steps: [(flow(), interact('st-1')), introspect('st-1'), identify()] },
    { name: 'no authentication object', steps: [(flow(), interact('st-1')), introspect(null), identify()] },
  ],
  invalid: [
    { name: 'introspect echoes another state', steps: [(flow(), interact('st-1')), introspect('st-evil'), identify()], findings: [{ step: 2, messageId: 'stateMismatch' }] },
    { name: 'a later response echoes another state', steps: [(flow(), interact('st-1')), introspect('st-1'), { ...identify(), responseBody: { ...res('02'), authentication: echoing('st-2').authentication } }], findings: [{ step: 3, messageId: 'stateMismatch' }] },
  ],
});
