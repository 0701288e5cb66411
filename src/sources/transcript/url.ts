/** Turns the endpoint a transcript names into the URL an exchange carries. */

const PATH_IN_TEXT =
  /(?:https?:\/\/[^\s/`'"<>()]+|(?<![\w.@-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?=\/))?(?:\.\.\.|…)?\/?(?:api\/v\d+|oauth2|idp)\/[^\s`'"<>()]*|https?:\/\/[^\s`'"<>()]+/i;

/** The first endpoint named in a line of text (with or without host or leading slash), or null. */
export function findEndpoint(text: string): string | null {
  const m = PATH_IN_TEXT.exec(text);
  return m ? m[0] : null;
}

export interface NormalUrl {
  url: string;
  note?: string;
}

/**
 * `api/v1/authn/x` and `…api/v1/authn/x` become `/api/v1/authn/x`; a real host is kept
 * (`https://dev-1.okta.com/api/v1/authn`); a placeholder host (`{yourOktaDomain}`, `$OKTA_DOMAIN`,
 * `<org>`) is dropped because it says nothing about where the call went.
 */
export function normalizeUrl(raw: string): NormalUrl {
  let s = raw.trim().replace(/^(?:\.\.\.|…)+/, '').replace(/[.,;:)\]]+$/, '');
  // `dev-1.okta.com/api/v1/authn`: a host written without its scheme; Okta answers only on https.
  if (/^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?\//i.test(s)) s = `https://${s}`;
  const abs = /^(https?:\/\/)?([^/\s]*[{}$<>%][^/\s]*)(\/.*)?$/i.exec(s);
  if (abs && (abs[1] || /[{$<]/.test(abs[2]!))) {
    return { url: abs[3] ?? '/', note: `placeholder host ${abs[2]} dropped` };
  }
  if (/^https?:\/\//i.test(s)) {
    try {
      const u = new URL(s);
      return { url: `${u.protocol}//${u.host}${rawPath(s)}` };
    } catch {
      return { url: s };
    }
  }
  s = s.replace(/^(?:\.\.\.|…)?\/*/, '/');
  return { url: s };
}

/** The path exactly as written: WHATWG URL parsing would percent-encode the `*` of masked ids. */
function rawPath(s: string): string {
  const i = s.indexOf('/', s.indexOf('//') + 2);
  return i < 0 ? '/' : s.slice(i);
}
