import type { Rule } from '../../../model/rule.js';
import { oauthSteps } from '../flow.js';

export const pkcePlain: Rule = {
  meta: {
    id: 'pkce-plain',
    severity: 'medium',
    summary: 'a PKCE code_challenge sent with the plain method (or no method, which means plain)',
    rationale:
      'RFC 7636 §4.2: a client capable of S256 MUST use it; with plain the challenge is the verifier, so whoever sees the front channel can redeem the code. RFC 9700 §2.1.1 asks for methods that do not expose the verifier; Okta advertises only S256.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/pkce-plain.md',
    protocol: 'oauth',
    messages: {
      plain: 'The authorize request sent code_challenge_method=plain: the challenge is the verifier itself (RFC 7636 §4.2: use S256).',
      absent: 'The authorize request sent a code_challenge without code_challenge_method, which means plain (RFC 7636 §4.3): the challenge is the verifier itself.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (o?.call !== 'authorize' || !o.codeChallenge) return;
        const method = o.codeChallengeMethod;
        if (method && method.toUpperCase() === 'S256') return;
        context.report({ transaction: tx, step, messageId: method ? 'plain' : 'absent', evidence: { codeChallengeMethod: method } });
      },
    };
  },
};
