import { idxPkceMissing } from '../../src/protocols/okta-idx/rules/idx-pkce-missing.js';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { openStore } from '../../src/store/store.js';
import { ingestRaw } from '../helpers/flow.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { VERIFIER, answer, call, flow, identify, res, tokenCall } from './support/idx-steps.js';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const interact = (pkce: string) => call('/oauth2/v1/interact', `client_id=0ZczewGCFPlxNYYcLq5i&scope=openid&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1${pkce}`, 200, { interaction_handle: 'ih-1234567890' });
const introspect = () => call('/idp/idx/introspect', { interactionHandle: 'ih-1234567890' }, 200, res('01'));
const token = (verifier: string | null) => tokenCall({ verifier, path: '/oauth2/v1/token' });
const flowWith = (pkce: string, verifier: string | null) => [(flow(), interact(pkce)), introspect(), identify(), answer('Secret-pass-1', res('03')), token(verifier)];
const S256 = `&code_challenge=${CHALLENGE}&code_challenge_method=S256`;

ruleTester(idxPkceMissing, {
  valid: [{ name: 'S256 challenge and its verifier', steps: flowWith(S256, VERIFIER) }],
  invalid: [
    { name: 'token without a verifier', steps: flowWith(S256, null), findings: [{ step: 5, messageId: 'noVerifier' }] },
    { name: 'plain challenge at /interact', steps: flowWith(`&code_challenge=${VERIFIER}&code_challenge_method=plain`, VERIFIER), findings: [{ step: 1, messageId: 'notS256', severity: 'medium' }] },
    { name: 'token without a verifier, refused', steps: [...flowWith(S256, null).slice(0, 4), { ...token(null), responseStatus: 400, responseBody: { error: 'invalid_grant', error_description: 'PKCE verification failed.' } }], findings: [{ step: 5, messageId: 'noVerifier', severity: 'medium' }] },
  ],
});

// On a --raw capture the verifier is hashed; redacted, it is stored as its masked S256 challenge and compared so.
describe.each([['a raw capture', true], ['a redacted capture', false]])('idx-pkce-missing on %s', (_name, raw) => {
  const run = async (verifier: string) => {
    const store = openStore(':memory:');
    try {
      await ingestRaw(store, flowWith(S256, verifier), 'http', raw);
      return analyze(store.exchanges(), store.captures(), { rules: [idxPkceMissing] }).findings.map((f) => ({ step: f.step, messageId: f.messageId, severity: f.severity }));
    } finally {
      store.close();
    }
  };
  it('the RFC 7636 verifier matches its challenge', async () => {
    expect(await run(VERIFIER)).toEqual([]);
  });
  it('another verifier does not', async () => {
    expect(await run('Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5')).toEqual([{ step: 5, messageId: 'mismatch', severity: 'high' }]);
  });
});
