import type { Rule } from '../../../model/rule.js';
import { parseTokenRef, sameToken } from '../../../redact/token.js';
import { answer, authorizeOf, isOk, tokenSteps } from '../flow.js';

export const pkceVerifierMismatch: Rule = {
  meta: {
    id: 'pkce-verifier-mismatch',
    severity: 'high',
    summary: 'the code_verifier at /token does not hash to the code_challenge of the authorize request',
    rationale:
      'RFC 7636 §4.6: the server recomputes the challenge from the verifier and must refuse a mismatch (invalid_grant). A refused mismatch is a client bug (info); an accepted one means the server does not enforce PKCE (high).',
    basis: 'documented',
    docs: 'docs/rules/pkce-verifier-mismatch.md',
    protocol: 'oauth',
    messages: {
      mismatchAccepted: 'The code_verifier sent at step {step} does not match the code_challenge of step {authorizeStep} ({method}), yet the server answered {answer}: PKCE was not enforced (RFC 7636 §4.6).',
      mismatchRejected: 'The code_verifier sent at step {step} does not match the code_challenge of step {authorizeStep} ({method}); the server answered {answer}, as RFC 7636 §4.6 requires. The client sent the verifier of another flow.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const challenge = authorize?.oauth.codeChallenge;
        if (!authorize || !challenge) return;
        const method = (authorize.oauth.codeChallengeMethod ?? 'plain').toUpperCase() === 'S256' ? 'S256' : 'plain';
        // The verifier's digest and the verifier are stored masked like the challenge: a pair that matches is equal.
        const expected = parseTokenRef(challenge);
        for (const step of tokenSteps(tx, 'authorization_code')) {
          const v = step.oauth.verifier;
          const sent = method === 'S256' ? v?.s256 : v?.plain;
          if (!v || !sent || sameToken(parseTokenRef(sent), expected)) continue;
          const ok = isOk(step);
          context.report({
            transaction: tx,
            step,
            messageId: ok ? 'mismatchAccepted' : 'mismatchRejected',
            severity: ok ? 'high' : 'info',
            data: { step: step.step, authorizeStep: authorize.step, method, answer: answer(step) },
            evidence: { codeChallenge: challenge, method, verifierS256: v.s256, verifierMatchesChallenge: false, httpStatus: step.httpStatus, error: step.errorCode },
          });
        }
      },
    };
  },
};
