import type { Step } from '../../../model/transaction.js';
import type { Rule } from '../../../model/rule.js';
import { isOk, requestKeys } from '../../common/body.js';

/** Steps that prove the user is who they claim before a password reset (okta-authn.md section 4). */
function proof(step: Step, trustedToken: boolean): string | null {
  if (!isOk(step)) return null;
  if (step.operation === 'recovery.answer') return 'recovery question answered';
  if (step.operation === 'recovery.factors.verify') return 'recovery factor (SMS/call) verified';
  if (step.operation === 'primary' && requestKeys(step).includes('token')) return 'activation token';
  // An emailed recovery link proves mailbox ownership; a token the app fetched with SSWS proves nothing about the user.
  if (step.operation === 'recovery.token' && !trustedToken) return 'emailed recovery token';
  return null;
}

export const passwordResetWithoutProof: Rule = {
  meta: {
    id: 'password-reset-without-proof',
    severity: 'high',
    summary: 'PASSWORD_RESET reached with no recovery answer, recovery-factor verify or activation token before it',
    rationale:
      'Okta documents PASSWORD_RESET after a recovery answer, a verified recovery factor or an activation token. Reaching it without any of them lets whoever holds the transaction choose a password with no proof of identity.',
    basis: 'documented',
    docs: 'docs/rules/password-reset-without-proof.md',
    protocol: 'okta-authn',
    messages: {
      noProof:
        'The chain reached PASSWORD_RESET at {operation} with no proof of identity before it (no recovery answer, no verified recovery factor, no activation token{trusted}). Okta documents PASSWORD_RESET only after such a step (the direct /recovery/token -> PASSWORD_RESET edge is inferred): whoever holds this transaction can set the password.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // A recoveryToken a /recovery/password response handed to the app (trusted app, SSWS) is no user proof.
        const trustedToken = tx.steps.some((s) => isOk(s) && s.responseRecoveryToken !== null && (s.operation === 'recovery.password' || s.operation === 'recovery.unlock'));
        let proven = false;
        for (const step of tx.steps) {
          if (proof(step, trustedToken)) proven = true;
          if (!isOk(step) || step.responseStatus !== 'PASSWORD_RESET' || step.statusBefore === 'PASSWORD_RESET') continue;
          if (step.statusBefore === 'UNKNOWN' && step === tx.steps[0]) continue;
          if (!proven) {
            context.report({
              transaction: tx,
              step,
              messageId: 'noProof',
              data: { operation: step.operation, trusted: trustedToken ? '; the recoveryToken came from a trusted-app /recovery/password call' : '' },
              evidence: { operation: step.operation, statusBefore: step.statusBefore, trustedAppRecoveryToken: trustedToken, stepsBefore: tx.steps.filter((s) => s.step < step.step).map((s) => s.operation) },
            });
          }
        }
      },
    };
  },
};
