import picomatch from 'picomatch';
import { memoize } from '../model/memo.js';
import { DEFAULT_INCLUDE } from './index.js';
import { pathOf } from '../http/url.js';

/**
 * The one `--include` predicate every source and the recorder use: globs on the URL path (`*` within a
 * segment, `**` across), case-insensitive as Okta is (`/factors/SMS/verify` = `/factors/sms/verify`).
 */
export function includeMatcher(patterns: readonly string[] = DEFAULT_INCLUDE): (url: string) => boolean {
  const isMatch = picomatch([...(patterns.length > 0 ? patterns : DEFAULT_INCLUDE)], { nocase: true, dot: true });
  // The recorder asks for every request, and an app calls the same few paths over and over.
  return memoize((url) => isMatch(pathOf(url)));
}
