import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { clockAgrees, expiryBefore, timesOf } from '../expiry.js';
import { SKEW_MS, humanDuration } from '../../common/time.js';
import { tokenLabel } from '../../common/tokens.js';

export const expiredStateToken: Rule = {
  meta: {
    id: 'expired-state-token',
    severity: 'info',
    summary: 'a request was sent after the last expiresAt announced for its token (plus clock-skew tolerance)',
    rationale:
      'Okta documents that an expired token gets 401 E0000011 on any operation. A rejection is the user being too slow (info); a 2xx after the announced expiry means the token outlived its documented lifetime (high).',
    basis: 'documented',
    docs: 'docs/rules/expired-state-token.md',
    protocol: 'okta-authn',
    messages: {
      rejectedAfterExpiry:
        'This request used {token} {late} after its expiresAt ({expiresAt}, announced at step {expiryStep}) and Okta answered {answer}. This is the documented behaviour: the transaction expired; the user must start again.',
      acceptedAfterExpiry:
        'This request used {token} {late} after its expiresAt ({expiresAt}, announced at step {expiryStep}), yet Okta answered {answer}. Okta documents 401 E0000011 for an expired token: the token outlived its announced lifetime.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // A clock that disagrees with Okta's is timeline-inconsistent's finding; comparing against it here would mislead.
        if (!clockAgrees(tx.steps)) return;
        tx.steps.forEach((step, i) => {
          const started = timesOf(step).started;
          if (started === null) return;
          const token = step.requestToken ?? step.requestRecoveryToken;
          if (!token) return;
          const expiry = expiryBefore(tx.steps, i, token, step.requestToken ? 'state' : 'recovery');
          if (!expiry || started <= expiry.ms + SKEW_MS) return;
          const ok = isOk(step);
          const answer = `${step.httpStatus ?? 'no response'}${step.errorCode ? ` ${step.errorCode}` : ''}`;
          context.report({
            transaction: tx,
            step,
            messageId: ok ? 'acceptedAfterExpiry' : 'rejectedAfterExpiry',
            severity: ok ? 'high' : 'info',
            data: { token: tokenLabel(token) ?? '', late: humanDuration(started - expiry.ms), expiresAt: expiry.iso, expiryStep: expiry.step, answer },
            evidence: { token: tokenLabel(token), startedAt: step.exchange.startedAt, expiresAt: expiry.iso, expiryStep: expiry.step, httpStatus: step.httpStatus, errorCode: step.errorCode },
          });
        });
      },
    };
  },
};
