import type { Rule } from '../../../model/rule.js';
import { responseTarget } from '../step.js';
import { authorizeOf, tokenSteps, withoutQuery } from '../flow.js';

export const redirectUriMismatch: Rule = {
  meta: {
    id: 'redirect-uri-mismatch',
    severity: 'high',
    summary: 'the redirect_uri at /token differs from the authorize one, or the response went elsewhere than the redirect_uri',
    rationale:
      'RFC 6749 §4.1.3: when the authorize request had a redirect_uri the token request MUST send the identical value; RFC 9700 §2.1 and §4.1 require exact string matching so codes cannot be sent to an attacker-chosen address.',
    basis: 'documented',
    messageSubject: { tokenDiffers: 'client' },
    docs: 'docs/rules/redirect-uri-mismatch.md',
    protocol: 'oauth',
    messages: {
      tokenDiffers: 'Step {step} redeemed the code with redirect_uri {got}, but the authorize request (step {authorizeStep}) sent {sent} (RFC 6749 §4.1.3: identical).',
      responseElsewhere: 'The authorization response of step {step} sent the browser to {got}, not to the redirect_uri {sent} of the request (RFC 9700 §4.1: exact matching).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const sent = authorize?.oauth.redirectUri;
        if (!authorize || !sent) return;
        const target = authorize.oauth.response ? responseTarget(authorize.exchange) : null;
        if (target && withoutQuery(target) !== withoutQuery(sent)) {
          context.report({ transaction: tx, step: authorize, messageId: 'responseElsewhere', data: { step: authorize.step, got: withoutQuery(target), sent }, evidence: { sent, got: withoutQuery(target) } });
        }
        for (const step of tokenSteps(tx, 'authorization_code')) {
          const got = step.oauth.redirectUri;
          if (got === sent) continue;
          context.report({ transaction: tx, step, messageId: 'tokenDiffers', data: { step: step.step, authorizeStep: authorize.step, got: got ?? '(none)', sent }, evidence: { sent, got } });
        }
      },
    };
  },
};
