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

/** How a value is stored (the redactor's token mask, or the value itself with --raw). */
export type Mask = (value: string) => string;

export function verifierFacts(verifier: string, mask: Mask = (v) => v): VerifierFacts {
  return { length: verifier.length, charsetOk: VERIFIER_CHARSET.test(verifier), s256: mask(s256(verifier)), plain: mask(verifier) };
}

/**
 * How the redactor stores a `code_verifier`: its S256 challenge masked like a stored `code_challenge`, plus its
 * length (`S256(verifier,len=43)=E9Me****#…`), so PKCE stays checkable and authtrail's own export reads back.
 */
export function formatStoredVerifier(length: number, maskedChallenge: string): string {
  return `S256(verifier,len=${length})=${maskedChallenge}`;
}

/** The length and masked challenge of a stored verifier; null for any other value. */
export function parseStoredVerifier(value: string): { length: number; maskedChallenge: string } | null {
  const m = STORED_VERIFIER.exec(value);
  return m ? { length: Number(m[1]), maskedChallenge: m[2]! } : null;
}

const STORED_VERIFIER = /^S256\(verifier,len=(\d+)\)=(.+)$/;

/**
 * What the PKCE rules need of a `code_verifier`, read before redaction turns it into a fingerprint: its length,
 * charset and S256 digest masked like the challenge it must match, never the value. Null when there is none.
 */
export function oauthEvidence(raw: RawExchange, mask?: Mask): OAuthEvidence | null {
  const verifier = findParam(raw.requestBody, 'code_verifier') ?? findParam(queryOf(raw.url), 'code_verifier');
  if (!verifier) return null;
  const stored = parseStoredVerifier(verifier);
  if (stored) return { verifier: { length: stored.length, charsetOk: null, s256: stored.maskedChallenge, plain: null } };
  if (isMaskedValue(verifier)) return null;
  return { verifier: verifierFacts(verifier, mask) };
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
