import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';
import { cutDeep, mayNestDeep } from './json.js';

/**
 * One rule for reading a body, whoever captured it: parsed JSON when the text is JSON (servers mislabel, so
 * the first character decides as much as the content type), the text otherwise, null when empty. A byte-order
 * mark some servers put before JSON is not part of it.
 */
export function parseBodyText(text: string, contentType?: string): unknown {
  return readBodyText(text, contentType).value;
}

/**
 * parseBodyText, and the text when the value is an object or array that JSON.parse made from exactly that
 * text with nothing cut (`json`): a recorder can then store the text it received instead of re-serialising.
 */
export function readBodyText(text: string, contentType?: string): { value: unknown; json: string | null } {
  if (text === '') return { value: null, json: null };
  const bom = text.charCodeAt(0) === 0xfeff;
  const json = bom ? text.slice(1) : text;
  const head = json.trimStart()[0];
  if (head === '{' || head === '[' || head === '"' || /json/i.test(contentType ?? '')) {
    try {
      const value = JSON.parse(json);
      const whole = !(mayNestDeep(json) && cutDeep(value)) && typeof value === 'object' && value !== null;
      return { value, json: whole ? json : null };
    } catch {
      return { value: text, json: null };
    }
  }
  return { value: text, json: null };
}

/** True when the content type says the body is JSON (application/json, application/hal+json, ion+json...). */
export function isJsonType(contentType: string | undefined): boolean {
  return /[/+]json\b/i.test(contentType ?? '');
}

/**
 * Undoes `Content-Encoding` (gzip, x-gzip, deflate with or without zlib wrapper, br; several codings in
 * order). Returns null when a coding is unknown or the bytes do not decode, so the caller can keep the original.
 */
export function decodeContentEncoding(bytes: Buffer, contentEncoding: string | undefined): Buffer | null {
  const out = decodeContentEncodingWithin(bytes, contentEncoding, Infinity);
  return out === TOO_LARGE ? null : out;
}

/** What decodeContentEncodingWithin returns when the decoded body would pass its limit. */
export const TOO_LARGE = Symbol('decoded body too large');

/**
 * decodeContentEncoding that never makes more than `limit` bytes: a few KB of gzip or br can expand to
 * gigabytes (a decompression bomb), so a recorder decodes with a ceiling and keeps going without the body.
 */
export function decodeContentEncodingWithin(bytes: Buffer, contentEncoding: string | undefined, limit: number): Buffer | null | typeof TOO_LARGE {
  if (!contentEncoding || bytes.length === 0) return bytes;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  const options = Number.isFinite(limit) ? { maxOutputLength: limit } : {};
  let out = bytes;
  try {
    for (const coding of codings) {
      if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out, options);
      else if (coding === 'br') out = brotliDecompressSync(out, options);
      else if (coding === 'deflate') out = inflateDeflate(out, options);
      else return null;
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? TOO_LARGE : null;
  }
  return out;
}

/** Some servers send raw deflate under "deflate"; zlib-wrapped is what the RFC says. Accept both. */
function inflateDeflate(bytes: Buffer, options: ZlibOptions): Buffer {
  try {
    return inflateSync(bytes, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw error;
    return inflateRawSync(bytes, options);
  }
}
