import type { Rule } from '../../../model/rule.js';
import { authorizeOf, isOk, tokenSteps } from '../flow.js';

export const pkceDowngrade: Rule = {
  meta: {
    id: 'pkce-downgrade',
    severity: 'high',
    summary: 'a code_verifier accepted at /token for a code whose authorize request had no code_challenge',
    rationale:
      'RFC 9700 §4.8 (PKCE downgrade): a server that accepts a code_verifier when the authorization request had no challenge lets an attacker strip PKCE from the front channel; §2.1.1 asks servers to refuse it.',
    basis: 'documented',
    docs: 'docs/rules/pkce-downgrade.md',
    protocol: 'oauth',
    messages: {
      downgrade: 'Step {step} sent a code_verifier and the server answered {httpStatus}, but the authorize request (step {authorizeStep}) carried no code_challenge: the PKCE downgrade of RFC 9700 §4.8.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        if (!authorize || authorize.oauth.codeChallenge) return;
        for (const step of tokenSteps(tx, 'authorization_code')) {
          if (!step.oauth.verifierSent || !isOk(step)) continue;
          context.report({ transaction: tx, step, messageId: 'downgrade', data: { step: step.step, authorizeStep: authorize.step, httpStatus: step.httpStatus ?? 0 }, evidence: { codeChallenge: null, verifierSent: true, httpStatus: step.httpStatus } });
        }
      },
    };
  },
};
