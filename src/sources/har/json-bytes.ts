/** Byte-level helpers of the HAR scanner: JSON strings found and read in raw UTF-8 without decoding. */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;

/** Whether the previous chunk ended inside a string on a backslash, which escapes this chunk's first byte. */
export interface Escape {
  pending: boolean;
}

/**
 * The index of the quote closing the string being read from `from` (escape aware), or -1 when the string
 * goes on past the chunk (then `escape.pending` says whether a backslash is left over). Short runs go
 * byte by byte (names, values, escaped JSON: a native call costs more than they do), long ones jump with
 * `indexOf`, which is a memchr.
 */
export function closingQuote(chunk: Buffer, from: number, escape: Escape): number {
  const n = chunk.length;
  let p = from;
  if (escape.pending) {
    escape.pending = false;
    p++;
  }
  for (;;) {
    const lim = p + 64 < n ? p + 64 : n;
    while (p < lim) {
      const b = chunk[p];
      if (b === QUOTE) return p;
      p += b === BACKSLASH ? 2 : 1;
    }
    if (p >= n) {
      escape.pending = p > n;
      return -1;
    }
    // p is not an escaped byte: backslash runs are counted from here.
    const fresh = p;
    const q = chunk.indexOf(QUOTE, p);
    if (q < 0) {
      let run = 0;
      for (let i = n - 1; i >= fresh && chunk[i] === BACKSLASH; i--) run++;
      escape.pending = run % 2 === 1;
      return -1;
    }
    let run = 0;
    for (let i = q - 1; i >= fresh && chunk[i] === BACKSLASH; i--) run++;
    if (run % 2 === 0) return q;
    p = q + 1;
  }
}

/** A key or URL as JavaScript reads it: quotes included, escapes only when there are any. */
export function decode(raw: Buffer): string {
  return raw.includes(BACKSLASH) ? (JSON.parse(raw.toString('utf8')) as string) : raw.toString('utf8', 1, raw.length - 1);
}

/** Whether a quoted key is exactly `name` (an escaped spelling is decoded first); byte by byte, keys are short. */
export function equals(raw: Buffer, name: Buffer): boolean {
  if (raw.length === name.length + 2) {
    for (let i = 0; i < name.length; i++) if (raw[i + 1] !== name[i]) return false;
    return true;
  }
  return raw.length > name.length + 2 && raw.includes(BACKSLASH) && decode(raw) === name.toString('latin1');
}
