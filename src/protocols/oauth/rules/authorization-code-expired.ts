import type { Rule } from '../../../model/rule.js';
import { humanDuration, toMs } from '../../common/time.js';
import { answer, authorizeOf, oauthSteps, tokenSteps } from '../flow.js';

/** Okta: "The code has a lifetime of 60 seconds" (OIDC reference, /authorize response). */
const CODE_LIFETIME_MS = 60_000;

export const authorizationCodeExpired: Rule = {
  meta: {
    id: 'authorization-code-expired',
    severity: 'low',
    summary: 'an authorization code redeemed more than 60 seconds after it was issued',
    rationale:
      'RFC 6749 §4.1.2 asks for short-lived codes (10 minutes at most); Okta issues them for 60 seconds. A late exchange explains an invalid_grant, and one accepted late means a longer lifetime than documented.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/authorization-code-expired.md',
    protocol: 'oauth',
    messages: {
      late: 'The code issued (or first seen) at step {issuedStep} was redeemed {elapsed} later at step {step} (answer {answer}); Okta codes live 60 seconds.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // Issued by the authorize response, or (Okta's hosted sign-in redirects from elsewhere) first seen at the callback.
        const authorize = authorizeOf(tx);
        const source = authorize?.oauth.response?.code ? authorize : oauthSteps(tx, 'callback').find((s) => s.oauth.code);
        const start = toMs(source?.exchange.startedAt);
        if (!source || start === null) return;
        const issued = start + (source === authorize ? (source.exchange.durationMs ?? 0) : 0);
        for (const step of tokenSteps(tx, 'authorization_code')) {
          const at = toMs(step.exchange.startedAt);
          if (at === null || at - issued <= CODE_LIFETIME_MS) continue;
          context.report({ transaction: tx, step, messageId: 'late', data: { issuedStep: source.step, step: step.step, elapsed: humanDuration(at - issued), answer: answer(step) }, evidence: { issuedAt: new Date(issued).toISOString(), redeemedAt: step.exchange.startedAt, lifetimeSeconds: 60 } });
        }
      },
    };
  },
};
