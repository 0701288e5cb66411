/**
 * A single-producer, single-consumer byte ring in a SharedArrayBuffer: how the proxy thread hands packed
 * batches to the recording worker. Posting each batch as a message (cloned or transferred) cost the proxy
 * thread hundreds of microseconds per batch in copies and the GC pressure of short-lived external buffers;
 * here the bytes are copied once into shared memory and only a position crosses in a message.
 *
 * Positions are absolute byte counts (safe as numbers far beyond any recording). The first 8 bytes hold
 * how far the reader has consumed; a region never wraps: a batch that does not fit before the end starts
 * at the beginning again. When the reader lags by a whole ring, write() returns null and the caller falls
 * back to a message of its own.
 */

const HEADER = 8;

export class RingWriter {
  private readonly consumed: BigInt64Array;
  private readonly data: Uint8Array;
  private written = 0;

  constructor(readonly shared: SharedArrayBuffer) {
    this.consumed = new BigInt64Array(shared, 0, 1);
    this.data = new Uint8Array(shared, HEADER);
  }

  /** Copies `bytes` in; returns where they are, or null when the reader has not freed enough room. */
  write(bytes: Uint8Array): { at: number; length: number } | null {
    const size = this.data.length;
    if (bytes.length > size) return null;
    let at = this.written;
    if ((at % size) + bytes.length > size) at += size - (at % size);
    if (at + bytes.length - Number(Atomics.load(this.consumed, 0)) > size) return null;
    this.data.set(bytes, at % size);
    this.written = at + bytes.length;
    return { at, length: bytes.length };
  }
}

export class RingReader {
  private readonly consumed: BigInt64Array;
  private readonly data: Buffer;

  constructor(shared: SharedArrayBuffer) {
    this.consumed = new BigInt64Array(shared, 0, 1);
    this.data = Buffer.from(shared, HEADER);
  }

  /** A view of a written region: valid until release() of it. */
  view(at: number, length: number): Buffer {
    const start = at % this.data.length;
    return this.data.subarray(start, start + length);
  }

  /** Frees everything up to the end of this region for the writer. */
  release(at: number, length: number): void {
    Atomics.store(this.consumed, 0, BigInt(at + length));
  }
}

/** The memory is touched once here, so the first lap of writes on the request path takes no page faults. */
export function createRing(bytes: number): SharedArrayBuffer {
  const shared = new SharedArrayBuffer(HEADER + bytes);
  new Uint8Array(shared).fill(0);
  return shared;
}
