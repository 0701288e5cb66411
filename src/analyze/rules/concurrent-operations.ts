import type { Step } from '../../model/transaction.js';
import type { Rule } from './types.js';
import { operationInfo } from '../../model/okta/operations.js';
import { toMs } from './util/time.js';
import { sameToken, tokenLabel } from './util/tokens.js';

function window(step: Step): { start: number; end: number } | null {
  const start = toMs(step.exchange.startedAt);
  if (start === null || step.exchange.durationMs === null) return null;
  return { start, end: start + step.exchange.durationMs };
}

export const concurrentOperations: Rule = {
  meta: {
    id: 'concurrent-operations',
    severity: 'medium',
    summary: 'two state-changing requests on one stateToken were in flight at the same time',
    rationale:
      'The authn transaction is a server-side state machine; two state-changing calls racing on one token (a double-submitted form, a poll racing a verify) can leave the client and the server in different states. Okta does not document how it serialises them.',
    basis: 'documented',
    docs: 'docs/rules/concurrent-operations.md',
    messages: {
      overlapping:
        '{operation} (this step) started while step {otherStep} ({otherOperation}) on the same token {token} was still in flight ({overlap} ms overlap). Okta does not document how concurrent calls on one transaction are ordered: the client may act on a state the server has already left.',
    },
  },
  check(context) {
    for (const tx of context.transactions) {
      const timed = tx.steps.filter((s) => s.requestToken && !operationInfo(s.operation).readOnly && window(s) !== null);
      for (let j = 1; j < timed.length; j++) {
        const b = timed[j];
        const wb = window(b)!;
        const a = timed.slice(0, j).find((s) => sameToken(s.requestToken, b.requestToken) && window(s)!.end > wb.start && window(s)!.start <= wb.start);
        if (!a) continue;
        const wa = window(a)!;
        context.report({
          transaction: tx,
          step: b,
          messageId: 'overlapping',
          data: { operation: b.operation, otherStep: a.step, otherOperation: a.operation, token: tokenLabel(b.requestToken) ?? '', overlap: Math.round(Math.min(wa.end, wb.end) - wb.start) },
          evidence: { token: tokenLabel(b.requestToken), step: { startedAt: b.exchange.startedAt, durationMs: b.exchange.durationMs }, other: { step: a.step, startedAt: a.exchange.startedAt, durationMs: a.exchange.durationMs } },
        });
      }
    }
  },
};
