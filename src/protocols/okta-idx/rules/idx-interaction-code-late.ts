import type { Rule } from '../../../model/rule.js';
import { sameToken } from '../../../redact/token.js';
import { humanDuration, toMs } from '../../common/time.js';
import { idx, is2xx } from '../chain.js';

/** Okta: "The Interaction Code has a maximum lifetime of 60 seconds." */
export const CODE_LIFETIME_MS = 60_000;

export const idxInteractionCodeLate: Rule = {
  meta: {
    id: 'idx-interaction-code-late',
    severity: 'low',
    summary: 'interaction_code exchanged more than 60 s after the response that issued it',
    rationale:
      'Okta gives the interaction code a maximum lifetime of 60 seconds. An exchange later than that should fail with invalid_grant; a late exchange that succeeds, or a client that routinely waits, points at a slow or replaying client.',
    basis: 'documented',
    docs: 'docs/rules/idx-interaction-code-late.md',
    protocol: 'okta-idx',
    messages: {
      lateExchange: 'The interaction_code issued at step {issuedStep} was exchanged {late} later (lifetime 60 s); the server answered {status}.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const code = idx(step).kind === 'token' ? idx(step).interactionCode : null;
          const at = toMs(step.exchange.startedAt);
          if (!code || at === null) return;
          const issuer = tx.steps.slice(0, i).reverse().find((s) => sameToken(idx(s).issuedInteractionCode, code));
          const issuedAt = issuer ? toMs(issuer.exchange.startedAt) : null;
          if (!issuer || issuedAt === null) return;
          const gap = at - (issuedAt + (issuer.exchange.durationMs ?? 0));
          if (gap <= CODE_LIFETIME_MS) return;
          context.report({
            transaction: tx,
            step,
            messageId: 'lateExchange',
            severity: is2xx(step) ? 'low' : 'info',
            data: { issuedStep: issuer.step, late: humanDuration(gap), status: step.httpStatus ?? 'nothing' },
            evidence: { issuedAtStep: issuer.step, gapMs: gap, lifetimeMs: CODE_LIFETIME_MS, httpStatus: step.httpStatus },
          });
        });
      },
    };
  },
};
