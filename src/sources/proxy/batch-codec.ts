import type { CapturedExchange, ResponsePart } from './capture.js';

/**
 * The recorder's hand-over format between the proxy thread and the recording worker: a whole batch of
 * exchanges in one ArrayBuffer that is transferred, not cloned. Structured-cloning each exchange's header
 * objects and body views cost the proxy's event loop more per request than forwarding did, and the worker
 * as much again to rebuild them.
 *
 * Per exchange: u32 length + UTF-8 JSON of the metadata, then the request and the response body, each as
 * i32 length (-1: none) + bytes.
 */

/** Body bytes as captured: one buffer, or the request's chunks in order. */
export type BodyBytes = Uint8Array | readonly Uint8Array[];

/** A finished exchange as the proxy thread holds it until the batch is packed. */
export interface PendingExchange extends Omit<CapturedExchange, 'requestBody' | 'response'> {
  requestBody: BodyBytes | null;
  response: Omit<ResponsePart, 'body'> & { body: BodyBytes | null };
}

type Meta = [
  seq: number,
  method: string,
  url: string,
  upstreamHost: string,
  requestHeaders: CapturedExchange['requestHeaders'],
  requestBytes: number,
  startedAt: string,
  durationMs: number,
  notes: string[],
  sourceRef: string,
  status: number | null,
  responseHeaders: ResponsePart['headers'],
  decoded: boolean,
  transportError: string | null,
];

const NONE = -1;

export function packBatch(items: readonly PendingExchange[]): ArrayBuffer {
  const metas: string[] = [];
  let total = 0;
  for (const e of items) {
    const r = e.response;
    const meta: Meta = [e.seq, e.method, e.url, e.upstreamHost, e.requestHeaders, e.requestBytes, e.startedAt, e.durationMs, e.notes, e.sourceRef, r.status, r.headers, r.decoded, r.transportError];
    const json = JSON.stringify(meta);
    metas.push(json);
    total += 4 + Buffer.byteLength(json) + 8 + bodyLength(e.requestBody) + bodyLength(r.body);
  }
  const buffer = new ArrayBuffer(total);
  const out = Buffer.from(buffer);
  let at = 0;
  items.forEach((e, i) => {
    const written = out.write(metas[i]!, at + 4);
    out.writeUInt32LE(written, at);
    at += 4 + written;
    at = writeBody(out, at, e.requestBody);
    at = writeBody(out, at, e.response.body);
  });
  return buffer;
}

/** Bodies come back as views into `buffer` (no copy): the worker owns it once transferred. */
export function unpackBatch(buffer: ArrayBuffer): CapturedExchange[] {
  const data = Buffer.from(buffer);
  const items: CapturedExchange[] = [];
  let at = 0;
  while (at < data.length) {
    const metaLength = data.readUInt32LE(at);
    const meta = JSON.parse(data.toString('utf8', at + 4, at + 4 + metaLength)) as Meta;
    at += 4 + metaLength;
    const request = readBody(data, at);
    const response = readBody(data, request.next);
    at = response.next;
    const [seq, method, url, upstreamHost, requestHeaders, requestBytes, startedAt, durationMs, notes, sourceRef, status, headers, decoded, transportError] = meta;
    items.push({
      seq, method, url, upstreamHost, requestHeaders, requestBody: request.body, requestBytes, startedAt, durationMs, notes, sourceRef,
      response: { status, headers, body: response.body, decoded, transportError },
    });
  }
  return items;
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

function readBody(data: Buffer, at: number): { body: Uint8Array | null; next: number } {
  const length = data.readInt32LE(at);
  if (length === NONE) return { body: null, next: at + 4 };
  return { body: data.subarray(at + 4, at + 4 + length), next: at + 4 + length };
}
