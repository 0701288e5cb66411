import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { parseBounded } from '../redact/depth.js';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { HeaderMap } from '../model/exchange.js';

/** Header and body helpers shared by the reverse and forward proxies. */

/**
 * Lower-cased names; repeated headers joined with ", " (Set-Cookie with "\n"), as the model wants. Takes
 * header objects or a raw name/value list (`rawHeaders`).
 */
export function toHeaderMap(headers: IncomingHttpHeaders | OutgoingHttpHeaders | readonly string[]): HeaderMap {
  const map: HeaderMap = {};
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const key = (headers[i] as string).toLowerCase();
      const value = headers[i + 1] as string;
      map[key] = Object.hasOwn(map, key) ? `${map[key]}${separator(key)}${value}` : value;
    }
    return map;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    map[key] = Array.isArray(value) ? value.join(separator(key)) : String(value);
  }
  return map;
}

const separator = (name: string) => (name === 'set-cookie' ? '\n' : ', ');

/**
 * Undoes `Content-Encoding` (gzip, x-gzip, deflate with or without zlib wrapper, br; several codings in
 * order). Returns null when a coding is unknown or the bytes do not decode, so the caller can keep the original.
 */
export function decodeBody(bytes: Buffer, contentEncoding: string | undefined): Buffer | null {
  if (!contentEncoding || bytes.length === 0) return bytes;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  let out = bytes;
  try {
    for (const coding of codings) {
      if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out);
      else if (coding === 'br') out = brotliDecompressSync(out);
      else if (coding === 'deflate') out = inflateDeflate(out);
      else return null;
    }
  } catch {
    return null;
  }
  return out;
}

/** Some servers send raw deflate under "deflate"; zlib-wrapped is what the RFC says. Accept both. */
function inflateDeflate(bytes: Buffer): Buffer {
  try {
    return inflateSync(bytes);
  } catch {
    return inflateRawSync(bytes);
  }
}

/** Parsed JSON when the text is JSON, the text otherwise, null when empty. */
export function parseBody(bytes: Buffer | null, contentType: string | undefined): unknown {
  if (!bytes || bytes.length === 0) return null;
  const text = bytes.toString('utf8');
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (looksJson) {
    try {
      return parseBounded(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** True when the content type says the body is JSON (application/json, application/hal+json...). */
export function isJsonType(contentType: string | undefined): boolean {
  return /[/+]json\b/i.test(contentType ?? '');
}
