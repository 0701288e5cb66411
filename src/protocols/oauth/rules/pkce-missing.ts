import type { Rule } from '../../../model/rule.js';
import { authorizeOf, tokenSteps, usesCode } from '../flow.js';

export const pkceMissing: Rule = {
  meta: {
    id: 'pkce-missing',
    severity: 'medium',
    summary: 'an authorization code request without a PKCE code_challenge',
    rationale:
      'RFC 9700 §2.1.1: public clients MUST use PKCE and confidential clients SHOULD; without it a stolen or injected code can be redeemed. High when the /token call of the flow authenticated no client (a public client).',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/pkce-missing.md',
    protocol: 'oauth',
    messages: {
      missing: 'The authorize request (response_type {responseType}) sent no code_challenge. RFC 9700 §2.1.1 asks every client to use PKCE.',
      missingPublic: 'The authorize request (response_type {responseType}) sent no code_challenge, and the code was redeemed at step {tokenStep} without client authentication: a public client without PKCE (RFC 9700 §2.1.1 MUST).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        if (!authorize || !usesCode(authorize.oauth) || authorize.oauth.codeChallenge) return;
        const publicToken = tokenSteps(tx, 'authorization_code').find((s) => s.oauth.clientAuth === 'none');
        const data = { responseType: authorize.oauth.responseType ?? '', ...(publicToken ? { tokenStep: publicToken.step } : {}) };
        context.report({
          transaction: tx,
          step: authorize,
          messageId: publicToken ? 'missingPublic' : 'missing',
          severity: publicToken ? 'high' : 'medium',
          data,
          evidence: { responseType: authorize.oauth.responseType, clientId: authorize.oauth.clientId, tokenClientAuth: publicToken?.oauth.clientAuth ?? null },
        });
      },
    };
  },
};
