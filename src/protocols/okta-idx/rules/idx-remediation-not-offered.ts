import type { Rule } from '../../../model/rule.js';
import { accepted, endBefore, idx, offerBefore } from '../chain.js';

export const idxRemediationNotOffered: Rule = {
  meta: {
    id: 'idx-remediation-not-offered',
    severity: 'high',
    summary: 'IDX request whose method and href match no form the previous response offered',
    rationale:
      'IDX is hypermedia: each response lists the remediations and actions the client may take next. A call that matches none of them (a /skip with no skip form, a /recover with no recover action) bypasses the flow the server laid out.',
    basis: 'sdk',
    docs: 'docs/rules/idx-remediation-not-offered.md',
    protocol: 'okta-idx',
    messages: {
      notOffered: '{method} {path} matches no form of the response at step {offerStep} (offered: {offered}); the server answered {answer}.',
      skipNotOffered: '{method} {path} skips a step although the response at step {offerStep} offered no skip form (offered: {offered}); the server answered {answer}.',
      recoverNotOffered: '{method} {path} starts a recovery although the response at step {offerStep} offered no recover action (offered: {offered}); the server answered {answer}.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const data = idx(step);
          // After success, terminal or cancel the question is reuse, not choice (idx-handle-after-end).
          if (data.offered !== false || endBefore(tx.steps, i)) return;
          const offer = offerBefore(tx.steps, i);
          if (!offer) return;
          const path = step.exchange.url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
          const messageId = /\/skip$/i.test(path) ? 'skipNotOffered' : /\/recover$/i.test(path) ? 'recoverNotOffered' : 'notOffered';
          const forms = idx(offer).forms.map((f) => f.name);
          context.report({
            transaction: tx,
            step,
            messageId,
            severity: accepted(step) ? 'high' : 'medium',
            // Refused, the server kept to its forms: what departs is the client's request.
            subject: accepted(step) ? 'server' : 'client',
            data: { method: step.exchange.method, path, offerStep: offer.step, offered: forms.join(', ') || 'nothing', answer: `${step.httpStatus ?? 'nothing'}${step.errorCode ? ` ${step.errorCode}` : ''}` },
            evidence: { method: step.exchange.method, path, offeredBy: offer.step, offered: forms, httpStatus: step.httpStatus },
          });
        });
      },
    };
  },
};
