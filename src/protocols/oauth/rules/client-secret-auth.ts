import type { Rule } from '../../../model/rule.js';

export const clientSecretAuth: Rule = {
  meta: {
    id: 'client-secret-auth',
    severity: 'info',
    summary: 'a client authenticated at /token or /revoke with a shared secret (client_secret_post or client_secret_basic)',
    rationale:
      'RFC 9700 §2.5 recommends asymmetric client authentication (private_key_jwt, mTLS): a shared secret travels with every request and sits in every config that holds it. client_secret_post also puts it in the body, where logs and traces keep it.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/client-secret-auth.md',
    protocol: 'oauth',
    messages: {
      secret: 'The client authenticated with {method}: a shared secret sent with the request (RFC 9700 §2.5 recommends private_key_jwt or mTLS).',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const method = step.oauth?.clientAuth;
        if (method !== 'client_secret_post' && method !== 'client_secret_basic') return;
        context.report({ transaction: tx, step, messageId: 'secret', data: { method }, evidence: { clientAuth: method } });
      },
    };
  },
};
