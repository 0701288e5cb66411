import { memoize } from '../model/memo.js';

/**
 * `https://x.okta.com/api/v1/authn/skip?x=1#f` → `/api/v1/authn/skip`; keeps the case (factor ids are
 * case-sensitive). Remembered: linking, rules and the recorder ask for the same few URLs again and again.
 */
export const pathOf: (url: string) => string = memoize(computePath);

function computePath(url: string): string {
  let rest = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  rest = rest.replace(/[?#].*$/s, '');
  if (!rest.startsWith('/')) rest = `/${rest}`;
  return rest.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
}

