import type { Rule } from '../../../model/rule.js';

export const stateMissing: Rule = {
  meta: {
    id: 'state-missing',
    severity: 'medium',
    summary: 'an authorize request without a state parameter',
    rationale:
      'RFC 6749 §10.12: state binds the authorization response to the browser that asked, against CSRF. RFC 9700 §2.1 lets an S256 PKCE challenge play that part, so the finding is low then.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/state-missing.md',
    protocol: 'oauth',
    messages: {
      missing: 'The authorize request sent no state{pkceNote} (RFC 6749 §10.12, RFC 9700 §2.1).',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== 'authorize' || o.state) return;
        const pkce = Boolean(o.codeChallenge) && (o.codeChallengeMethod ?? '').toUpperCase() === 'S256';
        context.report({
          transaction: tx,
          step,
          messageId: 'missing',
          severity: pkce ? 'low' : 'medium',
          data: { pkceNote: pkce ? '; an S256 PKCE challenge protects the code instead' : ' and no S256 PKCE challenge: nothing ties the response to this browser' },
          evidence: { state: null, codeChallengeMethod: o.codeChallengeMethod },
        });
      },
    };
  },
};
