import type { Evidence, RawExchange } from '../../model/exchange.js';
import { requestBody, responseBody } from './body.js';
import { contentEncodingOf } from './coding.js';
import { toHeaderMap } from './headers.js';

/**
 * What authtrail's own HAR export adds to an entry (custom fields start with `_` in HAR 1.2), so that
 * importing an export restores what HAR has no place for.
 */
interface AuthtrailEntryExtension {
  group?: string;
  label?: string;
  notes?: string[];
  /** Where the exchange came from before it was exported (information only). */
  sourceRef?: string;
  /** The URL as the capture had it, when it was not absolute (HAR's `url` then has a placeholder origin). */
  url?: string;
  /** The capture had no start time: the HAR's required `startedDateTime` is a stand-in. */
  untimed?: boolean;
  /** The capture had no duration: the HAR's required `time` is a stand-in. */
  noDuration?: boolean;
  /** What authtrail learned from the clear evidence before it redacted it (exposures, password shapes). */
  evidence?: Pick<Evidence, 'exposures' | 'passwords'>;
}

/** A HAR entry too broken to be an exchange (no request, no URL); the source warns and moves on. */
export class BadEntryError extends Error {
  override name = 'BadEntryError';
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** The request URL of an entry, or null when it has none (checked before the rest is converted). */
export function entryUrl(entry: unknown): string | null {
  const url = obj(obj(entry).request).url;
  return typeof url === 'string' && url !== '' ? url : null;
}

/**
 * The reason no response arrived, or null when one did. Chrome marks failures with `_error`
 * (`net::ERR_CONNECTION_REFUSED`) and status 0, Playwright with `_failureText` and status -1; others only
 * with status 0 or no response.
 */
function transportError(entry: Obj, response: Obj): string | null {
  const error = response._error ?? entry._error ?? response._failureText;
  if (typeof error === 'string' && error !== '') return error;
  if (Object.keys(response).length === 0) return 'no response recorded';
  const status = Number(response.status);
  if (!Number.isFinite(status) || status <= 0) return `no response (status ${Number.isFinite(status) ? status : 'missing'})`;
  return null;
}

/**
 * Already what toISOString writes (Chrome, Playwright) and a valid date in every month (Date.parse would
 * roll Feb 30 or 24:00 over): kept as is, the conversion costs more than the test.
 */
const ISO_UTC = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Before this a start time is a producer's placeholder, not a capture: Fiddler writes .NET's
 * `0001-01-01T00:00:00` for an unknown time, some tools the Unix epoch.
 */
const EARLIEST = Date.UTC(2000, 0, 1);

function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (ISO_UTC.test(value)) return value;
  const t = Date.parse(value);
  return Number.isNaN(t) || t < EARLIEST ? null : new Date(t).toISOString();
}

/** How an entry's `startedDateTime` is named in a warning: absent, empty or the value itself (cut short). */
function describeTime(value: unknown): string {
  if (value === undefined) return 'no startedDateTime';
  if (value === '') return 'an empty startedDateTime';
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `startedDateTime ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
}

/** The `_authtrail.evidence` of an entry, when it has the expected shape (a hand-edited file may not). */
function priorEvidence(value: unknown): RawExchange['priorEvidence'] | null {
  const ev = obj(value);
  const exposures = Array.isArray(ev.exposures) ? ev.exposures.filter((x) => x && typeof x === 'object' && typeof x.field === 'string') : [];
  const passwords = Array.isArray(ev.passwords) ? ev.passwords.filter((x) => x && typeof x === 'object' && typeof x.length === 'number') : [];
  return exposures.length || passwords.length ? { exposures, passwords } : null;
}

/** What a warning about an entry concerns: its start time, or a body. */
export type EntryProblem = 'time' | 'body';

/**
 * Converts one HAR entry; `ref` is `file#entries[i]`, `group` the evidence unit for entries without their own.
 * `warn` hears what the user should know about this entry (a time that is no time, a body that does not decode).
 */
export function entryToRaw(entry: unknown, ref: string, group: string, warn: (message: string, about: EntryProblem) => void = () => {}): RawExchange {
  const e = obj(entry);
  const request = obj(e.request);
  const response = obj(e.response);
  const ext = obj(e._authtrail) as AuthtrailEntryExtension;
  const url = typeof ext.url === 'string' && ext.url !== '' ? ext.url : entryUrl(entry);
  if (url === null) throw new BadEntryError('entry has no request URL');
  const failure = transportError(e, response);
  const status = failure === null ? Number(response.status) : null;
  const notes: string[] = Array.isArray(ext.notes) ? ext.notes.map(String) : [];

  const reqBody = requestBody(request.postData, contentEncodingOf(request.headers));
  const resBody = failure === null ? responseBody(response.content, status, contentEncodingOf(response.headers)) : { body: null, note: null };
  for (const note of [reqBody.note, resBody.note]) if (note) notes.push(note);
  for (const problem of [reqBody.undecodable, resBody.undecodable]) if (problem) warn(`${problem}; kept as base64, not read`, 'body');

  const startedAt = ext.untimed === true ? null : isoTime(e.startedDateTime);
  if (startedAt === null && ext.untimed !== true) {
    notes.push('startedDateTime missing or invalid');
    warn(`${describeTime(e.startedDateTime)}, so its start time is unknown; it is placed by its position in the file`, 'time');
  }
  const time = Number(e.time);
  const raw: RawExchange = {
    method: typeof request.method === 'string' ? request.method.toUpperCase() : 'GET',
    url,
    requestHeaders: toHeaderMap(request.headers, request.cookies, 'cookie'),
    requestBody: reqBody.body,
    responseStatus: status,
    responseHeaders: failure === null ? toHeaderMap(response.headers, response.cookies, 'set-cookie') : {},
    responseBody: resBody.body,
    transportError: failure,
    startedAt,
    durationMs: ext.noDuration === true || !Number.isFinite(time) || time < 0 ? null : time,
    sourceRef: ref,
    group: typeof ext.group === 'string' ? ext.group : group,
  };
  // HAR 1.2: `redirectURL` is the Location header's target; producers that drop headers (or a sanitizer that
  // stripped them) keep it there alone. OAuth reads the authorization code and errors from it.
  if (failure === null && typeof response.redirectURL === 'string' && response.redirectURL !== '' && raw.responseHeaders.location === undefined) {
    raw.responseHeaders.location = response.redirectURL;
  }
  if (typeof ext.label === 'string') raw.label = ext.label;
  const prior = priorEvidence(ext.evidence);
  if (prior) raw.priorEvidence = prior;
  if (notes.length > 0) raw.notes = notes;
  return raw;
}
