import { createHash } from 'node:crypto';
import type { Rule } from '../../../model/rule.js';
import { parseStoredVerifier } from '../../../redact/oauth-evidence.js';
import { parseTokenRef, sameToken } from '../../../redact/token.js';
import { idx, is2xx } from '../chain.js';

/** A verifier authtrail can hash: seen in clear (a --raw capture), not redacted or masked. */
function clear(value: string | null): string | null {
  const ref = parseTokenRef(value);
  return ref && !ref.masked ? value : null;
}

/**
 * Redacted by authtrail, a verifier is stored as its S256 challenge masked like the challenge itself, so the
 * two fingerprints are equal exactly when the pair matches. Masked by anyone else, nothing can be compared.
 */
function redactedMismatch(verifier: string, challenge: string): boolean {
  const stored = parseStoredVerifier(verifier);
  const v = stored && parseTokenRef(stored.maskedChallenge);
  const c = parseTokenRef(challenge);
  if (!v?.fp || !c?.fp) return false;
  return !sameToken(v, c);
}

export const idxPkceMissing: Rule = {
  meta: {
    id: 'idx-pkce-missing',
    severity: 'high',
    summary: 'interaction_code exchanged without a PKCE verifier, with a verifier that does not match, or /interact without S256',
    rationale:
      'The Interaction Code grant is bound to the client by PKCE: /interact sends the S256 code_challenge, /token the code_verifier. Without the verifier (or with one that does not hash to the challenge) a stolen code can be redeemed by anyone.',
    basis: 'documented',
    docs: 'docs/rules/idx-pkce-missing.md',
    protocol: 'okta-idx',
    messages: {
      noVerifier: 'The interaction_code was exchanged without a code_verifier and the server answered {status}.',
      mismatch: 'The code_verifier sent to /token does not hash (S256) to the code_challenge sent to /interact at step {interactStep}; the server answered {status}.',
      notS256: '/interact was called with {challenge}: PKCE without S256 lets anyone who sees the challenge compute the verifier.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const interact = tx.steps.find((s) => idx(s).kind === 'interact') ?? null;
        for (const step of tx.steps) {
          const data = idx(step);
          if (data.kind === 'interact' && data.codeChallengeMethod !== 'S256') {
            const challenge = data.codeChallenge ? `code_challenge_method=${data.codeChallengeMethod ?? 'absent (plain)'}` : 'no code_challenge';
            context.report({ transaction: tx, step, messageId: 'notS256', severity: 'medium', subject: 'client', data: { challenge }, evidence: { codeChallenge: data.codeChallenge !== null, method: data.codeChallengeMethod } });
          }
          if (data.kind !== 'token') continue;
          const status = step.httpStatus ?? 'nothing';
          if (!data.codeVerifier) {
            context.report({ transaction: tx, step, messageId: 'noVerifier', severity: is2xx(step) ? 'high' : 'medium', subject: is2xx(step) ? 'server' : 'client', data: { status }, evidence: { grantType: data.grantType, httpStatus: step.httpStatus } });
            continue;
          }
          const verifier = clear(data.codeVerifier);
          const challenge = interact ? idx(interact).codeChallenge : null;
          if (!challenge || idx(interact!).codeChallengeMethod !== 'S256') continue;
          if (verifier ? createHash('sha256').update(verifier, 'ascii').digest('base64url') !== challenge : redactedMismatch(data.codeVerifier, challenge)) {
            context.report({ transaction: tx, step, messageId: 'mismatch', severity: is2xx(step) ? 'high' : 'low', subject: is2xx(step) ? 'server' : 'client', data: { interactStep: interact!.step, status }, evidence: { interactStep: interact!.step, httpStatus: step.httpStatus } });
          }
        }
      },
    };
  },
};
