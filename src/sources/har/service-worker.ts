import type { RawExchange } from '../../model/exchange.js';

/** How many recent entries a pair is looked for among: the two halves of a pair are close in a time-sorted file. */
const WINDOW = 32;
/** Slack on the time containment (ms): HAR times are rounded and producers sort by them. */
const SLACK = 2;

interface Seen {
  index: number;
  viaWorker: boolean;
  key: string;
  start: number;
  end: number;
}

/** Whether Chrome's HAR marks this entry as answered through a service worker (`response._fetchedViaServiceWorker`). */
export function fetchedViaServiceWorker(entry: unknown): boolean {
  const response = (entry as { response?: unknown } | null)?.response;
  return typeof response === 'object' && response !== null && (response as Record<string, unknown>)._fetchedViaServiceWorker === true;
}

/**
 * A page whose fetch a service worker handles shows in Chrome's HAR twice: the page's entry (marked
 * `_fetchedViaServiceWorker`) and the worker's own network request, the same request started inside the page
 * entry's time. Okta saw one request; read twice it would look like a replay or a race. This finds the second
 * half of such a pair, so the reader keeps one and says so.
 */
export class ServiceWorkerPairs {
  private readonly recent: Seen[] = [];

  /** The entry index this one duplicates, or null; every entry with a start time and duration is remembered. */
  duplicateOf(raw: RawExchange, index: number, viaWorker: boolean): number | null {
    if (raw.startedAt === null || raw.durationMs === null) return null;
    const start = Date.parse(raw.startedAt);
    if (Number.isNaN(start)) return null;
    const seen: Seen = { index, viaWorker, key: keyOf(raw), start, end: start + raw.durationMs };
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const other = this.recent[i]!;
      if (other.viaWorker === viaWorker || other.key !== seen.key) continue;
      const [page, worker] = viaWorker ? [seen, other] : [other, seen];
      if (worker.start >= page.start - SLACK && worker.start <= page.end + SLACK) {
        // A pair is used once: a third copy is a real repeat.
        this.recent.splice(i, 1);
        return other.index;
      }
    }
    this.recent.push(seen);
    if (this.recent.length > WINDOW) this.recent.shift();
    return null;
  }
}

function keyOf(raw: RawExchange): string {
  const body = typeof raw.requestBody === 'string' ? raw.requestBody : JSON.stringify(raw.requestBody ?? null);
  return `${raw.method} ${raw.url} ${raw.responseStatus ?? raw.transportError} ${body}`;
}
