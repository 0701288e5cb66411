import type { RawExchange } from '../../model/exchange.js';
import { pathOf } from '../../http/url.js';

/**
 * Two readers reading the same calls in one paste (mergeReadings): a script's calls and, pasted after the
 * script, the wire log of what they sent (Python's http.client debug output rewritten as raw HTTP); a curl
 * command and the raw HTTP copy of it under it. Each call is kept once.
 */

/** One exchange a reader read, with the reader's rank (0 best) and the paste's line it starts on. */
export interface ReadItem {
  e: RawExchange;
  rank: number;
  line: number;
}

/** Comparisons the in-order search may make on one paste: past it, only the neighbour rule is applied. */
const BUDGET = 200_000;

/**
 * The items (in line order, ties by rank) with each call two readers both read kept once. A run of one
 * reader's items is matched, in order, to the run of another reader's just before it: an item is the same
 * call as one of that run when it starts on the same line as the run's last item, or when method, path
 * (a `{{…}}` placeholder matches any segment), request body, HTTP status and the answer's status and
 * tokens agree (see sameCall); failing both, when it is that run's last item's neighbour with the same
 * method and path. Of the two, the one that tells more stays (see richer).
 */
export function keepOnce(all: readonly ReadItem[]): ReadItem[] {
  const kept: ReadItem[] = [];
  /** Indexes in `kept` of the run before the one being read. */
  let tail: number[] = [];
  let budget = BUDGET;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.rank === all[i]!.rank) j++;
    const run: number[] = [];
    let from = 0;
    for (let q = i; q < j; q++) {
      const item = all[q]!;
      let at = -1;
      const last = tail.length > 0 ? kept[tail[tail.length - 1]!]! : undefined;
      if (q === i && last && last.rank !== item.rank && last.line === item.line) at = tail.length - 1;
      for (let k = from; at < 0 && k < tail.length && budget > 0; k++, budget--) {
        const other = kept[tail[k]!]!;
        if (other.rank !== item.rank && sameCall(other.e, item.e)) at = k;
      }
      if (at < 0 && q === i && last && last.rank !== item.rank && last.e.method === item.e.method && pathOf(last.e.url) === pathOf(item.e.url)) at = tail.length - 1;
      if (at < 0) {
        run.push(kept.length);
        kept.push(item);
        continue;
      }
      const index = tail[at]!;
      if (richer(item.e, kept[index]!.e)) kept[index] = item;
      run.push(index);
      from = at + 1;
    }
    tail = run;
    i = j;
  }
  return kept;
}

/** Whether two readings are of the same call: nothing either shows tells them apart. */
export function sameCall(a: RawExchange, b: RawExchange): boolean {
  if (a.method !== b.method || !samePath(pathOf(a.url), pathOf(b.url))) return false;
  if (a.responseStatus !== null && b.responseStatus !== null && a.responseStatus !== b.responseStatus) return false;
  if (!sameValue(a.requestBody, b.requestBody, true)) return false;
  return sameAnswer(a.responseBody, b.responseBody);
}

/** Paths alike segment by segment; a segment holding a `{{…}}` placeholder matches any. */
function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.split('/');
  const y = b.split('/');
  return x.length === y.length && x.every((s, i) => s === y[i] || isPlaceholder(s) || isPlaceholder(y[i]!));
}

const isPlaceholder = (value: unknown) => typeof value === 'string' && value.includes('{{');

/** Request bodies alike: the same members with the same values, a placeholder matching any; a missing body matches any. */
function sameValue(a: unknown, b: unknown, top: boolean): boolean {
  if (top && (a === null || a === undefined || b === null || b === undefined)) return true;
  if (isPlaceholder(a) || isPlaceholder(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => k in b && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], false));
}

/** What tells two answers apart when both show it: their status, error code and tokens. */
const ANSWER_KEYS = ['status', 'errorCode', 'stateToken', 'sessionToken', 'recoveryToken', 'factorResult'];

function sameAnswer(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return ANSWER_KEYS.every((k) => !(k in x) || !(k in y) || isPlaceholder(x[k]) || isPlaceholder(y[k]) || x[k] === y[k]);
}

/**
 * Whether `a` tells more of the call than `b`: an answer (a status, a body read as JSON) where `b` has none; else fewer placeholders in its
 * URL and body (a wire log shows the values a script names); else more headers (what crossed the wire).
 */
function richer(a: RawExchange, b: RawExchange): boolean {
  const answered = (e: RawExchange) => (e.responseStatus !== null ? 1 : 0) + (e.responseBody !== null && typeof e.responseBody === 'object' ? 1 : 0);
  if (answered(a) !== answered(b)) return answered(a) > answered(b);
  const unknowns = (e: RawExchange) => (e.url.match(/\{\{/g)?.length ?? 0) + (JSON.stringify(e.requestBody ?? null).match(/\{\{/g)?.length ?? 0);
  if (unknowns(a) !== unknowns(b)) return unknowns(a) < unknowns(b);
  const headers = (e: RawExchange) => Object.keys(e.requestHeaders).length + Object.keys(e.responseHeaders).length;
  return headers(a) > headers(b);
}
