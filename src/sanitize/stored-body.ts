import { isUtf8 } from 'node:buffer';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { undoContentCoding } from '../sources/har/coding.js';

/**
 * A body an export stores as bytes (Burp's and Charles's base64, a HAR `encoding: "base64"`), read to be
 * masked. `text` is what the masks run over: UTF-8 text as it is, any other bytes (an image, protobuf, a
 * body in another charset) one character per byte, so the ASCII secrets they hold are found and every
 * other byte is written back as it was. `back` turns the masked text into the bytes to store: the very
 * bytes read when nothing was masked, else the masked bytes compressed again with the body's own coding;
 * null when they cannot be (the caller leaves the body out). `unread` says what a body that cannot be read is.
 */
export type StoredBody = { text: string; coding: string | null; back: (masked: string) => Buffer | null } | { unread: string };

/** The bytes of a body with the `Content-Encoding` its headers name (gzip is also found by its magic number). */
export function readStoredBody(bytes: Buffer, contentEncoding: string | undefined): StoredBody {
  const undone = undoContentCoding(bytes, contentEncoding);
  if (undone.bytes === null) return { unread: `${undone.coding} that ${undone.why}` };
  const plain = undone.bytes;
  const utf8 = isUtf8(plain);
  const text = utf8 ? plain.toString('utf8') : plain.toString('latin1');
  const back = (masked: string): Buffer | null => {
    if (masked === text) return bytes;
    const out = utf8 ? Buffer.from(masked, 'utf8') : byteText(masked);
    return undone.coding === null ? out : compressAgain(out, undone.coding, contentEncoding);
  };
  return { text, coding: undone.coding, back };
}

/** What a body left out is replaced by: it names itself, so no reader takes it for the body. */
export function removedBody(what: string): string {
  return `[authtrail sanitize removed this body: it is ${what}, so it could not be checked for secrets]`;
}

/** One byte per character; a character past 0xFF (a mask is ASCII: none expected) is written as UTF-8, not cut to its low byte. */
export function byteText(text: string): Buffer {
  if (!/[^\x00-\xff]/.test(text)) return Buffer.from(text, 'latin1');
  return Buffer.concat(text.split(/([^\x00-\xff]+)/).map((part, i) => Buffer.from(part, i % 2 === 1 ? 'utf8' : 'latin1')));
}

const COMPRESS: Readonly<Record<string, (bytes: Buffer) => Buffer>> = { gzip: gzipSync, 'x-gzip': gzipSync, deflate: deflateSync, br: brotliCompressSync };

/**
 * `plain` compressed with `coding` (codings in the order they were applied), kept only if it reads back as
 * `plain` under the body's header, as every reader will read it. A header naming one coding over gzip bytes
 * (a second proxy, see undoContentCoding) is written as gzip again.
 */
function compressAgain(plain: Buffer, coding: string, contentEncoding: string | undefined): Buffer | null {
  for (const codings of [coding, 'gzip']) {
    let out: Buffer | null = plain;
    for (const c of codings.split(',').map((x) => x.trim().toLowerCase())) out = out && COMPRESS[c] ? COMPRESS[c](out) : null;
    if (out === null) continue;
    const again = undoContentCoding(out, contentEncoding);
    if (again.bytes !== null && again.bytes.equals(plain)) return out;
  }
  return null;
}
