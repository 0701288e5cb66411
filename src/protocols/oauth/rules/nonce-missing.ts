import type { Rule } from '../../../model/rule.js';
import { responseTypes } from '../flow.js';

export const nonceMissing: Rule = {
  meta: {
    id: 'nonce-missing',
    severity: 'high',
    summary: 'an authorize request whose response_type returns an id_token from the front channel, without nonce',
    rationale:
      'OIDC Core §3.2.2.1 and §3.3.2.11: nonce is REQUIRED when the id_token comes back through the browser (implicit and hybrid flows); it is what stops a captured id_token from being replayed.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/nonce-missing.md',
    protocol: 'oauth',
    messages: {
      missing: 'The authorize request asks for response_type {responseType} without a nonce (OIDC Core §3.2.2.1: REQUIRED when the id_token is returned from the authorization endpoint).',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== 'authorize' || o.nonce || !responseTypes(o).includes('id_token')) return;
        context.report({ transaction: tx, step, messageId: 'missing', data: { responseType: o.responseType ?? '' }, evidence: { responseType: o.responseType, nonce: null } });
      },
    };
  },
};
