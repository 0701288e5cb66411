import picomatch from 'picomatch';
import { InputError } from '../../model/errors.js';

/** `--intercept` host globs (the path globs of `--include` are the shared ones of ../include.ts). */

export const DEFAULT_INTERCEPT = '*.okta.com,*.oktapreview.com,*.okta-emea.com';

function globs(list: string | string[]): string[] {
  const items = [list].flat().flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new InputError(`--intercept is empty: give at least one host glob, e.g. ${DEFAULT_INTERCEPT}`);
  return items;
}

/** Host globs, case-insensitive; a port in the host is ignored. */
export function hostMatcher(list: string | string[] = DEFAULT_INTERCEPT): (host: string) => boolean {
  const match = picomatch(globs(list), { nocase: true, dot: true });
  return (host) => match(stripPort(host));
}

export function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon > 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}
