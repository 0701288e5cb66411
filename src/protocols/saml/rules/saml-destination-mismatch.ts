import type { Rule } from '../../../model/rule.js';

/** Scheme and host compare case-insensitively (RFC 3986 6.2.2.1), the path exactly; query and fragment are not part of an endpoint. */
export function endpointOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/(.)\/$/, '$1')}`;
  } catch {
    return null;
  }
}

export const samlDestinationMismatch: Rule = {
  meta: {
    id: 'saml-destination-mismatch',
    severity: 'medium',
    summary: "a SAML message's Destination is not the URL it was delivered to, or a response's is not the ACS URL its request asked for",
    rationale:
      'SAML 2.0 bindings 3.4.5.2 and 3.5.5.2: a recipient must check that Destination is the location it received the message at, or refuse it. A mismatch means a misconfigured ACS/SSO URL (often http vs https, or a proxy rewriting the host).',
    basis: 'documented',
    docs: 'docs/rules/saml-destination-mismatch.md',
    protocol: 'saml',
    messages: {
      deliveredElsewhere:
        'The {type} names Destination {destination} but was delivered to {url}. The recipient must refuse it (SAML 2.0 bindings 3.5.5.2): fix the ACS or SSO URL configured at the sender.',
      notRequestedAcs:
        'The response names Destination {destination} but its AuthnRequest (step {requestStep}) asked for AssertionConsumerServiceURL {acsUrl}. The IdP posted to another ACS URL than the SP requested: compare the app\'s Single sign-on URL in Okta with the SP\'s ACS URL.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const m = step.saml;
        if (!m?.destination) return;
        const delivered = endpointOf(step.exchange.url);
        const named = endpointOf(m.destination);
        if (delivered && named && !sameEndpoint(delivered, named)) {
          context.report({
            transaction: tx,
            step,
            messageId: 'deliveredElsewhere',
            data: { type: m.type ?? m.param, destination: m.destination, url: delivered },
            evidence: { destination: m.destination, deliveredTo: delivered },
          });
        }
        const request = m.answersStep ? tx.steps[m.answersStep - 1]?.saml : undefined;
        const acs = request?.acsUrl ? endpointOf(request.acsUrl) : null;
        if (request && acs && named && !sameEndpoint(acs, named)) {
          context.report({
            transaction: tx,
            step,
            messageId: 'notRequestedAcs',
            data: { destination: m.destination, requestStep: m.answersStep!, acsUrl: request.acsUrl! },
            evidence: { destination: m.destination, acsUrl: request.acsUrl },
          });
        }
      },
    };
  },
};

/** `new URL` already lower-cases scheme and host, so normalized endpoints compare exactly. */
const sameEndpoint = (a: string, b: string): boolean => a === b;
