import type { Rule } from './types.js';
import { isOk } from './util/body.js';
import { tokenLabel } from './util/tokens.js';

/** `trusted` with an SSWS key, `public` when the headers are known and carry none, `unknown` otherwise. */
function caller(headers: Record<string, string>): 'trusted' | 'public' | 'unknown' {
  if (Object.keys(headers).length === 0) return 'unknown';
  const auth = headers.authorization;
  if (auth === undefined) return 'public';
  if (/^\s*ssws\b/i.test(auth)) return 'trusted';
  return /^\s*(bearer|basic|dpop)\b/i.test(auth) ? 'public' : 'unknown';
}

export const recoveryTokenToPublic: Rule = {
  meta: {
    id: 'recovery-token-to-public',
    severity: 'high',
    summary: 'a recoveryToken returned to a request without SSWS authorization (judged only when headers are known)',
    rationale:
      'Okta documents that a recoveryToken is returned directly only to a trusted application calling with an SSWS API token; public clients get it by email. A recoveryToken in a public response lets anyone who asks reset the password.',
    basis: 'documented',
    docs: 'docs/rules/recovery-token-to-public.md',
    messages: {
      publicRecoveryToken:
        '{operation} returned a recoveryToken ({token}) to a request without an SSWS Authorization header ({auth}). Okta documents this only for trusted apps: anyone who can call this endpoint could reset the user\'s password with it.',
    },
  },
  check(context) {
    for (const tx of context.transactions) {
      for (const step of tx.steps) {
        if (!isOk(step) || !step.responseRecoveryToken) continue;
        const who = caller(step.exchange.requestHeaders);
        if (who !== 'public') continue;
        const auth = step.exchange.requestHeaders.authorization;
        context.report({
          transaction: tx,
          step,
          messageId: 'publicRecoveryToken',
          data: { operation: step.operation, token: tokenLabel(step.responseRecoveryToken) ?? '', auth: auth ? `scheme ${auth.split(/\s+/)[0]}` : 'no Authorization header' },
          evidence: { operation: step.operation, recoveryToken: tokenLabel(step.responseRecoveryToken), authorizationScheme: auth ? auth.split(/\s+/)[0] : null, requestHeaders: Object.keys(step.exchange.requestHeaders) },
        });
      }
    }
  },
};
