import type { Rule } from '../../../model/rule.js';
import type { Step } from '../../../model/transaction.js';
import { accepted, idx } from '../chain.js';

/** Answers that prove the recovery authenticator: an OTP, a security answer, an approved poll. */
const VERIFIES = new Set(['challenge-authenticator', 'authenticator-verification-data', 'challenge-poll', 'currentAuthenticatorEnrollment-poll', 'currentAuthenticator-poll']);
const STARTS_RECOVERY = (s: Step) => /-recover$/.test(idx(s).taken ?? '') || idx(s).taken === 'identify-recovery' || s.operation === 'recover';

export const idxResetWithoutVerification: Rule = {
  meta: {
    id: 'idx-reset-without-verification',
    severity: 'high',
    summary: 'IDX reset-authenticator accepted with no recovery authenticator verified since recovery began',
    rationale:
      'Identity Engine offers reset-authenticator only after the recovery authenticator (email, SMS, security question) was verified. An accepted reset with no accepted challenge answer since the recover action means the proof of possession was skipped.',
    basis: 'sdk',
    docs: 'docs/rules/idx-reset-without-verification.md',
    protocol: 'okta-idx',
    messages: {
      noVerification:
        'reset-authenticator was accepted at step {step}, and no challenge answer was accepted since recovery began at step {since}: the password was reset without the recovery authenticator being verified in this evidence.',
      recoveryToken:
        'reset-authenticator was accepted at step {step} with no challenge answered since step {since}; the transaction began with a recovery_token at /interact, which proves possession out of band (an emailed or admin-issued link).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const steps = tx.steps;
        steps.forEach((step, i) => {
          if (idx(step).taken !== 'reset-authenticator' || !accepted(step)) return;
          let since = -1;
          for (let j = i - 1; j >= 0; j--) if (STARTS_RECOVERY(steps[j])) { since = j; break; }
          // Evidence that starts mid-flow cannot show what was verified before it.
          if (since < 0 && !['interact', 'introspect'].includes(idx(steps[0]).kind)) return;
          const from = Math.max(since, 0);
          const proof = steps.slice(from, i).some((s) => VERIFIES.has(idx(s).taken ?? '') && accepted(s));
          if (proof) return;
          const token = steps.some((s) => idx(s).recoveryToken);
          context.report({
            transaction: tx,
            step,
            messageId: token ? 'recoveryToken' : 'noVerification',
            severity: token ? 'info' : 'high',
            data: { step: step.step, since: steps[from].step },
            evidence: { resetStep: step.step, recoveryFrom: steps[from].step, takenSince: steps.slice(from, i).map((s) => idx(s).taken ?? s.operation), recoveryToken: token },
          });
        });
      },
    };
  },
};
