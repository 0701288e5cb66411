import type { SystemLogEvent } from '../model/systemlog.js';
import type { Transaction } from '../model/transaction.js';

/** What the join found, beside the events it put on the steps. */
export interface SystemLogJoin {
  events: number;
  joined: number;
  /** Events whose request id no step's response carried (or that have none). */
  unmatched: SystemLogEvent[];
  stepsWithoutEvent: { transaction: string; step: number; requestId: string | null }[];
}

/**
 * Puts each System Log event on the step whose response carried its request id (Okta writes the response's
 * X-Okta-Request-Id into `debugContext.debugData.requestId`), in `step.events`, oldest first. One request
 * can log several events (a push sent and the factor verified); a request id is unique to one response.
 */
export function joinSystemLog(transactions: readonly Transaction[], events: readonly SystemLogEvent[]): SystemLogJoin {
  const byRequest = new Map<string, SystemLogEvent[]>();
  const unmatched: SystemLogEvent[] = [];
  for (const e of events) {
    if (e.requestId === null) {
      unmatched.push(e);
      continue;
    }
    const list = byRequest.get(e.requestId);
    if (list) list.push(e);
    else byRequest.set(e.requestId, [e]);
  }
  const used = new Set<string>();
  const stepsWithoutEvent: SystemLogJoin['stepsWithoutEvent'] = [];
  let joined = 0;
  for (const tx of transactions) {
    for (const step of tx.steps) {
      const requestId = step.exchange.responseHeaders['x-okta-request-id']?.trim() || null;
      const own = requestId === null ? [] : (byRequest.get(requestId) ?? []);
      step.events = [...own].sort(byPublished);
      if (requestId !== null && own.length) {
        // The same response stored twice (the same HAR imported with --force) gets the events on each copy.
        if (!used.has(requestId)) joined += own.length;
        used.add(requestId);
      } else stepsWithoutEvent.push({ transaction: tx.id, step: step.step, requestId });
    }
  }
  for (const [requestId, list] of byRequest) if (!used.has(requestId)) unmatched.push(...list);
  unmatched.sort(byPublished);
  return { events: events.length, joined, unmatched, stepsWithoutEvent };
}

function byPublished(a: SystemLogEvent, b: SystemLogEvent): number {
  return a.published.localeCompare(b.published) || a.captureId - b.captureId || a.seq - b.seq;
}
