import type { Placed, Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { reuseReport } from '../../common/reuse.js';
import { sameToken, tokenLabel } from '../../common/tokens.js';

export const recoveryTokenReuse: Rule = {
  meta: {
    id: 'recovery-token-reuse',
    severity: 'medium',
    summary: 'the same recoveryToken exchanged at /recovery/token more than once',
    rationale:
      'Okta documents the recoveryToken as one-time: a second exchange must fail (403 E0000105 or 401 E0000011). A second 2xx means the one-time token was replayable, which lets a leaked recovery link be used again.',
    basis: 'documented',
    messageSubject: { reusedRejected: 'client' },
    docs: 'docs/rules/recovery-token-reuse.md',
    protocol: 'okta-authn',
    messages: {
      reusedRejected:
        'The recoveryToken {token} was already exchanged at step {firstStep} of transaction {firstTransaction}; this second exchange got {answer}, as documented for a one-time token. Something (a double click, a mail scanner following the link, a replay) used the link twice.',
      reusedAccepted:
        'The recoveryToken {token} was already exchanged at step {firstStep} of transaction {firstTransaction}, yet this second exchange was answered {answer}. Okta documents the recoveryToken as one-time: it was replayable.',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const exchanged: Placed[] = [];
        for (const placed of unit) {
          const { step } = placed;
          if (step.operation !== 'recovery.token' || !step.requestRecoveryToken) continue;
          const first = exchanged.find((p) => sameToken(p.step.requestRecoveryToken, step.requestRecoveryToken));
          if (first) {
            context.report(
              reuseReport(
                placed,
                isOk(step),
                { token: tokenLabel(step.requestRecoveryToken) ?? '', firstStep: first.step.step, firstTransaction: first.tx.id, answer: `${step.httpStatus ?? 'nothing'}${step.errorCode ? ` ${step.errorCode}` : ''}` },
                { recoveryToken: tokenLabel(step.requestRecoveryToken), first: { transaction: first.tx.id, step: first.step.step, httpStatus: first.step.httpStatus }, httpStatus: step.httpStatus, errorCode: step.errorCode },
              ),
            );
          } else exchanged.push(placed);
        }
      },
    };
  },
};
