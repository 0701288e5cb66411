import type { OAuthEvidence } from './oauth.js';
import type { SamlMessage } from './saml.js';

/**
 * The atom of authtrail: one request/response pair, whatever produced it
 * (a forum transcript, a HAR entry, a curl paste, live traffic through the recorder).
 */

export type SourceKind = 'transcript' | 'har' | 'curl' | 'http' | 'proxy' | 'systemlog' | 'saml-tracer' | 'entra';

/** Header names are lower-cased; repeated headers are joined with ", " (Set-Cookie with "\n"). */
export type HeaderMap = Record<string, string>;

/**
 * What a source hands to the ingest pipeline, before redaction.
 * Bodies are parsed JSON when the text was (or could be repaired into) JSON, the text otherwise, or null.
 */
export interface RawExchange {
  method: string;
  url: string;
  requestHeaders: HeaderMap;
  requestBody: unknown;
  /** null when no response arrived (transport error) or the evidence has none. */
  responseStatus: number | null;
  responseHeaders: HeaderMap;
  responseBody: unknown;
  /** Connection refused, reset, timeout...: kept apart from HTTP error statuses. */
  transportError: string | null;
  /** ISO-8601 wall-clock time the request started, when the evidence has it. */
  startedAt: string | null;
  durationMs: number | null;
  /** Where in the evidence this pair came from, e.g. `thread.md:58` or `login.har#entries[12]`. */
  sourceRef: string;
  /**
   * Independent unit of evidence inside one capture (one pasted transcript of a thread, one HAR page...).
   * Transactions are never linked across groups.
   */
  group: string;
  /** The label the evidence gave the pair (a transcript's step number), if any. */
  label?: string;
  /** Remarks from the source about this pair ("response JSON repaired", "body truncated"). */
  notes?: string[];
  /**
   * What an earlier authtrail run learned from this pair's clear evidence before redacting it (exposures,
   * password shapes), read back from authtrail's own HAR export or sanitized HAR: the pipeline adds it to
   * the evidence it records, so re-importing redacted evidence analyzes the same.
   */
  priorEvidence?: Pick<Evidence, 'exposures' | 'passwords' | 'saml'>;
  /**
   * Bodies the source left out as beyond repair, as the evidence had them. Never stored: the redaction reads
   * them only for the secrets they show in clear, which the evidence still exposes.
   */
  unreadable?: { where: 'request.body' | 'response.body'; text: string }[];
}

/** A secret that stood in clear in the evidence. Recorded at ingest, before redaction removes it. */
export interface Exposure {
  where: 'request.body' | 'response.body' | 'request.header' | 'response.header' | 'url';
  /** Field, header or query parameter name, e.g. `newPassword`, `authorization`, `stateToken`. */
  field: string;
  /** JSON path inside the body when relevant, e.g. `_embedded.user.id`. */
  path?: string;
  /** A masked preview that is safe to print: `PW****` or `00WSyS…`. */
  preview: string;
}

/**
 * A secret in clear in a call to the Okta org that the capture did not keep (outside --include, or left out
 * whole as beyond repair): learned at
 * import by the same redaction as a kept exchange's, and kept with the capture, as the call's count is.
 */
export interface UnreadExposure extends Omit<Exposure, 'where'> {
  /** As Exposure's; `text` for a line of a paste that no reader took for a call (reason `text`). */
  where: Exposure['where'] | 'text';
  /** The call's pattern (`/api/v1/sessions`, see callPattern). */
  call: string;
  /** Where in the evidence the call stands, e.g. `thread.md:7`. */
  ref: string;
  /** The call's unit of evidence (RawExchange.group). */
  group: string;
  /**
   * Why the capture did not keep the call: outside --include (the default), or its bodies beyond repair; `text`
   * for no call at all, a line of a paste no reader took for one (call '', group '').
   */
  reason?: 'outside' | 'unreadable' | 'text';
}

/** What can be said of a password without keeping it. */
export interface PasswordShape {
  field: string;
  length: number;
  lower: number;
  upper: number;
  digits: number;
  symbols: number;
  /** Names of profile values seen earlier in the capture that the password contains (`login`, `firstName`, ...). */
  contains: string[];
}

/** Facts the ingest pipeline learned from the clear evidence, kept after the secrets are gone. */
export interface Evidence {
  exposures: Exposure[];
  passwords: PasswordShape[];
  notes: string[];
  /** PKCE verifier facts, computed from the clear value at ingest (src/redact/oauth-evidence.ts). */
  oauth?: OAuthEvidence;
  /** The SAML message the exchange carried, decoded before redaction (routing and timing fields only). */
  saml?: SamlMessage;
}

/** A stored exchange: redacted (unless captured with --raw), numbered, attached to a capture. */
export interface Exchange extends RawExchange {
  id: number;
  captureId: number;
  /** Order inside the capture, from 1. */
  seq: number;
  sourceKind: SourceKind;
  evidence: Evidence;
}

export interface Capture {
  id: number;
  sourceKind: SourceKind;
  /** File name (or `proxy:http://127.0.0.1:8080 -> https://dev-123.okta.com`). */
  file: string;
  contentHash: string | null;
  createdAt: string;
  /** true when secrets were stored in clear (--raw). */
  raw: boolean;
  exchangeCount: number;
  /**
   * Calls to the Okta org the evidence holds but the capture did not keep (outside --include), by call
   * pattern (`/api/v1/users/{id}/factors`) → count. Absent when there were none.
   */
  unread?: Record<string, number>;
  /** The secrets those calls showed in clear (see UnreadExposure). Absent when there were none. */
  unreadExposures?: UnreadExposure[];
  /** Set when the file was cut short and what was read before the damage was kept (`--partial`): what is lost. */
  incomplete?: string;
  /**
   * Units of the evidence (blocks of a paste, HAR entries, Burp items) the import found but could not read, and
   * where the first of them stand (`thread.md:12`): its warnings said why. Absent when every unit was read.
   */
  unreadUnits?: UnreadUnits;
}

/** Units of evidence an import found but could not read (Capture.unreadUnits). */
export interface UnreadUnits {
  count: number;
  /** Units found, those outside --include left aside. */
  of: number;
  /** What the source calls its units, plural: `blocks`, `entries`, `items`. */
  unit: string;
  /** Where the first of them stand (the import's warnings' places, at most UNREAD_UNIT_REFS). */
  refs: string[];
}

/**
 * A transport error as a short label (`Recv failure: Connection reset by peer`), cut to `max` characters:
 * curl's code and an exception's module (`requests.exceptions.`) say little; the rest is what happened.
 */
export function transportErrorLabel(error: string, max: number): string {
  const text = error.replace(/^curl: \(\d+\)\s*/, '').replace(/^(?:[a-z_]\w*\.)+(?=[A-Z]\w*:)/, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
