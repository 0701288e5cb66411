import type { Rule } from '../../../model/rule.js';
import { parseTokenRef, tokensDiffer } from '../../../redact/token.js';
import { accepted, idx, offerBefore } from '../chain.js';
import { requestObject } from '../facts.js';

function at(body: Record<string, any>, dotted: string): unknown {
  return dotted.split('.').reduce<any>((cur, k) => (cur && typeof cur === 'object' ? cur[k] : undefined), body);
}

export const idxImmutableFieldChanged: Rule = {
  meta: {
    id: 'idx-immutable-field-changed',
    severity: 'high',
    summary: 'IDX request changed a field its form marks mutable:false, or chose an authenticator the form did not offer',
    rationale:
      'Fields marked mutable:false (stateHandle, authenticator.id, methodType) are server-fixed values the client must send back unchanged; okta-auth-js writes them last so user input cannot override them. A different value, or an authenticator id outside the options, is a tampered request.',
    basis: 'sdk',
    docs: 'docs/rules/idx-immutable-field-changed.md',
    protocol: 'okta-idx',
    messages: {
      immutableChanged: '{remediation} sent {field} different from the value the form at step {offerStep} fixed (mutable: false); the server answered {status}.',
      optionNotOffered: '{remediation} chose authenticator {chosen}, which is not among the options of the form at step {offerStep} ({options}); the server answered {status}.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const taken = idx(step).taken;
          const offer = taken ? offerBefore(tx.steps, i) : null;
          const form = offer ? idx(offer).forms.find((f) => f.name === taken) : undefined;
          if (!form || !offer) return;
          const req = requestObject(step.exchange.requestBody);
          const report = (messageId: string, data: Record<string, string | number>, evidence: Record<string, unknown>) =>
            context.report({ transaction: tx, step, messageId, severity: accepted(step) ? 'high' : 'medium', subject: accepted(step) ? 'server' : 'client', data: { remediation: taken!, offerStep: offer.step, status: step.httpStatus ?? 'nothing', ...data }, evidence });
          for (const [field, fixed] of Object.entries(form.immutable)) {
            const sent = at(req, field);
            if (sent === undefined || sent === null || typeof sent === 'object') continue;
            // Handles are compared as tokens: the stored request holds only a fingerprint of them.
            const differs = /statehandle/i.test(field) ? tokensDiffer(parseTokenRef(String(sent)), parseTokenRef(fixed)) : String(sent) !== fixed;
            if (differs) report('immutableChanged', { field }, { field, fixedBy: offer.step });
          }
          const chosen = at(req, 'authenticator.id');
          if (typeof chosen === 'string' && form.options.length > 0 && !form.options.includes(chosen)) {
            report('optionNotOffered', { chosen, options: form.options.join(', ') }, { chosen, options: form.options });
          }
        });
      },
    };
  },
};
