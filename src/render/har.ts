import { STATUS_CODES } from 'node:http';
import type { Capture, Exchange, HeaderMap } from '../model/exchange.js';

/** Name and version written in `log.creator`. */
export interface HarCreator {
  name: string;
  version: string;
}

type NameValue = { name: string; value: string };

function headerList(headers: HeaderMap): NameValue[] {
  const list: NameValue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    // The model joins repeated Set-Cookie headers with "\n"; HAR lists each one.
    for (const v of name === 'set-cookie' ? value.split('\n') : [value]) list.push({ name, value: v });
  }
  return list;
}

function cookieList(header: string | undefined, response: boolean): NameValue[] {
  if (!header) return [];
  const pairs = response ? header.split('\n').map((line) => line.split(';')[0]) : header.split(/;\s*/);
  return pairs
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}

function queryList(url: string): NameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function bodyText(body: unknown): string | null {
  if (body === null || body === undefined) return null;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function mimeType(headers: HeaderMap, text: string | null, body: unknown): string {
  const declared = headers['content-type'];
  if (declared) return declared;
  if (text === null) return 'x-unknown';
  return typeof body === 'string' ? 'text/plain' : 'application/json';
}

/**
 * HAR requires absolute URLs; pasted evidence often has only a path (`/api/v1/authn/recovery/token`).
 * Such a URL gets a reserved placeholder origin, and the original is kept in `_authtrail.url`.
 */
const PLACEHOLDER_ORIGIN = 'https://okta.invalid';

function absoluteUrl(url: string): string {
  if (URL.canParse(url)) return url;
  return new URL(url.startsWith('/') ? url : `/${url}`, PLACEHOLDER_ORIGIN).href;
}

function iso(value: string | null | undefined, fallback: string): string {
  const t = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

/**
 * One exchange as a HAR 1.2 entry. What HAR has no field for (group, label, notes, what was learned from
 * the clear evidence before redaction, whether the time is known) goes into `_authtrail`, so importing the
 * export gives the same analysis as the capture.
 */
export function harEntry(exchange: Exchange, fallbackTime: string, pageref?: string): Record<string, unknown> {
  const reqText = bodyText(exchange.requestBody);
  const resText = bodyText(exchange.responseBody);
  const failed = exchange.transportError !== null || exchange.responseStatus === null;
  const time = exchange.durationMs ?? 0;
  const resBytes = resText === null ? 0 : Buffer.byteLength(resText);
  const url = absoluteUrl(exchange.url);
  const entry: Record<string, unknown> = {
    ...(pageref ? { pageref } : {}),
    startedDateTime: iso(exchange.startedAt, fallbackTime),
    time,
    request: {
      method: exchange.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: cookieList(exchange.requestHeaders.cookie, false),
      headers: headerList(exchange.requestHeaders),
      queryString: queryList(url),
      ...(reqText === null ? {} : { postData: { mimeType: mimeType(exchange.requestHeaders, reqText, exchange.requestBody), text: reqText } }),
      headersSize: -1,
      bodySize: reqText === null ? 0 : Buffer.byteLength(reqText),
    },
    response: {
      status: failed ? 0 : exchange.responseStatus,
      statusText: failed ? '' : (STATUS_CODES[exchange.responseStatus ?? 0] ?? ''),
      httpVersion: failed ? '' : 'HTTP/1.1',
      cookies: cookieList(exchange.responseHeaders['set-cookie'], true),
      headers: headerList(exchange.responseHeaders),
      content: { size: resBytes, mimeType: mimeType(exchange.responseHeaders, resText, exchange.responseBody), ...(resText === null ? {} : { text: resText }) },
      redirectURL: exchange.responseHeaders.location ?? '',
      headersSize: -1,
      bodySize: failed ? -1 : resBytes,
      ...(failed ? { _error: exchange.transportError ?? 'no response' } : {}),
    },
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    _authtrail: {
      group: exchange.group,
      sourceRef: exchange.sourceRef,
      ...(url !== exchange.url ? { url: exchange.url } : {}),
      ...(exchange.label !== undefined ? { label: exchange.label } : {}),
      ...(exchange.notes?.length ? { notes: exchange.notes } : {}),
      ...(exchange.startedAt === null ? { untimed: true } : {}),
      ...(exchange.durationMs === null ? { noDuration: true } : {}),
      evidence: { exposures: exchange.evidence.exposures, passwords: exchange.evidence.passwords },
    },
  };
  return entry;
}

/**
 * A capture as HAR 1.2 text, in chunks (one per entry) so a large capture is never one string.
 * Each group of the capture is a page, so tools that show pages keep the evidence units apart; `pages`
 * follows `entries` (key order is free in JSON) so entries can be written as they come.
 */
export function* harChunks(capture: Capture, exchanges: Iterable<Exchange>, creator: HarCreator): Generator<string> {
  const fallback = iso(capture.createdAt, new Date(0).toISOString());
  const pages = new Map<string, { id: string; startedDateTime: string }>();
  const comment = `authtrail capture ${capture.id} of ${capture.file}${capture.raw ? ' (raw: secrets in clear)' : ' (redacted)'}`;
  yield `{\n  "log": {\n    "version": "1.2",\n    "creator": ${JSON.stringify(creator)},\n    "comment": ${JSON.stringify(comment)},\n${capture.unread || capture.unreadExposures ? `    "_authtrail": ${JSON.stringify({ ...(capture.unread ? { unread: capture.unread } : {}), ...(capture.unreadExposures ? { unreadExposures: capture.unreadExposures } : {}) })},\n` : ''}    "entries": [`;
  let first = true;
  for (const exchange of exchanges) {
    let page = pages.get(exchange.group);
    if (!page) {
      page = { id: `page_${pages.size + 1}`, startedDateTime: iso(exchange.startedAt, fallback) };
      pages.set(exchange.group, page);
    }
    const text = JSON.stringify(harEntry(exchange, fallback, page.id), null, 2).replace(/^/gm, '      ');
    yield `${first ? '\n' : ',\n'}${text}`;
    first = false;
  }
  const pageList = [...pages].map(([group, page]) => ({ ...page, title: group, pageTimings: {} }));
  const pagesText = JSON.stringify(pageList, null, 2).replace(/\n/g, '\n    ');
  yield `${first ? '' : '\n    '}],\n    "pages": ${pagesText}\n  }\n}\n`;
}
