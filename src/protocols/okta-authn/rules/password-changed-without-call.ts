import type { Rule } from '../../../model/rule.js';
import { passwordMayAdvance } from '../expiry.js';
import { passwordAdvances } from '../steps.js';
import { isMfaState } from '../statuses.js';

export const passwordChangedWithoutCall: Rule = {
  meta: {
    id: 'password-changed-without-call',
    severity: 'medium',
    summary: 'passwordChanged changes with no reset, change or activation call in the chain',
    rationale:
      'Only reset_password, change_password and activation set a password inside an authn transaction. An advance elsewhere means the password was changed outside this flow while it ran, or the evidence mixes attempts.',
    basis: 'documented',
    docs: 'docs/rules/password-changed-without-call.md',
    protocol: 'okta-authn',
    messages: {
      changedWithoutCall:
        'passwordChanged moved from {before} (step {earlierStep}) to {after} at {operation}, and no reset_password, change_password or activation call in this chain explains it. Okta documents password changes only at those calls: the password was changed outside this flow, or the evidence mixes attempts.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        if (!passwordMayAdvance(tx.steps)) return;
        for (const a of passwordAdvances(tx.steps, { setterNeedsOk: false, regressionMovesStep: false })) {
          // Between two MFA states the finding belongs to password-changed-during-mfa (high).
          if (a.setterSince || (isMfaState(a.previous.status) && isMfaState(a.status))) continue;
          context.report({
            transaction: tx,
            step: a.step,
            messageId: 'changedWithoutCall',
            data: { before: a.previous.iso, earlierStep: a.previous.step, after: a.step.passwordChanged ?? '', operation: a.step.operation },
            evidence: { passwordChangedBefore: a.previous.iso, passwordChangedAfter: a.step.passwordChanged, operation: a.step.operation, previousStep: a.previous.step },
          });
        }
      },
    };
  },
};
