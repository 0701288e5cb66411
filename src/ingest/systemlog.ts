import type { Evidence } from '../model/exchange.js';
import type { RawSystemLogEvent } from '../model/systemlog.js';
import { Redactor } from '../redact/redactor.js';
import type { Store } from '../store/store.js';
import { requestIdOf } from '../store/systemlog-rows.js';

/**
 * Writes a System Log export's events into the capture an ingest opened (inside its transaction), each one
 * redacted by the same walk as exchange bodies: tokens in URLs or debug data are masked, and a request id
 * masks to the same value as the X-Okta-Request-Id header it must still match. IPs and user agents stay.
 */
export function ingestSystemLog(store: Store, captureId: number, events: readonly RawSystemLogEvent[], raw = false): number {
  const redactor = Redactor.forDatabase(store.path, raw);
  const evidence: Evidence = { exposures: [], passwords: [], notes: [] };
  let seq = 0;
  for (const { event, sourceRef } of events) {
    const redacted = (raw ? event : redactor.redactBody(event, 'response.body', '', evidence, new Map())) as Record<string, unknown>;
    store.insertSystemLogEvent(captureId, {
      seq: ++seq,
      uuid: String(redacted.uuid),
      published: String(redacted.published),
      eventType: String(redacted.eventType),
      requestId: requestIdOf(redacted),
      event: redacted,
      sourceRef,
    });
  }
  return seq;
}
