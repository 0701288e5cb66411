import type { Rule } from '../../../model/rule.js';
import { accepted, idx } from '../chain.js';
import { PASSWORD_WRITING, VERIFYING } from '../steps.js';

/** Whether the step's accepted POST wrote a password: a reset/reenroll remediation, or enrolling the password authenticator. */
export function writesPassword(step: Parameters<typeof idx>[0]): boolean {
  const i = idx(step);
  if (!i.taken) return false;
  return PASSWORD_WRITING.has(i.taken) || (i.taken === 'enroll-authenticator' && i.authenticator?.type === 'password');
}

export const idxResetCommittedBeforeMfa: Rule = {
  meta: {
    id: 'idx-reset-committed-before-mfa',
    severity: 'low',
    summary: 'IDX reset-authenticator accepted while sign-in still offered another authenticator to verify',
    rationale:
      'In Identity Engine the password is committed when the reset-authenticator POST is accepted; an authenticator challenge offered by that response gates only the sign-in. If it is abandoned or fails, the password was changed with the recovery factors alone.',
    basis: 'inferred',
    docs: 'docs/rules/idx-reset-committed-before-mfa.md',
    protocol: 'okta-idx',
    messages: {
      committedThenVerified:
        '{remediation} was accepted and its response still offers {next}: the new password was committed before that authenticator was verified. The chain reached {success} at step {successStep}, so the sign-in factor was completed afterwards.',
      committedMfaAbandoned:
        '{remediation} was accepted and its response still offers {next}, and the chain never reaches success in this evidence: the password was changed, and the sign-in authenticator after it was abandoned (or not captured). The new password stays in place.',
      committedMfaFailed:
        '{remediation} was accepted and its response still offers {next}, then the chain ended {end} at step {endStep}: the password was changed although the sign-in authenticator that followed was never verified.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          if (!writesPassword(step) || !accepted(step)) return;
          const next = idx(step).remediations.filter((r) => VERIFYING.has(r));
          if (next.length === 0) return;
          const later = tx.steps.slice(i + 1);
          const success = later.find((s) => ['SUCCESS_PENDING_EXCHANGE', 'SUCCESS_REDIRECT', 'TOKENS'].includes(idx(s).responseClass)) ?? null;
          const failed = success ? null : later.find((s) => s.statusAfter === 'CANCELLED' || idx(s).responseClass === 'TERMINAL_ERROR') ?? null;
          const messageId = success ? 'committedThenVerified' : failed ? 'committedMfaFailed' : 'committedMfaAbandoned';
          context.report({
            transaction: tx,
            step,
            messageId,
            severity: success ? 'low' : 'medium',
            data: {
              remediation: idx(step).taken ?? step.operation,
              next: next.join(', '),
              success: success ? idx(success).responseClass : '',
              successStep: success?.step ?? '',
              end: failed ? (failed.statusAfter === 'CANCELLED' ? 'cancelled' : `in ${failed.errorCode ?? 'a terminal error'}`) : '',
              endStep: failed?.step ?? '',
            },
            evidence: { remediation: idx(step).taken, offeredAfter: idx(step).remediations, successStep: success?.step ?? null, endedAtStep: failed?.step ?? null },
          });
        });
      },
    };
  },
};
