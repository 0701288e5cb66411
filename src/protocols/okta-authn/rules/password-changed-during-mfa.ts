import type { Rule } from '../../../model/rule.js';
import { passwordMayAdvance } from '../expiry.js';
import { passwordAdvances } from '../steps.js';
import { isMfaState } from '../statuses.js';

export const passwordChangedDuringMfa: Rule = {
  meta: {
    id: 'password-changed-during-mfa',
    severity: 'high',
    summary: 'passwordChanged advances between two MFA-state responses with no reset/change call between them',
    rationale:
      'While a transaction waits for a second factor nothing in it can change the password. An advance there means the password was changed elsewhere (another session, an admin, an API call) during the flow, or the evidence mixes attempts.',
    basis: 'documented',
    docs: 'docs/rules/password-changed-during-mfa.md',
    protocol: 'okta-authn',
    messages: {
      advancedDuringMfa:
        'passwordChanged advanced from {before} to {after} while the transaction was in {fromStatus} -> {toStatus}, and no reset_password/change_password call happened in this chain since step {earlierStep}. Okta documents no call that changes the password inside MFA: it was changed elsewhere during the flow, or the evidence mixes attempts.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        if (!passwordMayAdvance(tx.steps)) return;
        for (const a of passwordAdvances(tx.steps, { setterNeedsOk: true, regressionMovesStep: true })) {
          if (a.setterSince || !isMfaState(a.previous.status) || !isMfaState(a.status)) continue;
          context.report({
            transaction: tx,
            step: a.step,
            messageId: 'advancedDuringMfa',
            data: { before: a.previous.iso, after: a.step.passwordChanged ?? '', fromStatus: a.previous.status, toStatus: a.status, earlierStep: a.previous.step },
            evidence: { passwordChangedBefore: a.previous.iso, passwordChangedAfter: a.step.passwordChanged, statusBefore: a.previous.status, statusAfter: a.status, previousStep: a.previous.step },
          });
        }
      },
    };
  },
};
