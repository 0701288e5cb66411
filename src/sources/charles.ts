import { type ImportSource, type LeftOut, newReport } from '../ingest/source.js';
import { InputError } from '../model/errors.js';
import type { HeaderMap, RawExchange } from '../model/exchange.js';
import { addHeader } from '../http/headers.js';
import { UnreadTally, mayCount } from '../protocols/org.js';
import { undoContentCoding } from './har/coding.js';
import { contentHash, decodeText } from './har/text-coding.js';

/**
 * Charles Proxy's JSON session (File > Export Session > JSON Session File, `.chlsj`): an array of
 * transactions, each with `scheme`, `host`, `port`, `path`, `query`, `method`, `times`, `durations` and
 * `request` / `response`, whose `header.headers` are name/value pairs and whose `body` is `{ text }` or
 * `{ encoded }` (base64, for what Charles did not keep as text).
 */

/** Whether the start of a file is a Charles JSON session: an array of objects with Charles's own fields. */
export function isCharlesSession(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('[') && /"(?:scheme|protocolVersion)"\s*:/.test(text) && /"(?:host)"\s*:/.test(text) && /"(?:request|times)"\s*:/.test(text);
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function headersOf(side: Json): HeaderMap {
  const out: HeaderMap = {};
  const list = obj(side.header).headers;
  // HTTP/2 pseudo-headers (`:authority`, `:path` …) repeat what the transaction's URL and method say.
  if (Array.isArray(list)) for (const h of list) if (typeof obj(h).name === 'string' && !String(obj(h).name).startsWith(':')) addHeader(out, String(obj(h).name), String(obj(h).value ?? ''));
  return out;
}

/** A side's body as text: `text` as it is, `encoded` from base64 (inflated when it is still compressed). */
function bodyOf(side: Json, notes: string[], label: string): string | null {
  const body = obj(side.body);
  if (typeof body.text === 'string') return body.text;
  if (typeof body.encoded !== 'string') return null;
  const bytes = Buffer.from(body.encoded, 'base64');
  // Charles usually keeps the body decoded under the original Content-Encoding: the HAR reader's rule (with
  // its ceiling against bombs) undoes a coding only where the bytes still carry it.
  const undone = undoContentCoding(bytes, typeof side.contentEncoding === 'string' ? side.contentEncoding : undefined);
  notes.push(`${label} body saved base64 by Charles; decoded${undone.bytes === null ? ` (its ${undone.coding} ${undone.why}: read as saved)` : undone.coding ? ` and ${undone.coding} undone` : ''}`);
  return (undone.bytes ?? bytes).toString('utf8');
}

function parseBody(text: string | null, headers: HeaderMap): unknown {
  if (text === null || text === '') return null;
  if (/json/i.test(headers['content-type'] ?? '') || /^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** One transaction, with its URL read already, as an exchange. */
function transactionToRaw(t: Json, url: string, ref: string): RawExchange {
  const notes: string[] = Array.isArray(t.notes) ? t.notes.map(String) : [];
  const request = obj(t.request);
  const response = obj(t.response);
  const requestHeaders = headersOf(request);
  const responseHeaders = headersOf(response);
  const status = typeof response.status === 'number' && response.status > 0 ? response.status : null;
  const complete = t.status === 'COMPLETE' || status !== null;
  const start = Date.parse(String(obj(t.times).start ?? ''));
  const total = Number(obj(t.durations).total);
  return {
    method: typeof t.method === 'string' ? t.method.toUpperCase() : 'GET',
    url,
    requestHeaders,
    requestBody: parseBody(bodyOf(request, notes, 'request'), requestHeaders),
    responseStatus: status,
    responseHeaders,
    responseBody: status === null ? null : parseBody(bodyOf(response, notes, 'response'), responseHeaders),
    transportError: complete ? null : `Charles: ${typeof t.status === 'string' ? t.status.toLowerCase() : 'no response'}${typeof t.errorMessage === 'string' ? ` (${t.errorMessage})` : ''}`,
    startedAt: Number.isNaN(start) ? null : new Date(start).toISOString(),
    durationMs: Number.isFinite(total) && total >= 0 ? total : null,
    sourceRef: ref,
    group: 'charles',
    ...(notes.length ? { notes } : {}),
  };
}

export function openCharlesSource(path: string, bytes: Buffer, include: (url: string) => boolean): ImportSource {
  let doc: unknown;
  try {
    // Windows tools save "Unicode" (UTF-16, with a byte-order mark or without): decoded as the HAR reader does.
    doc = JSON.parse(decodeText(bytes).text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${path}: a Charles JSON session that is not valid JSON (${(error as Error).message}); export the session again`, path);
  }
  if (!Array.isArray(doc)) throw new InputError(`${path}: not a Charles JSON session (the top level is not an array)`, path);
  return readCharlesTransactions(path, bytes, doc, include, { ref: (i) => `${path}#[${i}]`, name: 'Charles JSON session' });
}

/**
 * The transactions of a Charles session, in the JSON session's shape (the XML session's reader builds the
 * same objects), as an ImportSource: one reading for both exports, --include and the calls left out alike.
 */
export function readCharlesTransactions(
  path: string,
  bytes: Buffer,
  doc: readonly unknown[],
  include: (url: string) => boolean,
  how: { ref: (i: number) => string; name: string; warnings?: { ref: string; message: string }[] },
): ImportSource {
  const report = newReport('transactions');
  if (how.warnings) report.warnings.push(...how.warnings);
  // The calls to the Okta org outside --include are counted and read (not kept) for the secrets they show.
  const unread = new UnreadTally<RawExchange>();
  const exchanges: RawExchange[] = [];
  doc.forEach((raw, i) => {
    report.found++;
    const t = obj(raw);
    const ref = how.ref(i);
    const host = typeof t.host === 'string' && t.host !== '' ? t.host : null;
    if (!host || typeof t.path !== 'string' || t.path === '') {
      report.warnings.push({ ref, message: 'a transaction without host or path; left out' });
      return;
    }
    const scheme = typeof t.scheme === 'string' ? t.scheme : 'https';
    const port = typeof t.port === 'number' && t.port !== (scheme === 'https' ? 443 : 80) ? `:${t.port}` : '';
    const url = `${scheme}://${host}${port}${t.path}${typeof t.query === 'string' && t.query !== '' ? `?${t.query}` : ''}`;
    if (!include(url)) {
      report.outside++;
      if (!mayCount(url)) return;
      const left = transactionToRaw(t, url, ref);
      unread.add(url, left.responseHeaders['content-type'] ?? null, false, left);
      return;
    }
    unread.sawOrg(url);
    exchanges.push(transactionToRaw(t, url, ref));
  });
  report.imported = exchanges.length;
  report.unread = unread.result();
  const leftOut: LeftOut[] = unread.items().map((exchange) => ({ exchange, reason: 'outside' }));
  if (report.found === 0) throw new InputError(`${path}: a ${how.name} with no transactions`, path);
  if (exchanges.length === 0) throw new InputError(`${path}: none of its ${report.found} Charles transactions is an Okta authn, Identity Engine or OAuth call (see --include)`, path);
  return { kind: 'http', file: path, contentHash: contentHash(bytes), exchanges, report, ...(leftOut.length ? { leftOut } : {}) };
}
