import type { IncomingMessage } from 'node:http';
import { decodeContentEncodingWithin, isJsonType, TOO_LARGE } from '../../http/body.js';
import { MAX_RECORDED_BODY } from './capture.js';
import { rewriteUrl } from './rewrite.js';

/**
 * The response head the proxy sends its client, built from the upstream's raw header list: hop-by-hop headers
 * dropped, Location rewritten to the proxy, --cors headers in place of the upstream's. Works on the raw list:
 * no header object is built on the request path, and repeated headers stay repeated.
 */

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer']);

export interface ResponseHead {
  /** Header names and values alternating, without Content-Length (the caller sets it for the body it sends). */
  headers: string[];
  /** The upstream's Content-Encoding, and where it stands in `headers` (-1 when absent). */
  encoding: string | undefined;
  encodingAt: number;
  type: string | undefined;
  /** The upstream's Content-Length, kept for a body streamed through unchanged. */
  length: string | undefined;
  /** HEAD, 204 and 304 carry no body whatever their headers say. */
  bodyless: boolean;
}

export function responseHead(req: IncomingMessage, proxyRes: IncomingMessage, from: string, to: string, cors: Record<string, string> | null): ResponseHead {
  const bodyless = req.method === 'HEAD' || proxyRes.statusCode === 204 || proxyRes.statusCode === 304;
  const raw = proxyRes.rawHeaders;
  const headers: string[] = [];
  const head: ResponseHead = { headers, encoding: undefined, encodingAt: -1, type: undefined, length: undefined, bodyless };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    let value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === 'content-length' && !bodyless) {
      head.length = value;
      continue;
    }
    if (HOP_BY_HOP.has(lower) || (cors && Object.hasOwn(cors, lower) && lower !== 'vary')) continue;
    if (lower === 'content-encoding') {
      head.encoding = value;
      head.encodingAt = headers.length;
    } else if (lower === 'content-type') head.type = value;
    else if (lower === 'location') value = rewriteUrl(value, from, to);
    headers.push(name, value);
  }
  if (cors) for (const name in cors) headers.push(name, cors[name]!);
  return head;
}

/** What the proxy sends for a buffered response, and the body decoded for the record. */
export interface BufferedReply {
  headers: string[];
  body: Buffer | undefined;
  /** null when it could not be decoded, TOO_LARGE when it expands past the record limit. */
  decoded: Buffer | null | typeof TOO_LARGE;
}

/**
 * The reply to a buffered response (selfHandleResponse), links rewritten in a JSON body when the client
 * reached the upstream under another origin.
 */
export function bufferedReply(
  req: IncomingMessage,
  proxyRes: IncomingMessage,
  bytes: Buffer,
  upstream: { origin: string; publicOrigin: string },
  cors: Record<string, string> | null,
  /** null when the client reached the upstream under its own origin: nothing to rewrite. */
  rewrite: ((body: Buffer) => Buffer) | null,
): BufferedReply {
  const head = responseHead(req, proxyRes, upstream.origin, upstream.publicOrigin, cors);
  const out = head.headers;
  const decoded = decodeContentEncodingWithin(bytes, head.encoding, MAX_RECORDED_BODY);
  let body = bytes;
  if (rewrite && decoded && decoded !== TOO_LARGE && isJsonType(head.type)) {
    const rewritten = rewrite(decoded);
    // Sent as identity: re-compressing on loopback costs more than it saves.
    if (rewritten !== decoded) {
      body = rewritten;
      if (head.encodingAt >= 0) out.splice(head.encodingAt, 2);
    }
  }
  if (!head.bodyless) out.push('content-length', String(body.length));
  return { headers: out, body: head.bodyless ? undefined : body, decoded };
}

/** Why an exchange with the upstream failed, in words for the client's 502/504 body and the record. */
export function faultReason(err: Error, timedOut: boolean, responded: boolean, timeoutMs: number): string {
  if (timedOut) return responded ? `the upstream stopped sending the response for ${timeoutMs} ms` : `no response from the upstream within ${timeoutMs} ms`;
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code ? `${code} ${err.message}` : err.message;
  return responded ? `the upstream closed the connection mid-response (${reason})` : reason;
}
