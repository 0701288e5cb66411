import type { TokenRef } from '../../../model/token.js';
import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { tokenLabel, tokenRelation } from '../../common/tokens.js';

export const staleStateToken: Rule = {
  meta: {
    id: 'stale-state-token',
    severity: 'medium',
    summary: 'a request uses a stateToken that is not the newest of its chain, or one of a chain that already ended',
    rationale:
      'Okta requires the stateToken of the latest response; a client that keeps an old transaction object sends a stale one. Okta should reject it (401 E0000011); a 2xx to a stale or ended token means the old token stayed valid.',
    basis: 'documented',
    docs: 'docs/rules/stale-state-token.md',
    protocol: 'okta-authn',
    messages: {
      notNewest:
        'This request sent {token}, but step {newestStep} had already replaced it with {newest}. The client kept an old transaction object (Okta documents that each response\'s stateToken must be used for the next call). {verdict}',
      endedChain:
        'This request sent {token} after the chain ended at step {endStep} ({endStatus}). A finished transaction\'s token must not be used again. {verdict}',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const seen: { token: TokenRef; step: number }[] = [];
        let newest: { token: TokenRef; step: number } | null = null;
        let ended: { step: number; status: string } | null = null;
        for (const step of tx.steps) {
          const sent = step.requestToken;
          if (sent) {
            const verdict = isOk(step)
              ? `Okta answered ${step.httpStatus}: the old token was still accepted, which Okta does not document.`
              : `Okta answered ${step.httpStatus ?? 'nothing'}${step.errorCode ? ` ${step.errorCode}` : ''}, as expected for a stale token.`;
            const severity = isOk(step) ? 'high' : 'medium';
            const known = seen.some((s) => tokenRelation(s.token, sent) === 'same');
            // Cancelling a finished transaction only revokes what is already dead (the Sign-In Widget does it; SUCCESS may publish a cancel link).
            if (ended && known && step.operation !== 'cancel') {
              context.report({
                transaction: tx,
                step,
                messageId: 'endedChain',
                severity,
                // Refused, Okta did as documented: the stale token is the client's bug.
                subject: isOk(step) ? 'server' : 'client',
                data: { token: tokenLabel(sent) ?? '', endStep: ended.step, endStatus: ended.status, verdict },
                evidence: { requestToken: tokenLabel(sent), endedAtStep: ended.step, endStatus: ended.status, httpStatus: step.httpStatus },
              });
            } else if (newest && known && tokenRelation(newest.token, sent) === 'different') {
              context.report({
                transaction: tx,
                step,
                messageId: 'notNewest',
                severity,
                subject: isOk(step) ? 'server' : 'client',
                data: { token: tokenLabel(sent) ?? '', newest: tokenLabel(newest.token) ?? '', newestStep: newest.step, verdict },
                evidence: { requestToken: tokenLabel(sent), newestToken: tokenLabel(newest.token), newestStep: newest.step, httpStatus: step.httpStatus },
              });
            }
            if (!seen.some((s) => tokenRelation(s.token, sent) === 'same')) seen.push({ token: sent, step: step.step });
          }
          if (!isOk(step)) continue;
          if (step.responseToken) {
            newest = { token: step.responseToken, step: step.step };
            if (!seen.some((s) => tokenRelation(s.token, step.responseToken) === 'same')) seen.push({ token: step.responseToken, step: step.step });
          }
          if (step.operation === 'cancel' || (step.responseStatus === 'SUCCESS' && !step.responseToken)) {
            ended = { step: step.step, status: step.operation === 'cancel' ? 'CANCELLED' : 'SUCCESS' };
          } else if (step.responseStatus && step.responseToken) {
            ended = null;
          }
        }
      },
    };
  },
};
