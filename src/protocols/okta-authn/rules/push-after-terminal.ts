import type { Step } from '../../../model/transaction.js';
import type { Rule } from '../../../model/rule.js';
import { isOk, requestKeys } from '../../common/body.js';
import { CREDENTIAL_KEYS } from '../operations.js';
import { TERMINAL_FACTOR_RESULTS } from '../statuses.js';

/** A step that legitimately starts a new challenge after a rejected or timed-out push. */
function restarts(step: Step): boolean {
  if (['factors.verify.resend', 'factors.resend', 'previous'].includes(step.operation)) return true;
  if (step.operation === 'factors.verify' && step.statusBefore === 'MFA_REQUIRED') return true;
  if (requestKeys(step).some((k) => CREDENTIAL_KEYS.includes(k))) return true;
  return isOk(step) && (step.factorResult === 'WAITING' || step.factorResult === 'CHALLENGE');
}

export const pushAfterTerminal: Rule = {
  meta: {
    id: 'push-after-terminal',
    severity: 'medium',
    summary: 'SUCCESS after a push was REJECTED or TIMEOUT, with no new verify in between',
    rationale:
      'Okta documents REJECTED and TIMEOUT as final for a push challenge: the user must resend (verify/resend) or pick another factor. SUCCESS on the same challenge means a rejected push was later accepted.',
    basis: 'documented',
    docs: 'docs/rules/push-after-terminal.md',
    protocol: 'okta-authn',
    messages: {
      successAfterTerminal:
        'This response is SUCCESS although the push was {result} at step {terminalStep} and no new challenge (resend, previous, another factor) was started since. Okta documents {result} as final for that challenge: a rejected or expired push ended up accepted.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        let terminal: Step | null = null;
        for (const step of tx.steps) {
          if (isOk(step) && step.factorResult && TERMINAL_FACTOR_RESULTS.includes(step.factorResult)) {
            terminal = step;
            continue;
          }
          if (!terminal) continue;
          if (isOk(step) && step.responseStatus === 'SUCCESS') {
            context.report({
              transaction: tx,
              step,
              messageId: 'successAfterTerminal',
              data: { result: terminal.factorResult ?? '', terminalStep: terminal.step },
              evidence: { terminalStep: terminal.step, factorResult: terminal.factorResult, operation: step.operation },
            });
            terminal = null;
          } else if (restarts(step)) terminal = null;
        }
      },
    };
  },
};
