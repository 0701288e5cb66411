import type { Placed, Rule } from '../../../model/rule.js';
import { sameToken } from '../../../redact/token.js';
import { idx } from '../chain.js';

export const idxSuccessRedirectReuse: Rule = {
  meta: {
    id: 'idx-success-redirect-reuse',
    severity: 'medium',
    summary: 'hosted /login/token/redirect requested twice with one stateToken, or after a terminal response',
    rationale:
      'In Okta-hosted flows the success form sends the browser once to /login/token/redirect?stateToken=…, which answers with the authorization code. A second request with the same stateToken, or one after the transaction ended in a terminal response, replays a finished sign-in.',
    basis: 'sdk',
    docs: 'docs/rules/idx-success-redirect-reuse.md',
    protocol: 'okta-idx',
    messages: {
      redirectTwice: '/login/token/redirect was requested again with the stateToken already redeemed at step {firstStep} of {firstTx}; the server answered {status}.',
      redirectAfterTerminal: '/login/token/redirect was requested after the transaction ended in {end} at step {endStep}; the server answered {status}.',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const done: Placed[] = [];
        for (const placed of unit) {
          const { tx, step } = placed;
          if (idx(step).kind !== 'redirect') continue;
          const handle = idx(step).requestHandle;
          const first = handle ? done.find((p) => sameToken(idx(p.step).requestHandle, handle)) : undefined;
          const status = step.httpStatus ?? 'nothing';
          if (first) {
            context.report({ transaction: tx, step, messageId: 'redirectTwice', data: { firstStep: first.step.step, firstTx: first.tx.id, status }, evidence: { firstUse: { transaction: first.tx.id, step: first.step.step }, httpStatus: step.httpStatus } });
          } else {
            const before = tx.steps.slice(0, tx.steps.indexOf(step));
            const end = before.find((s) => ['TERMINAL_ERROR', 'TERMINAL_INFO'].includes(idx(s).responseClass));
            if (end) context.report({ transaction: tx, step, messageId: 'redirectAfterTerminal', data: { end: idx(end).responseClass, endStep: end.step, status }, evidence: { endedAt: end.step, httpStatus: step.httpStatus } });
          }
          done.push(placed);
        }
      },
    };
  },
};
