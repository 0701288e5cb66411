import { pathOf } from '../http/url.js';
import { memoize } from '../model/memo.js';

/**
 * Which exchanges are calls to the Okta org, so that those no protocol module reads are counted and named
 * ("never silently clean") instead of vanishing with the other traffic of a browser session.
 */

/** Okta's own domains (production, preview, EMEA, government cells). */
const OKTA_HOST = /(?:^|\.)(?:okta|oktapreview|okta-emea|okta-gov|okta-mil|trexcloud)\.com$/i;
/** Paths only an Okta org serves, whatever its (custom) domain. */
export const OKTA_PATH = /^\/(?:api\/v1\/(?:authn|sessions|users\/me)|idp\/idx|oauth2\/|login\/|sso\/idps|\.well-known\/okta-)/i;

/** `host:port` of a URL, lower-cased ('' for a bare path): two servers on one machine are two hosts. */
export function hostOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(url.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * The URL up to the `/` that ends its authority (`https://dev-1.okta.com/`), or '' when it has none: every URL
 * that starts with it has the same `hostOf`, as that reads no further than the authority.
 */
export function originPrefix(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return '';
  const end = url.indexOf('/', scheme + 3);
  return end < 0 ? '' : url.slice(0, end + 1);
}

const isOktaHost = (host: string) => OKTA_HOST.test(host.replace(/:\d+$/, ''));

/**
 * A path with its ids, tokens and long numbers replaced, so `/api/v1/users/00u1…/factors` counts as one call.
 * Remembered: the recorder asks for every call it forwards without recording.
 */
export const callPattern: (url: string) => string = memoize((url) => pathOf(url).split('/').map((s) => (isIdLike(s) ? '{id}' : s)).join('/') || '/');

function isIdLike(segment: string): boolean {
  if (segment.length < 8) return /^\d{3,}$/.test(segment);
  // Okta ids (00u…, opf…, 20 chars of mixed case and digits), UUIDs, hex and base64url tokens.
  return /\d/.test(segment) && /^[A-Za-z0-9_~.-]+$/.test(segment) && !/^v\d+$/.test(segment);
}

const API_PATH = /^\/(?:api|idp|oauth2|login|sso|auth)(?:\/|$)/i;
const METADATA_PATH = /\/\.well-known\/|\/v1\/keys$/i;
const STATIC_PATH = /\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|eot|html?)$/i;
const STATIC_TYPE = /^(?:text\/(?:html|css|javascript)|image\/|font\/|application\/(?:javascript|x-javascript|font))/i;

/**
 * Whether UnreadTally.add may count the call (whether it does depends on its host, known at the end): an API
 * call, or a path only Okta serves. A reader that skips what it does not keep reads these ones (see
 * ImportSource.leftOut).
 */
export function mayCount(url: string, responseType?: string | null, toOrg = false): boolean {
  const path = pathOf(url);
  // Discovery documents and key sets say where the endpoints are, nothing about a flow (see LinkFacts.context).
  if (METADATA_PATH.test(path)) return false;
  const oktaPath = OKTA_PATH.test(path);
  if (!oktaPath && (STATIC_PATH.test(path) || (responseType && STATIC_TYPE.test(responseType)))) return false;
  // On the org's own host only API calls count: its pages (`/signin`) and assets say nothing about a flow.
  return toOrg || oktaPath || API_PATH.test(path);
}

/** The calls of one piece of evidence that reached the Okta org but were not read: pattern → count. */
export type Unread = Record<string, number>;

/** The most distinct patterns kept; the rest are counted under `other`. */
const MAX_PATTERNS = 200;

/**
 * Counts exchanges left out of the analysis (outside --include, or no protocol claimed them) that were calls
 * to the Okta org: by Okta's domains and paths, or by a host that served an exchange that was read.
 */
export class UnreadTally<T = never> {
  private readonly byHost = new Map<string, Map<string, number>>();
  /** What the callers handed with the calls they added (see `add`), with the host each is counted under. */
  private readonly kept: [host: string, item: T][] = [];
  private readonly orgHosts = new Set<string>();
  /** The origin of the last URL `sawOrg` counted (see originPrefix). */
  private lastOrigin = '';

  /** An exchange that was read: its host is the org's, so what else it served counts too. */
  sawOrg(url: string): void {
    // The steps of a flow share their origin: its host is counted already (a large analysis calls this per step).
    if (this.lastOrigin !== '' && url.startsWith(this.lastOrigin)) return;
    this.orgHosts.add(hostOf(url));
    this.lastOrigin = originPrefix(url);
  }


  /** `sawOrg` given the host (`hostOf` of the URL). */
  sawHost(host: string): void {
    this.orgHosts.add(host);
  }

  /**
   * An exchange that was not read. Pages, scripts, styles and images are not API calls: the sign-in page's
   * assets say nothing about the flow, so they are left out unless the path is one only Okta serves.
   * `toOrg`: the caller knows the exchange went to the org (the recorder's reverse mode).
   */
  add(url: string, responseType?: string | null, toOrg = false, item?: T): void {
    if (!mayCount(url, responseType, toOrg)) return;
    const host = toOrg || OKTA_PATH.test(pathOf(url)) || isOktaHost(hostOf(url)) ? '*' : hostOf(url);
    let patterns = this.byHost.get(host);
    if (!patterns) this.byHost.set(host, (patterns = new Map()));
    const call = callPattern(url);
    const pattern = patterns.size >= MAX_PATTERNS && !patterns.has(call) ? 'other' : call;
    patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
    if (item !== undefined) this.kept.push([host, item]);
  }

  /** The items handed with the calls `result` counts, in the order they were added. */
  items(): T[] {
    return this.kept.filter(([host]) => host === '*' || this.orgHosts.has(host)).map(([, item]) => item);
  }

  result(): Unread {
    const out: Unread = {};
    for (const [host, patterns] of this.byHost) {
      if (host !== '*' && !this.orgHosts.has(host)) continue;
      for (const [pattern, n] of patterns) out[pattern] = (out[pattern] ?? 0) + n;
    }
    return out;
  }
}

export function unreadTotal(unread: Unread): number {
  return Object.values(unread).reduce((a, b) => a + b, 0);
}

/** `/api/v1/users/me ×3, /api/v1/users/{id}/factors ×1`: most frequent first, at most `max` named. */
export function unreadText(unread: Unread, max = 5): string {
  const entries = Object.entries(unread).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const named = entries.slice(0, max).map(([p, n]) => `${p} ×${n}`);
  if (entries.length > max) named.push(`${entries.length - max} more`);
  return named.join(', ');
}

/** Merges several pieces of evidence's tallies. */
export function mergeUnread(list: readonly Unread[]): Unread {
  const out: Unread = {};
  for (const u of list) for (const [p, n] of Object.entries(u)) out[p] = (out[p] ?? 0) + n;
  return out;
}
