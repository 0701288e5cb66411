import type { Placed, Rule } from '../../../model/rule.js';
import { reuseReport } from '../../common/reuse.js';
import { sameToken, tokenLabel } from '../../common/tokens.js';
import { answer, isOk, placedOf } from '../flow.js';

export const authorizationCodeReuse: Rule = {
  meta: {
    id: 'authorization-code-reuse',
    severity: 'high',
    summary: 'the same authorization code redeemed at /token more than once',
    rationale:
      'RFC 6749 §4.1.2: a code MUST NOT be used more than once, and the server SHOULD revoke the tokens already issued for it. A refused second use is a client retry or a replay (medium); an accepted one means codes are replayable (high).',
    basis: 'documented',
    messageSubject: { reusedRejected: 'client' },
    docs: 'docs/rules/authorization-code-reuse.md',
    protocol: 'oauth',
    messages: {
      reusedRejected: 'The code {code} was already redeemed at step {firstStep} of transaction {firstTransaction}; this second use got {answer}, as RFC 6749 §4.1.2 requires.',
      reusedAccepted: 'The code {code} was already redeemed at step {firstStep} of transaction {firstTransaction}, yet this second use was answered {answer}: the code was replayable (RFC 6749 §4.1.2).',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const redeemed: Placed[] = [];
        for (const placed of placedOf(unit, 'token')) {
          const { step } = placed;
          if (step.oauth.grantType !== 'authorization_code' || !step.oauth.code) continue;
          const first = redeemed.find((p) => sameToken(p.step.oauth!.code, step.oauth.code));
          if (!first) {
            redeemed.push(placed);
            continue;
          }
          context.report(
            reuseReport(
              placed,
              isOk(step),
              { code: tokenLabel(step.oauth.code) ?? '', firstStep: first.step.step, firstTransaction: first.tx.id, answer: answer(step) },
              { code: tokenLabel(step.oauth.code), first: { transaction: first.tx.id, step: first.step.step, httpStatus: first.step.httpStatus }, httpStatus: step.httpStatus, error: step.errorCode },
            ),
          );
        }
      },
    };
  },
};
