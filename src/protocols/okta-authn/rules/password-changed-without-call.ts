import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { setsPassword } from '../steps.js';
import { toMs } from '../../common/time.js';
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
        let latest = null as { ms: number; iso: string; status: string; step: number } | null;
        let setterSince = false;
        for (const step of tx.steps) {
          if (setsPassword(step)) setterSince = true;
          const ms = toMs(step.passwordChanged);
          if (ms === null || !isOk(step)) continue;
          const status = step.responseStatus ?? step.statusAfter;
          // Between two MFA states the finding belongs to password-changed-during-mfa (high).
          const duringMfa = latest !== null && isMfaState(latest.status) && isMfaState(status);
          if (latest && ms > latest.ms && !setterSince && !duringMfa) {
            context.report({
              transaction: tx,
              step,
              messageId: 'changedWithoutCall',
              data: { before: latest.iso, earlierStep: latest.step, after: step.passwordChanged ?? '', operation: step.operation },
              evidence: { passwordChangedBefore: latest.iso, passwordChangedAfter: step.passwordChanged, operation: step.operation, previousStep: latest.step },
            });
          }
          if (!latest || ms >= latest.ms) latest = { ms, iso: step.passwordChanged!, status, step: step.step };
          else if (latest) latest = { ms: latest.ms, iso: latest.iso, status, step: latest.step };
          setterSince = false;
        }
      },
    };
  },
};
