import { timesOf } from '../expiry.js';
import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { setsPassword } from '../steps.js';

const MFA_AFTER_RESET = ['MFA_REQUIRED', 'MFA_ENROLL'];

export const passwordCommittedBeforeMfa: Rule = {
  meta: {
    id: 'password-committed-before-mfa',
    severity: 'info',
    summary: 'reset_password/change_password committed the password while a second factor was still pending',
    rationale:
      'Okta documents PASSWORD_RESET -> MFA_REQUIRED/MFA_ENROLL: the password is committed at reset_password and MFA then gates only the session. If the user abandons MFA, the password was changed with one factor.',
    basis: 'documented',
    explains: ['committedThenVerified', 'committedMfaAbandoned'],
    docs: 'docs/rules/password-committed-before-mfa.md',
    protocol: 'okta-authn',
    messages: {
      committedThenVerified:
        '{operation} answered {status} and passwordChanged advanced ({before} -> {after}{seen}): the password was committed before any second factor was verified. Okta documents this edge (PASSWORD_RESET -> {status}): the reset commits the password and MFA gates only the session. The chain reached SUCCESS at step {successStep}, so MFA was completed afterwards.',
      committedMfaAbandoned:
        '{operation} answered {status} and passwordChanged advanced ({before} -> {after}{seen}), and the chain never reaches SUCCESS in this evidence: the password was changed with a single factor and MFA was abandoned (or not captured). Okta documents the edge (PASSWORD_RESET -> {status}); the security consequence is that a later sign-in may not face MFA again (okta-auth-dotnet issue 46).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        let latest: number | null = null;
        let latestIso: string | null = null;
        tx.steps.forEach((step, i) => {
          const changed = timesOf(step).changed;
          const status = step.responseStatus ?? '';
          if (latest !== null && isOk(step) && setsPassword(step) && MFA_AFTER_RESET.includes(status)) {
            // A reset response without passwordChanged: the next response of the chain that carries it tells.
            const witness = changed !== null ? step : tx.steps.slice(i + 1).find((s) => timesOf(s).changed !== null);
            const after = witness ? timesOf(witness).changed : null;
            if (witness && after !== null && after > latest) {
              const success = tx.steps.slice(i + 1).find((s) => isOk(s) && s.responseStatus === 'SUCCESS') ?? null;
              context.report({
                transaction: tx,
                step,
                messageId: success ? 'committedThenVerified' : 'committedMfaAbandoned',
                severity: success ? 'info' : 'high',
                data: {
                  operation: step.operation,
                  status,
                  before: latestIso ?? '',
                  after: witness.passwordChanged ?? '',
                  seen: witness === step ? '' : `, seen at step ${witness.step}`,
                  successStep: success?.step ?? '',
                },
                evidence: {
                  operation: step.operation,
                  statusAfter: status,
                  passwordChangedBefore: latestIso,
                  passwordChangedAfter: witness.passwordChanged,
                  passwordChangedSeenAtStep: witness.step,
                  chainReachedSuccess: success !== null,
                  successStep: success?.step ?? null,
                },
              });
            }
          }
          if (changed !== null && (latest === null || changed > latest)) {
            latest = changed;
            latestIso = step.passwordChanged;
          }
        });
      },
    };
  },
};
