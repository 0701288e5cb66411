import type { Evidence, Exposure } from '../model/exchange.js';
import type { Redactor } from './redactor.js';

/**
 * Okta links that carry a token in the path, not the query: the emailed password-reset link
 * (`/signin/reset-password/{recoveryToken}`, older `/reset_password/{recoveryToken}`) and the activation
 * link (`/welcome/{activationToken}`). Opening one puts the token in page URLs, titles and in the Referer
 * of every call the page makes, `/api/v1/authn/recovery/token` included.
 */
const PATH_TOKEN = /(\/(?:signin\/reset-password|reset_password|signin\/unlock-account|welcome|qr)\/)([A-Za-z0-9_-]{8,})/g;
const FIELD: Record<string, string> = { welcome: 'activationToken', qr: 'activationToken' };

/** `text` with path tokens masked like any token (prefix and keyed fingerprint, its `#` written `%23`); each one found is recorded. */
export function maskPathTokens(text: string, redactor: Redactor, where: Exposure['where'], ev: Evidence): string {
  if (!text.includes('/') || !/reset.password|welcome|unlock-account|\/qr\//i.test(text)) return text;
  return text.replace(PATH_TOKEN, (m, prefix: string, token: string) => {
    const masked = redactor.maskToken(token);
    if (masked === token) return m;
    const field = FIELD[prefix.split('/').filter(Boolean)[0]] ?? 'recoveryToken';
    ev.exposures.push({ where, field, path: 'url path', preview: `${token.slice(0, Math.min(6, Math.floor(token.length / 2)))}…` });
    // The mask's `#` would end the path and start a fragment (a Referer's query would become part of it).
    return `${prefix}${masked.replace('#', '%23')}`;
  });
}

/** Applies `maskPathTokens` to every string of a JSON value, in place (objects and arrays are mutated). */
export function maskPathTokensDeep(value: unknown, redactor: Redactor, where: Exposure['where'], ev: Evidence): unknown {
  if (typeof value === 'string') return maskPathTokens(value, redactor, where, ev);
  // Iterative: a HAR entry may be nested far deeper than the call stack allows.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (key === '_authtrail') continue;
      const v = obj[key];
      if (typeof v === 'string') obj[key] = maskPathTokens(v, redactor, where, ev);
      else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return value;
}
