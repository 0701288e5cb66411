import { decodeContentEncodingWithin, TOO_LARGE } from '../../http/body.js';

/** A decoded HAR body never grows past this: a few KB of gzip can expand to gigabytes. */
export const MAX_DECODED_BODY = 64 * 1024 * 1024;

/** A body's bytes with its content coding undone, or why they could not be. */
export type Uncoded = { bytes: Buffer; coding: string | null } | { bytes: null; coding: string; why: string };

/**
 * Whether bytes that did not decode still look compressed: gzip's and zstd's magic numbers, a zlib header.
 * br has no magic number, so bytes under a br header that do not decode are taken as saved decoded (binary).
 */
function looksCompressed(bytes: Buffer): boolean {
  if (bytes.length < 2) return false;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return true;
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x28b52ffd) return true;
  return (bytes[0] & 0x0f) === 8 && (bytes[0] >> 4) <= 7 && ((bytes[0] << 8) | bytes[1]) % 31 === 0;
}

/**
 * Undoes the `Content-Encoding` a base64 HAR body may still carry: Proxyman and some proxies save the
 * bytes as they came off the wire (gzip, deflate, br), Chrome and Firefox save them decoded under the same
 * header. gzip is also found by its magic number when the header is missing. `coding` is what was undone
 * (null: the bytes were already plain). Bytes that do not decode come back as `why` when they still look
 * compressed (a truncated or damaged capture: `zcat` would still show its first part); otherwise they are
 * taken as saved decoded, as before.
 */
export function undoContentCoding(bytes: Buffer, contentEncoding: string | undefined): Uncoded {
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
  if (!looksCompressed(bytes)) return { bytes, coding: null };
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
