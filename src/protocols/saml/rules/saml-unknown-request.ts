import type { Rule } from '../../../model/rule.js';

/** Responses whose InResponseTo names no request of the same unit of evidence (across its transactions). */
export const samlUnknownRequest: Rule = {
  meta: {
    id: 'saml-unknown-request',
    severity: 'low',
    summary: 'a SAML response answers (InResponseTo) a request that is not in the evidence',
    rationale:
      'An SP that sent no AuthnRequest with that ID must reject the response (SAML 2.0 profiles 4.1.4.3); either the trace began after the request was sent, or the response belongs to another session or is a replay.',
    basis: 'evidence',
    docs: 'docs/rules/saml-unknown-request.md',
    protocol: 'saml',
    messages: {
      unknownRequest:
        'The {type} from {issuer} answers request {inResponseTo}, but no SAML request with that ID is in the evidence. Unless the trace began after the request was sent, the SP must reject it (SAML 2.0 profiles 4.1.4.3): it belongs to another session or is replayed.',
    },
  },
  create(context) {
    return {
      unit(placed) {
        const sent = new Set<string>();
        for (const { step } of placed) if (step.saml?.param === 'SAMLRequest' && step.saml.id) sent.add(step.saml.id);
        for (const { tx, step } of placed) {
          const m = step.saml;
          if (m?.param !== 'SAMLResponse' || !m.inResponseTo || sent.has(m.inResponseTo)) continue;
          context.report({
            transaction: tx,
            step,
            messageId: 'unknownRequest',
            data: { type: m.type ?? 'response', issuer: m.issuer ?? 'an unnamed issuer', inResponseTo: m.inResponseTo },
            evidence: { inResponseTo: m.inResponseTo, requestIds: [...sent] },
          });
        }
      },
    };
  },
};
