/**
 * Okta's side of a step: one System Log event (`/api/v1/logs`), joined to the client's traffic by the
 * `X-Okta-Request-Id` response header, which Okta writes into `debugContext.debugData.requestId`.
 * Only the fields authtrail shows are modelled; the whole (redacted) event stays in the database.
 */
export interface SystemLogEvent {
  /** The stored row's id. */
  id: number;
  captureId: number;
  /** Order inside its capture, from 1. */
  seq: number;
  uuid: string;
  /** ISO-8601 time Okta logged the event. */
  published: string;
  /** `user.session.start`, `user.authentication.auth_via_mfa` ... (Okta's event type catalog). */
  eventType: string;
  /** `debugContext.debugData.requestId`: the X-Okta-Request-Id of the response that caused the event. */
  requestId: string | null;
  outcome: { result: string | null; reason: string | null };
  /** `debugContext.debugData.threatSuspected` ("true"/"false" in Okta's export); null when absent. */
  threatSuspected: boolean | null;
  severity: string | null;
  displayMessage: string | null;
  /** `actor.alternateId` (the login), else `actor.displayName`. */
  actor: string | null;
  client: { ipAddress: string | null; userAgent: string | null };
  /** `systemlog.json:12` (JSON lines) or `systemlog.json#[3]` (array). */
  sourceRef: string;
}

/** An event as the JSON output shows it (schema additions only: absent when no System Log was given). */
export type SystemLogEventJson = Pick<SystemLogEvent, 'uuid' | 'published' | 'eventType' | 'requestId' | 'outcome' | 'threatSuspected' | 'actor' | 'client' | 'captureId' | 'sourceRef'>;

/** What the join of the System Log to the steps found, for the whole analysis. */
export interface SystemLogJoinJson {
  /** Events in the System Log captures analyzed. */
  events: number;
  /** Events attached to a step. */
  joined: number;
  /** Events whose request id matches no step's X-Okta-Request-Id. */
  unmatched: SystemLogEventJson[];
  /** Steps no event names; `requestId` null when the response carried no X-Okta-Request-Id. */
  stepsWithoutEvent: { transaction: string; step: number; requestId: string | null }[];
}

export function systemLogEventJson(e: SystemLogEvent): SystemLogEventJson {
  return {
    uuid: e.uuid,
    published: e.published,
    eventType: e.eventType,
    requestId: e.requestId,
    outcome: e.outcome,
    threatSuspected: e.threatSuspected,
    actor: e.actor,
    client: e.client,
    captureId: e.captureId,
    sourceRef: e.sourceRef,
  };
}

/** An event as a reader hands it to the ingest pipeline: the parsed JSON, before redaction. */
export interface RawSystemLogEvent {
  event: Record<string, unknown>;
  sourceRef: string;
}
