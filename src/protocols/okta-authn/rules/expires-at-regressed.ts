import type { Step } from '../../../model/transaction.js';
import { timesOf } from '../expiry.js';
import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { humanDuration } from '../../common/time.js';
import { sameToken, tokenLabel } from '../../common/tokens.js';

export const expiresAtRegressed: Rule = {
  meta: {
    id: 'expires-at-regressed',
    severity: 'medium',
    summary: 'expiresAt moves backwards between consecutive responses that carry the same stateToken',
    rationale:
      'Okta slides expiresAt forward on every request of a transaction. A later response for the same token with an earlier expiry means the responses belong to different attempts or the evidence was edited.',
    basis: 'evidence',
    docs: 'docs/rules/expires-at-regressed.md',
    protocol: 'okta-authn',
    messages: {
      regressed:
        'expiresAt went back by {delta} for the same stateToken {token}: {after} here, {before} at step {earlierStep}. Okta documents that expiresAt slides forward on each request, so these responses cannot come from one run in this order.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // Only responses carrying a stateToken are compared: a recoveryToken's expiry (often an hour) and a
        // rotated token's fresh expiry are different clocks.
        let previous: Step | null = null;
        for (const step of tx.steps) {
          if (!isOk(step) || !step.responseToken) continue;
          const ms = timesOf(step).expires;
          if (ms === null) continue;
          const prevMs = previous ? timesOf(previous).expires : null;
          if (previous && prevMs !== null && sameToken(previous.responseToken, step.responseToken) && ms < prevMs - 999) {
            context.report({
              transaction: tx,
              step,
              messageId: 'regressed',
              data: {
                delta: humanDuration(prevMs - ms),
                token: tokenLabel(step.responseToken) ?? '',
                after: step.expiresAt ?? '',
                before: previous.expiresAt ?? '',
                earlierStep: previous.step,
              },
              evidence: { token: tokenLabel(step.responseToken), expiresAt: step.expiresAt, previousExpiresAt: previous.expiresAt, previousStep: previous.step },
            });
          }
          previous = step;
        }
      },
    };
  },
};
