import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { tokenLabel } from '../../common/tokens.js';

const SECRET_HEADERS = ['authorization', 'cookie'];

/**
 * `trusted` with an SSWS key, `public` when the request provably carried none, `unknown` otherwise. A missing
 * Authorization header proves nothing when the export may have stripped it: Chrome's "sanitized" HAR drops
 * Authorization and Cookie everywhere, so absence counts only in a recording or in evidence that kept such headers.
 */
function caller(headers: Record<string, string>, headersKept: boolean): 'trusted' | 'public' | 'unknown' {
  if (Object.keys(headers).length === 0) return 'unknown';
  const auth = headers.authorization;
  if (auth === undefined) return headersKept ? 'public' : 'unknown';
  if (/^\s*ssws\b/i.test(auth)) return 'trusted';
  return /^\s*(bearer|basic|dpop)\b/i.test(auth) ? 'public' : 'unknown';
}

export const recoveryTokenToPublic: Rule = {
  meta: {
    id: 'recovery-token-to-public',
    severity: 'high',
    summary: 'a recoveryToken returned to a request without SSWS authorization (judged only when the evidence kept its headers)',
    rationale:
      'Okta documents that a recoveryToken is returned directly only to a trusted application calling with an SSWS API token; public clients get it by email. A recoveryToken in a public response lets anyone who asks reset the password.',
    basis: 'documented',
    docs: 'docs/rules/recovery-token-to-public.md',
    protocol: 'okta-authn',
    messages: {
      publicRecoveryToken:
        '{operation} returned a recoveryToken ({token}) to a request without an SSWS Authorization header ({auth}). Okta documents this only for trusted apps: anyone who can call this endpoint could reset the user\'s password with it.',
    },
  },
  create(context) {
    return {
      unit(unit) {
        // Whether the evidence keeps headers, asked only once a step hands a recoveryToken out (most units have none).
        let kept: boolean | undefined;
        for (const { tx, step } of unit) {
          if (!isOk(step) || !step.responseRecoveryToken) continue;
          kept ??= unit.some(({ step }) => step.exchange.sourceKind === 'proxy' || SECRET_HEADERS.some((h) => h in (step.exchange.requestHeaders ?? {})) || 'set-cookie' in (step.exchange.responseHeaders ?? {}));
          const headers = step.exchange.requestHeaders ?? {};
          if (caller(headers, kept) !== 'public') continue;
          const auth = headers.authorization;
          context.report({
            transaction: tx,
            step,
            messageId: 'publicRecoveryToken',
            data: { operation: step.operation, token: tokenLabel(step.responseRecoveryToken) ?? '', auth: auth ? `scheme ${auth.split(/\s+/)[0]}` : 'no Authorization header, in evidence that keeps such headers' },
            evidence: { operation: step.operation, recoveryToken: tokenLabel(step.responseRecoveryToken), authorizationScheme: auth ? auth.split(/\s+/)[0] : null, requestHeaders: Object.keys(headers) },
          });
        }
      },
    };
  },
};
