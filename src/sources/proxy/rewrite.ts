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

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A rewriter of JSON text: every `"href": "<from>..."` member gets `to` as its origin. In Okta's HAL bodies
 * `href` members are exactly the links (`_links` at any depth: per-factor `verify`, `resend` arrays...).
 * Working on the text avoids a parse and a re-serialisation per response on the proxy's event loop; the
 * rest of the body stays byte for byte as the upstream sent it.
 */
export function linkRewriter(from: string, to: string): (json: string) => string {
  const url = new URL(from);
  const slash = '(?:\\\\/|/)';
  const scheme = escapeRe(url.protocol.slice(0, -1));
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  // The origin as JSON may spell it: escaped slashes, any case in the host, the default port written out.
  const port = url.port ? `:${url.port}` : `(?::${defaultPort})?`;
  const pattern = new RegExp(`("href"\\s*:\\s*")${scheme}:${slash}${slash}${escapeRe(url.hostname)}${port}(?=["/?#\\\\])`, 'gi');
  // A replacement string, not a function: no call per link (`$` in the origin is escaped as `$$`).
  const replacement = `$1${to.replaceAll('$', '$$$$')}`;
  return (json) => (json.includes('"href"') ? json.replace(pattern, replacement) : json);
}
