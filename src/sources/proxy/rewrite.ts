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
 * The name every Okta (HAL and Ion) link is under, as JSON writes it, without its opening quote, which is
 * checked apart: a search for a needle that starts with `"` stops at every key of the body (four times slower).
 */
const HREF = Buffer.from('href"', 'latin1');

/**
 * A rewriter of JSON bodies: every `"href": "<from>..."` member gets `to` as its origin. In Okta's HAL bodies
 * `href` members are exactly the links (`_links` at any depth: per-factor `verify`, `resend` arrays...).
 * It works on the bytes: `Buffer.indexOf` finds each `"href"` and only the few bytes after it are compared,
 * so a response costs no decoding, no regular expression over the whole text and no re-encoding; the rest of
 * the body stays byte for byte as the upstream sent it, and a body without such a link is returned as is.
 * The origin may be spelled as JSON allows: escaped slashes (`\/`), any case in the scheme and host, the
 * default port written out; it must end there (`"`, `/`, `?`, `#` or a backslash follows).
 */
export function linkRewriter(from: string, to: string): (body: Buffer) => Buffer {
  const url = new URL(from);
  const scheme = Buffer.from(url.protocol.slice(0, -1).toLowerCase(), 'latin1');
  const host = Buffer.from(url.hostname.toLowerCase(), 'latin1');
  const port = url.port ? Buffer.from(`:${url.port}`, 'latin1') : null;
  const defaultPort = Buffer.from(url.protocol === 'https:' ? ':443' : ':80', 'latin1');
  const replacement = Buffer.from(to, 'latin1');
  /** Where the origin that starts at `at` ends, or -1 when `at` does not start one. */
  const originEnd = (body: Buffer, at: number): number => {
    let i = matchFolded(body, at, scheme);
    if (i < 0 || body[i++] !== 0x3a /* : */) return -1;
    for (let slash = 0; slash < 2; slash++) {
      if (body[i] === 0x5c /* \ */) i++;
      if (body[i++] !== 0x2f /* / */) return -1;
    }
    i = matchFolded(body, i, host);
    if (i < 0) return -1;
    if (port) i = matchFolded(body, i, port);
    else {
      const withPort = matchFolded(body, i, defaultPort);
      if (withPort >= 0) i = withPort;
    }
    return i >= 0 && ORIGIN_ENDS.has(body[i] ?? -1) ? i : -1;
  };
  return (body) => {
    let found = body.indexOf(HREF);
    if (found < 0) return body;
    // Where each origin to replace starts and ends, in pairs.
    const spans: number[] = [];
    for (; found >= 0; found = body.indexOf(HREF, found + HREF.length)) {
      if (body[found - 1] !== 0x22 /* " */) continue;
      let i = skipSpace(body, found + HREF.length);
      if (body[i] !== 0x3a /* : */) continue;
      i = skipSpace(body, i + 1);
      if (body[i] !== 0x22 /* " */) continue;
      const end = originEnd(body, i + 1);
      if (end >= 0) spans.push(i + 1, end);
    }
    if (spans.length === 0) return body;
    let length = body.length;
    for (let k = 0; k < spans.length; k += 2) length += replacement.length - (spans[k + 1]! - spans[k]!);
    // One copy into a buffer of the final size (no views, no concatenation).
    const out = Buffer.allocUnsafe(length);
    let at = 0;
    let copied = 0;
    for (let k = 0; k < spans.length; k += 2) {
      at += body.copy(out, at, copied, spans[k]);
      at += replacement.copy(out, at);
      copied = spans[k + 1]!;
    }
    body.copy(out, at, copied);
    return out;
  };
}

/** What may follow the origin in a link: the end of the string, a path, a query, a fragment or an escape. */
const ORIGIN_ENDS = new Set([0x22, 0x2f, 0x3f, 0x23, 0x5c]);

/** Index after `lower` (ASCII, lower case) matched case-insensitively at `at`, or -1. */
function matchFolded(body: Buffer, at: number, lower: Buffer): number {
  if (at + lower.length > body.length) return -1;
  for (let k = 0; k < lower.length; k++) {
    const byte = body[at + k]!;
    // ASCII letters fold to lower case; every other byte must be the same.
    if ((byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte) !== lower[k]) return -1;
  }
  return at + lower.length;
}

/** Past white space as a JavaScript `\s` matches it in Latin-1 text (JSON writes only space, tab, CR and LF). */
function skipSpace(body: Buffer, at: number): number {
  while (at < body.length) {
    const byte = body[at]!;
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === 0xa0) at++;
    else break;
  }
  return at;
}
