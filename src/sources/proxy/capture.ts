import type { IncomingMessage } from 'node:http';
import type { RawExchange } from '../../model/exchange.js';
import { decodeBody, parseBody, toHeaderMap } from './http-parts.js';

/**
 * What the proxy knows about one recorded request while it is in flight, and how it becomes a RawExchange.
 * Bodies are kept as received (possibly compressed) and decoded only when the exchange is built.
 */

/** Request or response bodies larger than this are not kept in the record (authn bodies are a few KB). */
export const MAX_RECORDED_BODY = 4 * 1024 * 1024;

export interface InFlight {
  seq: number;
  method: string;
  /** Upstream URL of the request (the Okta URL, not the proxy's). */
  url: string;
  upstreamHost: string;
  requestHeaders: IncomingMessage['headers'];
  requestChunks: Buffer[];
  requestBytes: number;
  startedAt: Date;
  t0: number;
  /** Set once the exchange was handed over, so an abort after an error is not recorded twice. */
  done: boolean;
  notes: string[];
}

export function startInFlight(req: IncomingMessage, seq: number, upstreamOrigin: string, path: string): InFlight {
  return {
    seq,
    method: (req.method ?? 'GET').toUpperCase(),
    url: `${upstreamOrigin}${path}`,
    upstreamHost: new URL(upstreamOrigin).host,
    requestHeaders: req.headers,
    requestChunks: [],
    requestBytes: 0,
    startedAt: new Date(),
    t0: performance.now(),
    done: false,
    notes: [],
  };
}

/** Tees the request body as it streams to the upstream (never consumes it: http-proxy pipes the same stream). */
export function teeRequest(req: IncomingMessage, flight: InFlight): void {
  req.on('data', (chunk: Buffer) => {
    flight.requestBytes += chunk.length;
    if (flight.requestBytes <= MAX_RECORDED_BODY) flight.requestChunks.push(chunk);
  });
}

export interface ResponsePart {
  status: number | null;
  headers: IncomingMessage['headers'];
  /** Decoded body when the caller already decoded it, else the bytes as received. */
  body: Buffer | null;
  decoded: boolean;
  transportError: string | null;
}

export function buildRawExchange(flight: InFlight, response: ResponsePart, sourceRef: string): RawExchange {
  const requestHeaders = toHeaderMap(flight.requestHeaders);
  // Record the Host the upstream saw (the proxy rewrites it), not the proxy's own.
  requestHeaders.host = flight.upstreamHost;
  const notes = [...flight.notes];
  let requestBody: unknown = null;
  if (flight.requestBytes > MAX_RECORDED_BODY) notes.push(`request body of ${flight.requestBytes} bytes not kept`);
  else if (flight.requestChunks.length > 0) {
    const bytes = Buffer.concat(flight.requestChunks);
    const decoded = decodeBody(bytes, requestHeaders['content-encoding']);
    if (!decoded) notes.push(`request body in unsupported encoding ${requestHeaders['content-encoding']}`);
    requestBody = parseBody(decoded ?? bytes, requestHeaders['content-type']);
  }
  const responseHeaders = toHeaderMap(response.headers);
  let responseBody: unknown = null;
  if (response.body) {
    const decoded = response.decoded ? response.body : decodeBody(response.body, responseHeaders['content-encoding']);
    if (!decoded) notes.push(`response body in unsupported encoding ${responseHeaders['content-encoding']}`);
    responseBody = parseBody(decoded ?? response.body, responseHeaders['content-type']);
  }
  return {
    method: flight.method,
    url: flight.url,
    requestHeaders,
    requestBody,
    responseStatus: response.status,
    responseHeaders,
    responseBody,
    transportError: response.transportError,
    startedAt: flight.startedAt.toISOString(),
    durationMs: Math.round((performance.now() - flight.t0) * 10) / 10,
    sourceRef,
    group: 'live',
    ...(notes.length > 0 ? { notes } : {}),
  };
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
