import type { Rule } from '../../../model/rule.js';
import { isOk, requestKeys } from '../../common/body.js';
import { operationInfo } from '../operations.js';
import { allowedOutcomes, isJudgeable, operationsFrom } from '../transitions.js';

export const illegalTransition: Rule = {
  meta: {
    id: 'illegal-transition',
    severity: 'high',
    summary: 'an operation that the transition table does not allow in the current status',
    rationale:
      'Okta documents 403 E0000079 for a call not allowed in the current state. When Okta rejects it, the client is wrong (info); when Okta answers 2xx, the server left its documented state machine (high).',
    basis: 'documented',
    docs: 'docs/rules/illegal-transition.md',
    protocol: 'okta-authn',
    messages: {
      rejected:
        '{operation} is not allowed in {status} (allowed there: {allowed}) and Okta answered 403 E0000079, as documented. The client called an operation the previous response did not offer.',
      accepted:
        '{operation} is not allowed in {status} (allowed there: {allowed}), yet Okta answered {httpStatus} and moved to {after}. Okta documents 403 E0000079 for this: the server accepted a transition outside its documented state machine.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        // Reading the state moves nothing; a read on a finished transaction is stale-state-token's concern.
        if (!isJudgeable(step.statusBefore, step.operation) || operationInfo(step.operation).readOnly) return;
        if (allowedOutcomes(step.statusBefore, step.operation, requestKeys(step)).length > 0) return;
        const ok = isOk(step);
        if (!ok && step.errorCode !== 'E0000079') return;
        const allowed = operationsFrom(step.statusBefore).join(', ') || 'only calls that start a new transaction';
        context.report({
          transaction: tx,
          step,
          messageId: ok ? 'accepted' : 'rejected',
          severity: ok ? 'high' : 'info',
          data: { operation: step.operation, status: step.statusBefore, allowed, httpStatus: step.httpStatus ?? '', after: step.statusAfter },
          evidence: { statusBefore: step.statusBefore, operation: step.operation, httpStatus: step.httpStatus, errorCode: step.errorCode, statusAfter: step.statusAfter },
        });
      },
    };
  },
};
