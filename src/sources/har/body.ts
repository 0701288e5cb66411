import { parseBodyText } from '../../http/body.js';
import { undoContentCoding } from './coding.js';

/** A body as the model holds it, plus a remark when it could not be read as sent. */
export interface DecodedBody {
  body: unknown;
  note: string | null;
  /** Set when the body claims a content coding that does not decode: the source warns, naming the entry. */
  undecodable?: string;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a HAR text field that may be base64 (Chrome marks binary or invalid-UTF-8 bodies so), and the
 * content coding (gzip, deflate, br) base64 bytes may still carry (`contentEncoding`: the entry's header).
 * Bodies that are not base64 or not UTF-8 once decoded are kept as received and marked.
 */
export function decodeHarText(text: string, encoding: unknown, what: string, contentEncoding?: string): DecodedBody {
  if (typeof encoding !== 'string' || encoding === '' || encoding.toLowerCase() !== 'base64') {
    if (typeof encoding === 'string' && encoding !== '') {
      return { body: text, note: `${what} undecodable (unknown encoding "${encoding}"), kept as received` };
    }
    return { body: parseBodyText(text), note: null };
  }
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) {
    return { body: text, note: `${what} undecodable (invalid base64), kept as received` };
  }
  const uncoded = undoContentCoding(Buffer.from(compact, 'base64'), contentEncoding);
  if (uncoded.bytes === null) {
    const problem = `${what} is ${uncoded.coding} that ${uncoded.why}`;
    return { body: text, note: `${what} undecodable (${uncoded.coding} that ${uncoded.why}), kept as base64`, undecodable: problem };
  }
  try {
    return { body: parseBodyText(utf8.decode(uncoded.bytes)), note: null };
  } catch {
    return { body: text, note: `${what} undecodable (binary, not UTF-8), kept as base64` };
  }
}

type PostData = { text?: unknown; params?: unknown; encoding?: unknown; mimeType?: unknown };
type Param = { name?: unknown; value?: unknown };

/**
 * A JSON body rebuilt from params: chrome-har (sitespeed.io, browsertime) writes a JSON request body as
 * one param per top-level key, values as parsed, arrays as repeated names, and no text.
 */
function jsonFromParams(params: Param[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const p of params) {
    const name = String(p?.name ?? '');
    if (!(name in body)) body[name] = p?.value ?? null;
    else body[name] = Array.isArray(body[name]) ? [...(body[name] as unknown[]), p?.value] : [body[name], p?.value];
  }
  return body;
}

/** The request body from `postData`: its text, or, when only params were kept, a JSON object or a form. */
export function requestBody(postData: unknown, contentEncoding?: string): DecodedBody {
  if (!postData || typeof postData !== 'object') return { body: null, note: null };
  const pd = postData as PostData;
  if (typeof pd.text === 'string') return decodeHarText(pd.text, pd.encoding, 'request body', contentEncoding);
  if (Array.isArray(pd.params) && pd.params.length > 0) {
    if (/json/i.test(String(pd.mimeType ?? ''))) return { body: jsonFromParams(pd.params), note: null };
    const form = new URLSearchParams();
    for (const p of pd.params as Param[]) form.append(String(p?.name ?? ''), String(p?.value ?? ''));
    return { body: form.toString(), note: null };
  }
  return { body: null, note: null };
}

type Content = { text?: unknown; encoding?: unknown; size?: unknown };

/** The response body from `content`; a missing text (Firefox, size limits) is noted when the body was not empty. */
export function responseBody(content: unknown, status: number | null, contentEncoding?: string): DecodedBody {
  const c = (content && typeof content === 'object' ? content : {}) as Content;
  if (typeof c.text === 'string') return decodeHarText(c.text, c.encoding, 'response body', contentEncoding);
  const empty = c.size === 0 || status === null || status === 204 || status === 304;
  return { body: null, note: empty ? null : 'response body not recorded in the HAR' };
}
