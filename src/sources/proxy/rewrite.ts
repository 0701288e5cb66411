/**
 * Keeps a client on the proxy: Okta publishes absolute `_links` hrefs and clients (okta-auth-js) follow
 * them verbatim, so the upstream origin is replaced by the proxy's origin wherever a link can stand.
 */

/** Rewrites one absolute URL whose origin is `from` to `to`; other URLs are returned unchanged. */
export function rewriteUrl(value: string, from: string, to: string): string {
  if (!value.startsWith('http')) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (url.origin !== from) return value;
  // Keep everything after the origin exactly as sent (URL would re-encode it).
  const authorityEnd = value.slice(value.indexOf('//') + 2).search(/[/?#]/);
  const rest = authorityEnd < 0 ? '' : value.slice(value.indexOf('//') + 2 + authorityEnd);
  return `${to}${rest}`;
}

/**
 * Rewrites every `href` inside every `_links` object of a JSON body, at any depth (per-factor links in
 * `_embedded.factors[]._links`, arrays such as `resend: [...]`). Returns the number of hrefs changed; the
 * body is modified in place.
 */
export function rewriteLinks(body: unknown, from: string, to: string): number {
  if (from === to) return 0;
  let changed = 0;
  const visit = (node: unknown, inLinks: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, inLinks);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (inLinks && key === 'href' && typeof value === 'string') {
        const next = rewriteUrl(value, from, to);
        if (next !== value) {
          record[key] = next;
          changed++;
        }
      } else if (value && typeof value === 'object') {
        visit(value, inLinks || key === '_links');
      }
    }
  };
  visit(body, false);
  return changed;
}
