import type { Rule } from '../../../model/rule.js';
import { endBefore, idx, is2xx } from '../chain.js';

export const idxHandleAfterEnd: Rule = {
  meta: {
    id: 'idx-handle-after-end',
    severity: 'high',
    summary: 'IDX stateHandle used again after the transaction ended (success, terminal response, tokens or cancel)',
    rationale:
      'A terminal response, a successWithInteractionCode/success, an accepted token exchange or a cancel ends the IDX transaction; the handle must not drive further remediations. If the server still accepts them, the state was not invalidated.',
    basis: 'sdk',
    docs: 'docs/rules/idx-handle-after-end.md',
    protocol: 'okta-idx',
    messages: {
      acceptedAfterEnd: '{operation} at step {step} used the transaction {end} at step {endStep}, and the server accepted it ({answer}): the ended state was still live.',
      refusedAfterEnd: '{operation} at step {step} used the transaction {end} at step {endStep}; the server refused it ({answer}), as it should.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const kind = idx(step).kind;
          // introspect and cancel after a terminal response are legitimate (okta-auth-js PR #1185); /token and redirect reuse have rules of their own.
          if (kind === 'introspect' || kind === 'token' || kind === 'redirect' || /\/cancel$/i.test(step.exchange.url.replace(/[?#].*$/, ''))) return;
          const end = endBefore(tx.steps, i);
          if (!end) return;
          const ok = is2xx(step);
          const how = end.statusAfter === 'CANCELLED' ? 'after it was cancelled' : `after it ended ${idx(end).responseClass}`;
          context.report({
            transaction: tx,
            step,
            messageId: ok ? 'acceptedAfterEnd' : 'refusedAfterEnd',
            severity: ok ? 'high' : 'low',
            subject: ok ? 'server' : 'client',
            data: { operation: step.operation, step: step.step, end: how, endStep: end.step, answer: `${step.httpStatus ?? 'no response'}${step.errorCode ? ` ${step.errorCode}` : ''}` },
            evidence: { endedAt: end.step, endedBy: idx(end).responseClass, statusAfterEnd: end.statusAfter, httpStatus: step.httpStatus, errorCode: step.errorCode },
          });
        });
      },
    };
  },
};
