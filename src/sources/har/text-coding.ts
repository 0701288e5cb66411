/** Character encodings of HAR files: UTF-8 (with or without a byte-order mark) and BOM-led UTF-16. */

export type HarTextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding the first bytes of a file announce: a UTF-16 byte-order mark, else UTF-8. */
export function encodingOf(head: Uint8Array): HarTextEncoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

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
