import type { CapturedExchange, ResponsePart } from './capture.js';

/**
 * The recorder's hand-over format between the proxy thread and the recording worker: a batch of exchanges
 * as flat bytes (length-prefixed UTF-8 strings, raw header lists, bodies as captured), written into one
 * reused buffer. Structured-cloning header objects and body views per exchange, or JSON-encoding them,
 * cost the proxy's event loop more per request than forwarding did.
 *
 * Per exchange: u32 seq, f64 durationMs, u32 requestBytes, i32 status (-1: none), u8 decoded, u8 whether
 * there is a transport error, u16 counts of request headers, notes and response headers, u32 the strings'
 * length, f64 startedAt (epoch ms: the ISO text is made on the worker); then every string
 * of the exchange in one NUL-separated UTF-8 run (u32 length first: one write and one read per exchange,
 * where a write per string cost more than the rest of the encoding); then the request and the response
 * body (i32 length, -1: none; then the bytes). NUL cannot occur in HTTP header names, values or URLs;
 * notes and transport errors, which are ours, have it replaced.
 */

/** Body bytes as captured: one buffer, or the request's chunks in order. */
export type BodyBytes = Uint8Array | readonly Uint8Array[];

/**
 * A finished exchange as the proxy thread holds it until its batch is encoded. Its start is a number and its
 * sourceRef is the proxy's label alone (`#seq` is added on the worker): no date or string is formatted on
 * the request path.
 */
export interface PendingExchange extends Omit<CapturedExchange, 'requestBody' | 'response' | 'startedAt' | 'sourceRef'> {
  /** Epoch ms. */
  startedAt: number;
  /** The proxy's label, e.g. `proxy:127.0.0.1:8080`. */
  label: string;
  requestBody: BodyBytes | null;
  response: Omit<ResponsePart, 'body'> & { body: BodyBytes | null };
}

/**
 * Recorded exchanges are handed over at most this often (or sooner once BATCH_MAX wait, engine.ts): a tenth of a second
 * is no delay for a person reading the live view, and fewer, larger batches wake the worker less.
 */
export const BATCH_MS = 100;

const NONE = -1;

export class BatchEncoder {
  private scratch = Buffer.allocUnsafe(256 * 1024);
  private used = 0;
  /** Exchanges added since the last take(). */
  count = 0;

  /**
   * Appends one exchange. Encoding it as it finishes, rather than when the batch is handed over, lets
   * its buffers and objects die young instead of surviving garbage collections in a queue.
   */
  add(e: PendingExchange): void {
    const text = stringsOf(e);
    const bound = this.used + FIXED + 3 * text.length + bodyLength(e.requestBody) + bodyLength(e.response.body);
    if (bound > this.scratch.length) {
      const grown = Buffer.allocUnsafe(Math.max(bound, this.scratch.length * 2));
      this.scratch.copy(grown, 0, 0, this.used);
      this.scratch = grown;
    }
    const out = this.scratch;
    const r = e.response;
    let at = this.used;
    out.writeUInt32LE(e.seq, at);
    out.writeDoubleLE(e.durationMs, at + 4);
    out.writeUInt32LE(e.requestBytes, at + 12);
    out.writeInt32LE(r.status ?? NONE, at + 16);
    out[at + 20] = r.decoded ? 1 : 0;
    out[at + 21] = r.transportError === null ? 0 : 1;
    out.writeUInt16LE(e.requestHeaders.length, at + 22);
    out.writeUInt16LE(e.notes.length, at + 24);
    out.writeUInt16LE(r.headers.length, at + 26);
    out.writeDoubleLE(e.startedAt, at + 32);
    const length = out.write(text, at + HEAD);
    out.writeUInt32LE(length, at + 28);
    at = writeBody(out, at + HEAD + length, e.requestBody);
    this.used = writeBody(out, at, r.body);
    this.count++;
  }

  /** The batch so far: a view of a reused buffer, valid until the next add(). Starts a new batch. */
  take(): Buffer {
    const batch = this.scratch.subarray(0, this.used);
    this.used = 0;
    this.count = 0;
    return batch;
  }
}

/** Exchanges back from a batch's bytes. Bodies are views into `data`: use them before its memory is reused. */
export function decodeBatch(data: Buffer): CapturedExchange[] {
  const items: CapturedExchange[] = [];
  let at = 0;
  const body = () => {
    const length = data.readInt32LE(at);
    at += 4;
    if (length === NONE) return null;
    const bytes = data.subarray(at, at + length);
    at += length;
    return bytes;
  };
  while (at < data.length) {
    const seq = data.readUInt32LE(at);
    const durationMs = data.readDoubleLE(at + 4);
    const requestBytes = data.readUInt32LE(at + 12);
    const status = data.readInt32LE(at + 16);
    const decoded = data[at + 20] === 1;
    const hasError = data[at + 21] === 1;
    const requestHeaderCount = data.readUInt16LE(at + 22);
    const noteCount = data.readUInt16LE(at + 24);
    const responseHeaderCount = data.readUInt16LE(at + 26);
    const length = data.readUInt32LE(at + 28);
    const startedAt = new Date(data.readDoubleLE(at + 32)).toISOString();
    const strings = data.toString('utf8', at + HEAD, at + HEAD + length).split(SEP);
    at += HEAD + length;
    const [method, url, upstreamHost, label, transportError] = strings;
    let next = 5;
    const take = (count: number) => strings.slice(next, (next += count));
    const requestHeaders = take(requestHeaderCount);
    const notes = take(noteCount);
    const headers = take(responseHeaderCount);
    const requestBody = body();
    const responseBody = body();
    items.push({
      seq, method: method!, url: url!, upstreamHost: upstreamHost!, requestHeaders, requestBody, requestBytes, startedAt, durationMs, notes, sourceRef: `${label}#${seq}`,
      response: { status: status === NONE ? null : status, headers, body: responseBody, decoded, transportError: hasError ? transportError! : null },
    });
  }
  return items;
}

/** Bytes of an exchange's fixed part: numbers, flags, counts, the strings' length and the start. */
const HEAD = 40;
/** The fixed part and the two bodies' length prefixes. */
const FIXED = HEAD + 8;
const SEP = '\u0000';

/** Every string of the exchange, NUL-separated, in the order decodeBatch reads them. */
function stringsOf(e: PendingExchange): string {
  const parts = [e.method, e.url, e.upstreamHost, e.label, e.response.transportError === null ? '' : clean(e.response.transportError)];
  for (const h of e.requestHeaders) parts.push(h);
  for (const n of e.notes) parts.push(clean(n));
  for (const h of e.response.headers) parts.push(h);
  return parts.join(SEP);
}

/** Our own texts (notes, transport errors) with NUL, the separator, replaced. */
const clean = (s: string) => (s.includes(SEP) ? s.replaceAll(SEP, ' ') : s);

function bodyLength(body: BodyBytes | null): number {
  if (!body) return 0;
  if (body instanceof Uint8Array) return body.byteLength;
  let n = 0;
  for (const chunk of body) n += chunk.byteLength;
  return n;
}

function writeBody(out: Buffer, at: number, body: BodyBytes | null): number {
  if (!body) {
    out.writeInt32LE(NONE, at);
    return at + 4;
  }
  let end = at + 4;
  for (const chunk of body instanceof Uint8Array ? [body] : body) {
    out.set(chunk, end);
    end += chunk.byteLength;
  }
  out.writeInt32LE(end - at - 4, at);
  return end;
}
