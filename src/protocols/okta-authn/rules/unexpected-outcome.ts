import type { Rule } from '../../../model/rule.js';
import { isOk, requestKeys } from '../../common/body.js';
import { allowedOutcomes, isJudgeable, transitionsFor } from '../transitions.js';
import { isModelled } from '../statuses.js';

export const unexpectedOutcome: Rule = {
  meta: {
    id: 'unexpected-outcome',
    severity: 'high',
    summary: 'an allowed operation answered 2xx with a status that is not among that transition\'s outcomes',
    rationale:
      'Each transition of the documented state machine has a fixed set of next statuses. Another status after a 2xx means the server took an undocumented edge, or the response was paired with the wrong request.',
    basis: 'documented',
    docs: 'docs/rules/unexpected-outcome.md',
    protocol: 'okta-authn',
    messages: {
      unexpected:
        '{operation} from {status} answered {after}, but the transition table ({rows}, basis {basis}) only allows {allowed}. Okta does not document this edge: the server took an undocumented path, or this response belongs to another request.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        if (!isOk(step) || !isJudgeable(step.statusBefore, step.operation)) return;
        const keys = requestKeys(step);
        const allowed = allowedOutcomes(step.statusBefore, step.operation, keys);
        if (allowed.length === 0) return;
        const after = step.responseStatus ?? (step.operation === 'cancel' ? 'CANCELLED' : null);
        // A status outside the vocabularies is unknown-status's finding; a 2xx without status says nothing.
        if (!after || !isModelled(after) || allowed.includes(after)) return;
        const rows = transitionsFor(step.statusBefore, step.operation, keys);
        context.report({
          transaction: tx,
          step,
          messageId: 'unexpected',
          data: {
            operation: step.operation,
            status: step.statusBefore,
            after,
            allowed: allowed.join(', '),
            rows: rows.map((r) => r.id).join('/'),
            basis: [...new Set(rows.flatMap((r) => r.basis))].join('+'),
          },
          evidence: { statusBefore: step.statusBefore, operation: step.operation, statusAfter: after, allowed: [...allowed], transitions: rows.map((r) => r.id) },
        });
      },
    };
  },
};
