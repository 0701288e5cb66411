import type { Rule } from '../../../model/rule.js';
import { clockAgrees, expiryBefore, timesOf } from '../expiry.js';
import { SKEW_MS, humanDuration } from '../../common/time.js';
import { tokenLabel, tokenRelation } from '../../common/tokens.js';

export const prematureInvalidation: Rule = {
  meta: {
    id: 'premature-invalidation',
    severity: 'medium',
    summary: '401 E0000011 "Invalid token provided" before the expiresAt Okta announced for that token',
    rationale:
      'A live, newest stateToken should work until its expiresAt. A 401 before it means the server revoked the transaction early (a parallel cancel, a new sign-in, a server-side limit) or the client sent a token it altered.',
    basis: 'documented',
    docs: 'docs/rules/premature-invalidation.md',
    protocol: 'okta-authn',
    messages: {
      invalidBeforeExpiry:
        'Okta rejected {token} with 401 E0000011 {early} before its expiresAt ({expiresAt}, announced at step {expiryStep}). Okta documents E0000011 for expired or invalid tokens; this one was neither stale nor expired, so the transaction was revoked early (a parallel cancel or sign-in, or an altered token).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // A clock that disagrees with Okta's is timeline-inconsistent's finding; comparing against it here would mislead.
        if (!clockAgrees(tx.steps)) return;
        tx.steps.forEach((step, i) => {
          if (step.httpStatus !== 401 || step.errorCode !== 'E0000011' || !step.requestToken) return;
          const started = timesOf(step).started;
          if (started === null) return;
          // Only the newest token of a live chain counts: stale or ended tokens are stale-state-token's case.
          const previous = tx.steps.slice(0, i).filter((s) => s.responseToken && s.httpStatus !== null && s.httpStatus < 300);
          const newest = previous[previous.length - 1];
          if (!newest || tokenRelation(newest.responseToken, step.requestToken) !== 'same') return;
          const ok = (s: (typeof tx.steps)[number]) => s.httpStatus !== null && s.httpStatus >= 200 && s.httpStatus < 300;
          // A cancelled or finished transaction's token is dead by design, whatever its expiresAt said.
          if (tx.steps.slice(0, i).some((s) => ok(s) && (s.operation === 'cancel' || (s.responseStatus === 'SUCCESS' && !s.responseToken)))) return;
          const expiry = expiryBefore(tx.steps, i, step.requestToken, 'state');
          if (!expiry || started >= expiry.ms - SKEW_MS) return;
          context.report({
            transaction: tx,
            step,
            messageId: 'invalidBeforeExpiry',
            data: { token: tokenLabel(step.requestToken) ?? '', early: humanDuration(expiry.ms - started), expiresAt: expiry.iso, expiryStep: expiry.step },
            evidence: { token: tokenLabel(step.requestToken), startedAt: step.exchange.startedAt, expiresAt: expiry.iso, expiryStep: expiry.step, errorCode: step.errorCode },
          });
        });
      },
    };
  },
};
