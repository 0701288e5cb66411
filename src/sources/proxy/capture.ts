import type { IncomingMessage } from 'node:http';
import type { RawExchange } from '../../model/exchange.js';
import type { PendingExchange } from './batch-codec.js';
import { decodeContentEncodingWithin, readBodyText, TOO_LARGE } from '../../http/body.js';
import type { BodySources } from '../../ingest/pipeline.js';
import { headersFromRaw } from '../../http/headers.js';

/**
 * What the proxy keeps of one recorded request: bytes and headers as they crossed the wire. The proxy thread
 * decodes a response only to rewrite its links; header maps and JSON parsing wait for `buildRawExchange`, which
 * runs on the recording worker, away from the proxy's event loop.
 */

/** Request or response bodies larger than this are not kept in the record (authn bodies are a few KB). */
export const MAX_RECORDED_BODY = 4 * 1024 * 1024;

export interface InFlight {
  seq: number;
  method: string;
  /** Upstream URL of the request (the Okta URL, not the proxy's). */
  url: string;
  upstreamHost: string;
  /** As received (`rawHeaders`: names and values alternating); made a header map on the worker. */
  requestHeaders: string[];
  requestChunks: Buffer[];
  requestBytes: number;
  /**
   * Epoch ms, from the wall clock: performance.timeOrigin + now() would drift from it (a laptop's sleep
   * stops the monotonic clock), and the analysis compares these times with Okta's.
   */
  startedAt: number;
  t0: number;
  /** Set once the exchange was handed over, so an abort after an error is not recorded twice. */
  done: boolean;
  notes: string[];
}

export interface ResponsePart {
  status: number | null;
  /** As received (`rawHeaders`: names and values alternating). */
  headers: string[];
  /** Decoded body when `decoded`, else the bytes as received. */
  body: Uint8Array | null;
  decoded: boolean;
  transportError: string | null;
}

/** One finished exchange as the recording worker receives it (see batch-codec.ts). */
export interface CapturedExchange {
  seq: number;
  method: string;
  url: string;
  upstreamHost: string;
  requestHeaders: string[];
  requestBody: Uint8Array | null;
  requestBytes: number;
  startedAt: string;
  durationMs: number;
  notes: string[];
  response: ResponsePart;
  sourceRef: string;
}

export function startInFlight(req: IncomingMessage, seq: number, upstream: { origin: string; host: string }, path: string): InFlight {
  return {
    seq,
    method: (req.method ?? 'GET').toUpperCase(),
    url: `${upstream.origin}${path}`,
    upstreamHost: upstream.host,
    requestHeaders: req.rawHeaders,
    requestChunks: [],
    requestBytes: 0,
    startedAt: Date.now(),
    t0: performance.now(),
    done: false,
    notes: [],
  };
}

/**
 * Tees the request body as it streams to the upstream (never consumes it: http-proxy pipes the same stream);
 * `moved` is told of every chunk (the upload keeps the exchange from timing out).
 */
export function teeRequest(req: IncomingMessage, flight: InFlight, moved: () => void): void {
  req.on('data', (chunk: Buffer) => {
    moved();
    flight.requestBytes += chunk.length;
    if (flight.requestBytes <= MAX_RECORDED_BODY) flight.requestChunks.push(chunk);
  });
}

/** The finished exchange, holding the captured buffers as they are until its batch is packed. */
export function finishFlight(flight: InFlight, response: PendingExchange['response'], label: string): PendingExchange {
  return {
    seq: flight.seq,
    method: flight.method,
    url: flight.url,
    upstreamHost: flight.upstreamHost,
    requestHeaders: flight.requestHeaders,
    requestBody: flight.requestChunks.length > 0 && flight.requestBytes <= MAX_RECORDED_BODY ? flight.requestChunks : null,
    requestBytes: flight.requestBytes,
    startedAt: flight.startedAt,
    durationMs: Math.round((performance.now() - flight.t0) * 10) / 10,
    notes: flight.notes,
    response,
    label,
  };
}

/** The exchange for the ingest pipeline, and the JSON texts its bodies were parsed from (stored as they came). */
export function buildRawExchange(captured: CapturedExchange): { raw: RawExchange; sources: BodySources } {
  const requestHeaders = headersFromRaw(captured.requestHeaders);
  // Record the Host the upstream saw (the proxy rewrites it), not the proxy's own.
  requestHeaders.host = captured.upstreamHost;
  const notes = [...captured.notes];
  const sources: BodySources = { request: null, response: null };
  let requestBody: unknown = null;
  if (captured.requestBytes > MAX_RECORDED_BODY) notes.push(`request body of ${captured.requestBytes} bytes not kept`);
  else if (captured.requestBody) {
    const read = readBody('request', asBuffer(captured.requestBody), requestHeaders['content-encoding'], requestHeaders['content-type'], notes);
    requestBody = read.value;
    sources.request = read.json;
  }
  const { response } = captured;
  const responseHeaders = headersFromRaw(response.headers);
  let responseBody: unknown = null;
  if (response.body) {
    const bytes = asBuffer(response.body);
    const read = response.decoded
      ? readBodyText(bytes.toString('utf8'), responseHeaders['content-type'])
      : readBody('response', bytes, responseHeaders['content-encoding'], responseHeaders['content-type'], notes);
    responseBody = read.value;
    sources.response = read.json;
  }
  const raw: RawExchange = {
    method: captured.method,
    url: captured.url,
    requestHeaders,
    requestBody,
    responseStatus: response.status,
    responseHeaders,
    responseBody,
    transportError: response.transportError,
    startedAt: captured.startedAt,
    durationMs: captured.durationMs,
    sourceRef: captured.sourceRef,
    group: 'live',
    ...(notes.length > 0 ? { notes } : {}),
  };
  return { raw, sources };
}

/** A body decoded within the record limit and parsed; a note says why one was not (or not decoded). */
function readBody(which: string, bytes: Buffer, encoding: string | undefined, type: string | undefined, notes: string[]): { value: unknown; json: string | null } {
  const decoded = decodeContentEncodingWithin(bytes, encoding, MAX_RECORDED_BODY);
  if (decoded === TOO_LARGE) {
    notes.push(tooLargeNote(which, bytes.length, encoding));
    return { value: null, json: null };
  }
  if (!decoded) notes.push(`${which} body in unsupported encoding ${encoding}`);
  return readBodyText((decoded ?? bytes).toString('utf8'), type);
}

/** The note on a compressed body that expands past the record limit (a decompression bomb, or just big). */
export function tooLargeNote(which: string, bytes: number, encoding: string | undefined): string {
  return `${which} body of ${bytes} bytes (${encoding}) decodes to more than ${MAX_RECORDED_BODY} bytes: not kept`;
}

/** Buffers arrive from another thread as plain Uint8Arrays. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An Okta-shaped error body, so SDKs that parse errorCode/errorSummary show something sensible. */
export function gatewayErrorBody(upstreamOrigin: string, reason: string): string {
  return JSON.stringify({
    errorCode: 'AUTHTRAIL_UPSTREAM_UNAVAILABLE',
    errorSummary: `authtrail could not get a response from ${upstreamOrigin}: ${reason}`,
    errorLink: 'AUTHTRAIL_UPSTREAM_UNAVAILABLE',
    errorId: `authtrail-${Date.now().toString(36)}`,
    errorCauses: [],
  });
}
