import type { Placed, Rule } from '../../../model/rule.js';
import type { TokenRef } from '../../../model/token.js';
import { reuseReport } from '../../common/reuse.js';
import { sameToken, tokenLabel } from '../../common/tokens.js';
import { answer, isOk, placedOf } from '../flow.js';

export const refreshTokenReuse: Rule = {
  meta: {
    id: 'refresh-token-reuse',
    severity: 'medium',
    summary: 'a refresh token presented again after the server rotated it (it answered with a new one)',
    rationale:
      'RFC 9700 §2.2.2 and §4.14: with rotation each refresh token is single-use, and a second use signals theft, so the server should refuse it and revoke the family. Medium when refused, high when the old token still worked.',
    basis: 'documented',
    messageSubject: { reusedRejected: 'client' },
    docs: 'docs/rules/refresh-token-reuse.md',
    protocol: 'oauth',
    messages: {
      reusedRejected: 'The refresh token {token} was rotated at step {rotatedStep} of transaction {rotatedTransaction}; presenting it again got {answer}. Two copies of the client (or a thief) hold it.',
      reusedAccepted: 'The refresh token {token} was rotated at step {rotatedStep} of transaction {rotatedTransaction}, yet presenting it again was answered {answer}: a rotated refresh token still worked (RFC 9700 §4.14).',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const rotated: { ref: TokenRef; at: Placed }[] = [];
        for (const placed of placedOf(unit, 'token')) {
          const { step } = placed;
          const sent = step.oauth.refreshToken;
          if (step.oauth.grantType !== 'refresh_token' || !sent) continue;
          const before = rotated.find((r) => sameToken(r.ref, sent));
          if (before) {
            context.report(
              reuseReport(
                placed,
                isOk(step),
                { token: tokenLabel(sent) ?? '', rotatedStep: before.at.step.step, rotatedTransaction: before.at.tx.id, answer: answer(step) },
                { refreshToken: tokenLabel(sent), rotatedAt: { transaction: before.at.tx.id, step: before.at.step.step }, httpStatus: step.httpStatus, error: step.errorCode },
              ),
            );
            continue;
          }
          const next = step.oauth.issued.refreshToken;
          if (isOk(step) && next && !sameToken(next, sent)) rotated.push({ ref: sent, at: placed });
        }
      },
    };
  },
};
