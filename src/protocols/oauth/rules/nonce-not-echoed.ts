import type { Rule } from '../../../model/rule.js';
import { authorizeOf, oauthSteps, responseTypes } from '../flow.js';

export const nonceNotEchoed: Rule = {
  meta: {
    id: 'nonce-not-echoed',
    severity: 'high',
    summary: 'an id_token whose nonce claim differs from the nonce of the authorize request, or lacks it',
    rationale:
      'OIDC Core §3.1.3.7 (ID Token validation): when the request sent a nonce, the id_token MUST carry the same value and the client MUST check it. High for front-channel id_tokens (implicit, hybrid), medium for the code flow.',
    basis: 'documented',
    docs: 'docs/rules/nonce-not-echoed.md',
    protocol: 'oauth',
    messages: {
      mismatch: 'The id_token of step {step} carries nonce {claim}, but the authorize request (step {authorizeStep}) sent {sent} (OIDC Core §3.1.3.7).',
      absent: 'The id_token of step {step} carries no nonce, but the authorize request (step {authorizeStep}) sent {sent} (OIDC Core §3.1.3.7).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const sent = authorize?.oauth.nonce;
        if (!authorize || !sent) return;
        const frontChannel = responseTypes(authorize.oauth).some((t) => t === 'id_token' || t === 'token');
        for (const step of oauthSteps(tx)) {
          const claims = step.oauth.idTokenClaims;
          if (!claims || claims.nonce === sent) continue;
          const claim = typeof claims.nonce === 'string' ? claims.nonce : null;
          // OIDC Core §12.2: an id_token from a refresh SHOULD NOT carry a nonce; only a different one is wrong.
          if (!claim && step.oauth.grantType === 'refresh_token') continue;
          context.report({
            transaction: tx,
            step,
            messageId: claim ? 'mismatch' : 'absent',
            severity: frontChannel ? 'high' : 'medium',
            data: { step: step.step, authorizeStep: authorize.step, sent, ...(claim ? { claim } : {}) },
            evidence: { sent, idTokenNonce: claims.nonce ?? null, responseType: authorize.oauth.responseType },
          });
        }
      },
    };
  },
};
