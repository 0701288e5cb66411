import type { Rule } from '../../../model/rule.js';
import type { TokenRef } from '../../../model/token.js';
import { parseTokenRef, sameToken, tokenLabel, tokensDiffer } from '../../../redact/token.js';
import { accepted, endBefore, idx, offerBefore } from '../chain.js';

export const idxStaleHandle: Rule = {
  meta: {
    id: 'idx-stale-handle',
    severity: 'low',
    summary: 'IDX request presents a stateHandle of its chain that the latest response no longer issued',
    rationale:
      'Identity Engine may rotate the stateHandle between any two remediations; the client must use the one in the latest response (inside the form). A request with an earlier handle is a back button, a replay or a second tab forking the transaction.',
    basis: 'inferred',
    docs: 'docs/rules/idx-stale-handle.md',
    protocol: 'okta-idx',
    messages: {
      staleHandle: '{operation} presented handle {sent}, but the latest response (step {offerStep}) issued {latest}: the request answers an older state of the transaction. The server answered {status}.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const sent = idx(step).requestHandle;
          if (!sent || idx(step).kind === 'token' || endBefore(tx.steps, i)) return;
          const offer = offerBefore(tx.steps, i);
          if (!offer) return;
          const issued: TokenRef[] = [idx(offer).responseHandle, ...idx(offer).forms.map((f) => parseTokenRef(f.immutable.stateHandle))].filter((r): r is TokenRef => r !== null);
          // Only when the evidence shows a different handle: masks too short to compare prove nothing.
          if (issued.length === 0 || issued.some((r) => sameToken(r, sent)) || !issued.every((r) => tokensDiffer(r, sent))) return;
          context.report({
            transaction: tx,
            step,
            messageId: 'staleHandle',
            severity: accepted(step) ? 'medium' : 'low',
            data: { operation: step.operation, sent: tokenLabel(sent) ?? '', offerStep: offer.step, latest: tokenLabel(issued[0]) ?? '', status: step.httpStatus ?? 'nothing' },
            evidence: { sent: tokenLabel(sent), latest: issued.map((r) => tokenLabel(r)), latestFromStep: offer.step, httpStatus: step.httpStatus },
          });
        });
      },
    };
  },
};
