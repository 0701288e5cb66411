import type { Step } from '../../../model/transaction.js';
import type { Rule } from '../../../model/rule.js';
import { get, isOk, responseBody, str } from '../../common/body.js';

function isStepUp(step: Step): boolean {
  return step.operation === 'step-up' || get(responseBody(step), 'type') === 'SESSION_STEP_UP';
}

/** Bodies the evidence cut short cannot prove that a field is missing. */
function truncated(step: Step): boolean {
  return (step.exchange.notes ?? []).some((n) => /truncat|elided|cut/i.test(n));
}

export const successShape: Rule = {
  meta: {
    id: 'success-shape',
    severity: 'medium',
    summary: 'SUCCESS without sessionToken, a sessionToken on another status, or a stateToken on SUCCESS outside step-up',
    rationale:
      'Okta documents that a sessionToken appears only on SUCCESS and that SUCCESS carries no stateToken except in step-up (SESSION_STEP_UP). Another shape breaks clients and can leak a session-granting token where none is expected.',
    basis: 'documented',
    docs: 'docs/rules/success-shape.md',
    protocol: 'okta-authn',
    messages: {
      successWithoutSession:
        '{operation} answered SUCCESS without a sessionToken. Okta documents a sessionToken on SUCCESS outside step-up and account unlock: the client cannot create a session from this response.',
      sessionOnNonSuccess:
        '{operation} answered {status} with a sessionToken. Okta documents sessionToken only on SUCCESS: a session-granting token was issued before the transaction finished.',
      stateTokenOnSuccess:
        '{operation} answered SUCCESS and still carries a stateToken. Okta documents this only for step-up (type SESSION_STEP_UP): the transaction may stay usable after it ended.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const body = responseBody(step);
        if (!isOk(step) || !body || !step.responseStatus) return;
        const session = str(body.sessionToken);
        const data = { operation: step.operation, status: step.responseStatus };
        const evidence = { status: step.responseStatus, sessionToken: session !== null, stateToken: step.responseToken !== null, type: get(body, 'type') ?? null };
        if (step.responseStatus === 'SUCCESS') {
          // An unlock ends in SUCCESS without a session in Okta's unlock examples: the user signs in afterwards.
          const unlock = step.recoveryType === 'UNLOCK';
          if (!session && !isStepUp(step) && !unlock && !truncated(step)) context.report({ transaction: tx, step, messageId: 'successWithoutSession', data, evidence });
          if (step.responseToken && !isStepUp(step)) context.report({ transaction: tx, step, messageId: 'stateTokenOnSuccess', data, evidence });
        } else if (session) {
          context.report({ transaction: tx, step, messageId: 'sessionOnNonSuccess', data, evidence });
        }
      },
    };
  },
};
