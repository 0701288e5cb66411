import type { Rule } from '../../../model/rule.js';
import type { TokenRef } from '../../../model/token.js';
import { sameToken, tokenLabel } from '../../../redact/token.js';
import { idx, is2xx } from '../chain.js';

export const idxInteractionCodeUnknown: Rule = {
  meta: {
    id: 'idx-interaction-code-unknown',
    severity: 'high',
    summary: 'interaction_code sent to /token that no earlier successWithInteractionCode of the evidence issued',
    rationale:
      'A client redeems the interaction_code its own transaction received in successWithInteractionCode. A code that never appeared in the evidence, while the evidence does show codes being issued, was injected from elsewhere (code injection, RFC 9700 §4.5) or belongs to another session.',
    basis: 'documented',
    docs: 'docs/rules/idx-interaction-code-unknown.md',
    protocol: 'okta-idx',
    messages: {
      unknownCode: 'interaction_code {code} was exchanged at /token, but no earlier response in this evidence issued it ({issued} issued); the server answered {status}.',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const issued: TokenRef[] = [];
        const tokens = unit.filter((p) => idx(p.step).kind === 'token' && idx(p.step).interactionCode);
        // Without any issuing response the evidence simply starts late: nothing to compare against.
        if (!unit.some((p) => idx(p.step).issuedInteractionCode) || tokens.length === 0) return;
        for (const { tx, step } of unit) {
          const given = idx(step).issuedInteractionCode;
          if (given) issued.push(given);
          const code = idx(step).kind === 'token' ? idx(step).interactionCode : null;
          if (!code || issued.some((r) => sameToken(r, code))) continue;
          context.report({
            transaction: tx,
            step,
            messageId: 'unknownCode',
            severity: is2xx(step) ? 'high' : 'medium',
            data: { code: tokenLabel(code) ?? '', issued: issued.length, status: step.httpStatus ?? 'nothing' },
            evidence: { code: tokenLabel(code), issuedBefore: issued.map((r) => tokenLabel(r)), httpStatus: step.httpStatus },
          });
        }
      },
    };
  },
};
