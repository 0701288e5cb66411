import type { CapturedExchange, ResponsePart } from './capture.js';

/**
 * The recorder's hand-over format between the proxy thread and the recording worker: a batch of exchanges
 * as flat bytes (length-prefixed UTF-8 strings, raw header lists, bodies as captured), written into one
 * reused buffer. Structured-cloning header objects and body views per exchange, or JSON-encoding them,
 * cost the proxy's event loop more per request than forwarding did.
 *
 * Per exchange: u32 seq, strings method/url/upstreamHost/startedAt/sourceRef, f64 durationMs, u32 requestBytes,
 * request header list, notes list, i32 status (-1: none), response header list, u8 decoded, nullable string
 * transportError, then the request and the response body (i32 length, -1: none; then the bytes).
 */

/** Body bytes as captured: one buffer, or the request's chunks in order. */
export type BodyBytes = Uint8Array | readonly Uint8Array[];

/** A finished exchange as the proxy thread holds it until its batch is encoded. */
export interface PendingExchange extends Omit<CapturedExchange, 'requestBody' | 'response'> {
  requestBody: BodyBytes | null;
  response: Omit<ResponsePart, 'body'> & { body: BodyBytes | null };
}

const NONE = -1;
const NULL_STRING = 0xffffffff;

export class BatchEncoder {
  private scratch = Buffer.allocUnsafe(256 * 1024);

  /** The batch's bytes: a view of a reused buffer, valid until the next call. */
  encode(items: readonly PendingExchange[]): Buffer {
    let bound = 0;
    for (const e of items) bound += upperBound(e);
    if (bound > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(bound, this.scratch.length * 2));
    const out = this.scratch;
    let at = 0;
    for (const e of items) {
      const r = e.response;
      out.writeUInt32LE(e.seq, at);
      at = writeString(out, at + 4, e.method);
      at = writeString(out, at, e.url);
      at = writeString(out, at, e.upstreamHost);
      at = writeString(out, at, e.startedAt);
      at = writeString(out, at, e.sourceRef);
      out.writeDoubleLE(e.durationMs, at);
      out.writeUInt32LE(e.requestBytes, at + 8);
      at = writeList(out, at + 12, e.requestHeaders);
      at = writeList(out, at, e.notes);
      out.writeInt32LE(r.status ?? NONE, at);
      at = writeList(out, at + 4, r.headers);
      out[at] = r.decoded ? 1 : 0;
      at = writeString(out, at + 1, r.transportError);
      at = writeBody(out, at, e.requestBody);
      at = writeBody(out, at, r.body);
    }
    return out.subarray(0, at);
  }
}

/** Exchanges back from a batch's bytes. Bodies are copied out: the bytes may be reused once this returns. */
export function decodeBatch(data: Buffer): CapturedExchange[] {
  const items: CapturedExchange[] = [];
  let at = 0;
  const string = () => {
    const length = data.readUInt32LE(at);
    if (length === NULL_STRING) {
      at += 4;
      return null;
    }
    const value = data.toString('utf8', at + 4, at + 4 + length);
    at += 4 + length;
    return value;
  };
  const list = () => {
    const count = data.readUInt32LE(at);
    at += 4;
    const values: string[] = new Array(count);
    for (let i = 0; i < count; i++) values[i] = string()!;
    return values;
  };
  const body = () => {
    const length = data.readInt32LE(at);
    at += 4;
    if (length === NONE) return null;
    const bytes = Buffer.from(data.subarray(at, at + length));
    at += length;
    return bytes;
  };
  while (at < data.length) {
    const seq = data.readUInt32LE(at);
    at += 4;
    const method = string()!;
    const url = string()!;
    const upstreamHost = string()!;
    const startedAt = string()!;
    const sourceRef = string()!;
    const durationMs = data.readDoubleLE(at);
    const requestBytes = data.readUInt32LE(at + 8);
    at += 12;
    const requestHeaders = list();
    const notes = list();
    const status = data.readInt32LE(at);
    at += 4;
    const headers = list();
    const decoded = data[at] === 1;
    at += 1;
    const transportError = string();
    const requestBody = body();
    const responseBody = body();
    items.push({
      seq, method, url, upstreamHost, requestHeaders, requestBody, requestBytes, startedAt, durationMs, notes, sourceRef,
      response: { status: status === NONE ? null : status, headers, body: responseBody, decoded, transportError },
    });
  }
  return items;
}

/** Bytes an exchange can take at most (UTF-8 needs up to 3 bytes per UTF-16 unit). */
function upperBound(e: PendingExchange): number {
  let n = 64 + 3 * (e.method.length + e.url.length + e.upstreamHost.length + e.startedAt.length + e.sourceRef.length + (e.response.transportError?.length ?? 0));
  for (const list of [e.requestHeaders, e.notes, e.response.headers]) for (const s of list) n += 4 + 3 * s.length;
  return n + 3 * 4 + bodyLength(e.requestBody) + bodyLength(e.response.body);
}

function writeString(out: Buffer, at: number, value: string | null): number {
  if (value === null) {
    out.writeUInt32LE(NULL_STRING, at);
    return at + 4;
  }
  const length = out.write(value, at + 4);
  out.writeUInt32LE(length, at);
  return at + 4 + length;
}

function writeList(out: Buffer, at: number, values: readonly string[]): number {
  out.writeUInt32LE(values.length, at);
  let end = at + 4;
  for (const value of values) end = writeString(out, end, value);
  return end;
}

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
