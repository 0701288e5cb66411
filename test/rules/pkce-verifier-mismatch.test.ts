import { describe, expect, it } from 'vitest';
import { s256 } from '../../src/redact/oauth-evidence.js';
import { pkceVerifierMismatch } from '../../src/protocols/oauth/rules/pkce-verifier-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { CHALLENGE, INVALID_GRANT, VERIFIER, authorize, codeGrant, token } from './support/oauth.js';

describe('S256 (RFC 7636 appendix B)', () => {
  it('hashes the appendix verifier to the appendix challenge', () => {
    expect(s256(VERIFIER)).toBe(CHALLENGE);
  });
});

const OTHER = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

ruleTester(pkceVerifierMismatch, {
  valid: [
    { name: 'appendix B verifier against its S256 challenge', steps: [authorize(), token(codeGrant())] },
    { name: 'plain challenge equal to the verifier', steps: [authorize({ code_challenge: VERIFIER, code_challenge_method: 'plain' }), token(codeGrant())] },
    { name: 'masked verifier in the evidence cannot be judged', steps: [authorize(), token(codeGrant({ code_verifier: 'dBjftJ****' }))] },
  ],
  invalid: [
    { name: 'another verifier accepted', steps: [authorize(), token(codeGrant({ code_verifier: OTHER }))], findings: [{ step: 2, messageId: 'mismatchAccepted' }] },
    { name: 'another verifier refused with invalid_grant', steps: [authorize(), token(codeGrant({ code_verifier: OTHER }), 400, INVALID_GRANT)], findings: [{ step: 2, messageId: 'mismatchRejected', severity: 'info' }] },
    { name: 'plain challenge that is not the verifier', steps: [authorize({ code_challenge: OTHER, code_challenge_method: 'plain' }), token(codeGrant())], findings: [{ step: 2, messageId: 'mismatchAccepted' }] },
  ],
});
