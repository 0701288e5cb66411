import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { setsPassword } from '../steps.js';
import { toMs } from '../../common/time.js';
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
        let latest = null as { ms: number; iso: string; status: string; step: number } | null;
        let setterSince = false;
        for (const step of tx.steps) {
          if (setsPassword(step) && isOk(step)) setterSince = true;
          const ms = toMs(step.passwordChanged);
          if (ms === null || !isOk(step)) continue;
          const status = step.responseStatus ?? step.statusAfter;
          if (latest && ms > latest.ms && !setterSince && isMfaState(latest.status) && isMfaState(status)) {
            context.report({
              transaction: tx,
              step,
              messageId: 'advancedDuringMfa',
              data: { before: latest.iso, after: step.passwordChanged ?? '', fromStatus: latest.status, toStatus: status, earlierStep: latest.step },
              evidence: { passwordChangedBefore: latest.iso, passwordChangedAfter: step.passwordChanged, statusBefore: latest.status, statusAfter: status, previousStep: latest.step },
            });
          }
          if (!latest || ms >= latest.ms) latest = { ms, iso: step.passwordChanged!, status, step: step.step };
          else if (latest) latest = { ms: latest.ms, iso: latest.iso, status, step: step.step };
          setterSince = false;
        }
      },
    };
  },
};
