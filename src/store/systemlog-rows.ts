import type { SystemLogEvent } from '../model/systemlog.js';

/** A System Log event ready to be written: redacted, numbered, with the columns the join reads. */
export interface SystemLogRow {
  seq: number;
  uuid: string;
  published: string;
  eventType: string;
  requestId: string | null;
  event: Record<string, unknown>;
  sourceRef: string;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** `debugContext.debugData.requestId` of a parsed LogEvent, or null. */
export function requestIdOf(event: Json): string | null {
  return str(obj(obj(event.debugContext).debugData).requestId);
}

/** Okta writes debugData values as strings ("true"/"false"); some exporters turn them into booleans. */
function threat(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return null;
}

/** The fields authtrail shows, read from the stored (redacted) event. */
export function summarize(event: Json): Omit<SystemLogEvent, 'id' | 'captureId' | 'seq' | 'sourceRef'> {
  const outcome = obj(event.outcome);
  const actor = obj(event.actor);
  const client = obj(event.client);
  return {
    uuid: str(event.uuid) ?? '',
    published: str(event.published) ?? '',
    eventType: str(event.eventType) ?? '',
    requestId: requestIdOf(event),
    outcome: { result: str(outcome.result), reason: str(outcome.reason) },
    threatSuspected: threat(obj(obj(event.debugContext).debugData).threatSuspected),
    severity: str(event.severity),
    displayMessage: str(event.displayMessage),
    actor: str(actor.alternateId) ?? str(actor.displayName),
    client: { ipAddress: str(client.ipAddress), userAgent: str(obj(client.userAgent).rawUserAgent) },
  };
}

export function toSystemLogEvent(r: any): SystemLogEvent {
  return { id: r.id, captureId: r.capture_id, seq: r.seq, sourceRef: r.source_ref, ...summarize(JSON.parse(r.event)) };
}
