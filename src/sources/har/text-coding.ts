/**
 * Character encodings of evidence files (HAR and pasted text): UTF-8 (with or without a byte-order mark)
 * and UTF-16, with its byte-order mark or told by where its NUL bytes stand.
 */

import { createHash, type Hash } from 'node:crypto';

export type HarTextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding the first bytes of a file announce: a UTF-16 byte-order mark, UTF-16 without one, else UTF-8. */
export function encodingOf(head: Uint8Array): HarTextEncoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return unmarkedUtf16(head) ?? 'utf-8';
}

/** Code units looked at to tell UTF-16 without a byte-order mark. */
const SNIFF_UNITS = 2048;

/**
 * UTF-16 without a byte-order mark (PowerShell 7's `Out-File -Encoding unicode` on a stream, some editors'
 * "UTF-16" without BOM): evidence is mostly ASCII, so one byte of most code units is NUL and always the same
 * one. A binary file has NUL code units (0x0000) or NULs on both sides, and is left to the binary checks.
 */
function unmarkedUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.min(head.length >> 1, SNIFF_UNITS);
  if (units < 8) return null;
  let lowNul = 0;
  let highNul = 0;
  for (let i = 0; i < units; i++) {
    const first = head[2 * i]!;
    const second = head[2 * i + 1]!;
    if (first === 0 && second === 0) return null;
    if (first === 0) highNul++;
    else if (second === 0) lowNul++;
  }
  // `lowNul`: the second byte is NUL (little-endian ASCII); `highNul`: the first is (big-endian).
  if (lowNul >= units / 2 && highNul * 20 <= lowNul) return 'utf-16le';
  if (highNul >= units / 2 && lowNul * 20 <= highNul) return 'utf-16be';
  return null;
}

/**
 * A whole file's text, whatever its encoding, and the encoding it was in. UTF-16's byte-order mark is
 * dropped; UTF-8 is decoded as Node does (a byte-order mark kept: the readers skip it).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: HarTextEncoding } {
  const encoding = encodingOf(bytes);
  const text = encoding === 'utf-8' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : new TextDecoder(encoding).decode(bytes);
  return { text, encoding };
}

/**
 * The hash the duplicate check compares (Capture.contentHash): of the file's text as UTF-8 without a byte-order
 * mark, so the same export saved as UTF-8, UTF-8 with a BOM (Notepad) or UTF-16 (PowerShell 5's `>`, Windows
 * tools' "Unicode") is one file. UTF-8 is hashed as its bytes (no decoding: invalid bytes count as they are).
 */
export function contentHash(bytes: Uint8Array): string {
  const hash = new ContentHash();
  hash.update(encodingOf(bytes) === 'utf-8' ? bytes : Buffer.from(decodeText(bytes).text, 'utf8'));
  return hash.digest();
}

/** `contentHash` of a file read in chunks of UTF-8 (see Utf8Bytes), its byte-order mark left out. */
export class ContentHash {
  private readonly hash: Hash = createHash('sha256');
  private first = true;

  update(utf8: Uint8Array): void {
    if (this.first && utf8.length > 0) {
      this.first = false;
      if (utf8[0] === 0xef && utf8[1] === 0xbb && utf8[2] === 0xbf) utf8 = utf8.subarray(3);
    }
    this.hash.update(utf8);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** How the encodings are named to users. */
export const ENCODING_NAMES: Record<HarTextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE' };

/** The start of a file as text, whatever its encoding (the BOM is dropped; a cut last character is left out). */
export function headText(head: Uint8Array): string {
  return new TextDecoder(encodingOf(head)).decode(head, { stream: true });
}

/**
 * Chunks of a file as UTF-8 bytes. UTF-8 passes through untouched (no copy: the scanner reads bytes);
 * UTF-16 (Windows tools save "Unicode" so, with a byte-order mark) is decoded as it streams, a character
 * cut by a chunk end being held for the next chunk.
 */
export class Utf8Bytes {
  /** Set on the first chunk when the file is UTF-16; undefined before it, null for UTF-8. */
  private text: TextChunks | null | undefined;

  push(chunk: Buffer): Buffer {
    if (this.text === undefined) this.text = encodingOf(chunk) === 'utf-8' ? null : new TextChunks();
    return this.text ? Buffer.from(this.text.push(chunk), 'utf8') : chunk;
  }

  /** What a decoder held back at the end (a cut character becomes U+FFFD, as Node's own decoder does). */
  end(): Buffer {
    return this.text ? Buffer.from(this.text.end(), 'utf8') : Buffer.alloc(0);
  }
}

/** Text chunks of a file in any of the encodings above, for readers that take strings (the BOM is dropped). */
export class TextChunks {
  private decoder: TextDecoder | null = null;

  push(chunk: Buffer): string {
    this.decoder ??= new TextDecoder(encodingOf(chunk));
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return this.decoder ? this.decoder.decode() : '';
  }
}
