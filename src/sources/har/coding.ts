import { isUtf8 } from 'node:buffer';
import { decodeContentEncodingWithin, TOO_LARGE } from '../../http/body.js';

/** A decoded HAR body never grows past this: a few KB of gzip can expand to gigabytes. */
export const MAX_DECODED_BODY = 64 * 1024 * 1024;

/** A body's bytes with its content coding undone, or why they could not be. */
export type Uncoded = { bytes: Buffer; coding: string | null } | { bytes: null; coding: string; why: string };

const BINARY_TYPE = /^(?:image|audio|video|font)\/|^application\/(?:octet-stream|pdf|zip|wasm|x-protobuf|grpc)/i;

/**
 * Undoes the `Content-Encoding` a base64 HAR body may still carry: Proxyman and some proxies save the
 * bytes as they came off the wire (gzip, deflate, br), Chrome and Firefox save them decoded under the same
 * header. gzip is also found by its magic number when the header is missing. `coding` is what was undone
 * (null: the bytes were already plain). Bytes that claim a coding and do not decode come back as `why`,
 * unless they are plainly decoded already (UTF-8 text, or a binary media type).
 */
export function undoContentCoding(bytes: Buffer, contentEncoding: string | undefined, mimeType?: unknown): Uncoded {
  const named = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
    .join(', ');
  const gzipMagic = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (named === '' && !gzipMagic) return { bytes, coding: null };
  const coding = named || 'gzip';
  let out = decodeContentEncodingWithin(bytes, coding, MAX_DECODED_BODY);
  // The header may name a coding the producer already undid while the bytes are gzip (a second proxy).
  if (out === null && gzipMagic && coding !== 'gzip') out = decodeContentEncodingWithin(bytes, 'gzip', MAX_DECODED_BODY);
  if (out === TOO_LARGE) return { bytes: null, coding, why: `expands past ${MAX_DECODED_BODY / 2 ** 20} MB` };
  if (out !== null) return { bytes: out, coding: out === bytes ? null : coding };
  const plain = !gzipMagic && (isUtf8(bytes) || BINARY_TYPE.test(String(mimeType ?? '')));
  if (plain) return { bytes, coding: null };
  const known = /^(?:(?:x-)?gzip|deflate|br)(?:, (?:(?:x-)?gzip|deflate|br))*$/.test(coding);
  return { bytes: null, coding, why: known ? 'does not decode' : 'is a coding authtrail cannot decode' };
}

/** The `Content-Encoding` of a HAR header list (`{name, value}` objects or `[name, value]` pairs). */
export function contentEncodingOf(headers: unknown): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  const values: string[] = [];
  for (const h of headers) {
    const name = Array.isArray(h) ? h[0] : (h as { name?: unknown } | null)?.name;
    const value = Array.isArray(h) ? h[1] : (h as { value?: unknown } | null)?.value;
    if (typeof name === 'string' && name.toLowerCase() === 'content-encoding' && typeof value === 'string') values.push(value);
  }
  return values.length > 0 ? values.join(', ') : undefined;
}
