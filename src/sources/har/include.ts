/** The default `--include`: every Okta Authentication API call, `/api/v1/authn` itself included. */
export const DEFAULT_INCLUDE = ['/api/v1/authn/**'];

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `/x/**` also matches `/x`: primary authentication is POST /api/v1/authn with nothing after it.
      if (re.endsWith('/')) re = `${re.slice(0, -1)}(?:/.*)?`;
      else re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/**
 * A predicate over request URLs from `--include` globs on the URL path (`*` within a segment, `**` across).
 * Paths are compared case-insensitively: Okta accepts `/factors/SMS/verify` and `/factors/sms/verify` alike.
 */
export function includeMatcher(patterns: readonly string[] = DEFAULT_INCLUDE): (url: string) => boolean {
  const res = (patterns.length > 0 ? patterns : DEFAULT_INCLUDE).map(globToRegExp);
  return (url) => {
    let path: string;
    try {
      path = new URL(url, 'http://relative.invalid').pathname;
    } catch {
      return false;
    }
    return res.some((re) => re.test(path));
  };
}
