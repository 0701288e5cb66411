import picomatch from 'picomatch';
import { memoize } from '../model/memo.js';
import { pathOf } from '../protocols/okta-authn/operations.js';

/** The default `--include`: every Okta Authentication API call, `/api/v1/authn` itself included. */
export const DEFAULT_INCLUDE: readonly string[] = ['/api/v1/authn/**'];


/**
 * The one `--include` predicate every source and the recorder use: globs on the URL path (`*` within a
 * segment, `**` across), case-insensitive as Okta is (`/factors/SMS/verify` = `/factors/sms/verify`).
 */
export function includeMatcher(patterns: readonly string[] = DEFAULT_INCLUDE): (url: string) => boolean {
  const isMatch = picomatch([...(patterns.length > 0 ? patterns : DEFAULT_INCLUDE)], { nocase: true, dot: true });
  // The recorder asks for every request, and an app calls the same few paths over and over.
  return memoize((url) => isMatch(pathOf(url)));
}
