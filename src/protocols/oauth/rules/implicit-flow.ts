import type { Rule } from '../../../model/rule.js';
import { responseTypes } from '../flow.js';

export const implicitFlow: Rule = {
  meta: {
    id: 'implicit-flow',
    severity: 'medium',
    summary: 'an authorize request whose response_type returns an access token through the browser (implicit or hybrid)',
    rationale:
      'RFC 9700 §2.1.2: clients SHOULD NOT use the implicit grant or any response type that issues access tokens in the authorization response; tokens in the front channel leak through history, logs and Referer and cannot be sender-constrained.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/implicit-flow.md',
    protocol: 'oauth',
    messages: {
      implicit: 'The authorize request asks for response_type {responseType}: access tokens in the front channel (RFC 9700 §2.1.2: SHOULD NOT). Use the code flow with PKCE.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== 'authorize' || !responseTypes(o).includes('token')) return;
        context.report({ transaction: tx, step, messageId: 'implicit', data: { responseType: o.responseType ?? '' }, evidence: { responseType: o.responseType, responseMode: o.responseMode } });
      },
    };
  },
};
