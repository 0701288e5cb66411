import { createHash } from 'node:crypto';
import type { RawExchange } from '../model/exchange.js';
import type { OAuthEvidence, VerifierFacts } from '../model/oauth.js';
import { isMaskedValue } from './policy.js';

/** RFC 7636 §4.1: 43 to 128 characters of `[A-Za-z0-9-._~]`. */
const VERIFIER_CHARSET = /^[A-Za-z0-9\-._~]*$/;

/** BASE64URL(SHA256(ASCII(value))) without padding (RFC 7636 §4.2). */
export function s256(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest('base64url');
}

export function verifierFacts(verifier: string): VerifierFacts {
  return { length: verifier.length, charsetOk: VERIFIER_CHARSET.test(verifier), s256: s256(verifier) };
}

/**
 * What the PKCE rules need of a clear `code_verifier`, read before redaction turns it into a fingerprint:
 * its length, charset and S256 digest, never the value. Null when the exchange sends none in clear.
 */
export function oauthEvidence(raw: RawExchange): OAuthEvidence | null {
  const verifier = findParam(raw.requestBody, 'code_verifier') ?? findParam(queryOf(raw.url), 'code_verifier');
  if (!verifier || isMaskedValue(verifier)) return null;
  return { verifier: verifierFacts(verifier) };
}

function queryOf(url: string): string | null {
  const q = url.indexOf('?');
  return q < 0 ? null : url.slice(q + 1).replace(/#.*$/s, '');
}

/** A parameter of a JSON object body or a form-encoded text. */
function findParam(body: unknown, name: string): string | null {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const v = (body as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : null;
  }
  if (typeof body !== 'string' || !body.includes(`${name}=`)) return null;
  for (const pair of body.trim().split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === name) {
      try {
        return decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      } catch {
        return null;
      }
    }
  }
  return null;
}
