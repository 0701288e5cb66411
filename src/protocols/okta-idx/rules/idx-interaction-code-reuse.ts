import type { Placed, Rule } from '../../../model/rule.js';
import { sameToken, tokenLabel } from '../../../redact/token.js';
import { idx, is2xx } from '../chain.js';

export const idxInteractionCodeReuse: Rule = {
  meta: {
    id: 'idx-interaction-code-reuse',
    severity: 'high',
    summary: 'the same interaction_code sent to /token more than once',
    rationale:
      'An interaction_code is a one-time authorization grant: RFC 6749 says a code MUST NOT be used more than once and the server MUST deny a second use. A second exchange is a replay (or a client bug); a second success means the grant was not single-use.',
    basis: 'documented',
    docs: 'docs/rules/idx-interaction-code-reuse.md',
    protocol: 'okta-idx',
    messages: {
      reusedAccepted: 'interaction_code {code} was already exchanged at step {firstStep} of {firstTx}, and this second exchange was answered {answer}: the code was redeemed twice.',
      reusedRefused: 'interaction_code {code} was already exchanged at step {firstStep} of {firstTx}; the second exchange was refused ({answer}), as RFC 6749 requires. The client replayed the code.',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const seen: Placed[] = [];
        for (const placed of unit) {
          const code = idx(placed.step).kind === 'token' ? idx(placed.step).interactionCode : null;
          if (!code) continue;
          const first = seen.find((p) => sameToken(idx(p.step).interactionCode, code));
          if (!first) {
            seen.push(placed);
            continue;
          }
          const ok = is2xx(placed.step);
          context.report({
            transaction: placed.tx,
            step: placed.step,
            messageId: ok ? 'reusedAccepted' : 'reusedRefused',
            severity: ok ? 'high' : 'medium',
            // Refused as RFC 6749 requires: the client's repeat, not Okta's behaviour.
            subject: ok ? 'server' : 'client',
            data: { code: tokenLabel(code) ?? '', firstStep: first.step.step, firstTx: first.tx.id, answer: `${placed.step.httpStatus ?? 'nothing'}${placed.step.errorCode ? ` ${placed.step.errorCode}` : ''}` },
            evidence: { code: tokenLabel(code), firstUse: { transaction: first.tx.id, step: first.step.step, httpStatus: first.step.httpStatus }, httpStatus: placed.step.httpStatus },
          });
        }
      },
    };
  },
};
