import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { MockOrg } from './org.js';
import { dispatch, parseRequestBody, type MockReply } from './routes.js';
import { errorBody } from './templates.js';
import { SCENARIOS } from './users.js';
import { MockSystemLog } from './system-log.js';

/**
 * A real HTTP(S) server speaking Okta's APIs (routes.ts) from an in-memory org. Used by `authtrail demo`, the
 * proxy tests and the proxy benchmark; runnable by hand with `npx tsx samples/mock-okta/main.ts`.
 */

export interface MockOktaOptions {
  scenario?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Origin used in `_links` instead of the server's own (e.g. the public name behind a tunnel). */
  publicOrigin?: string;
  /** Serve HTTPS with this certificate (PEM) instead of HTTP. */
  tls?: { cert: string; key: string };
  /** Compress bodies when the client accepts it (default true). */
  compress?: boolean;
  /** Called with each System Log event as the org logs it (main.ts --system-log writes them). */
  onSystemLog?: (event: Record<string, unknown>) => void;
}

export interface MockOkta {
  url: string;
  org: MockOrg;
  /** Requests served so far. */
  requests(): number;
  /** The org's System Log so far: LogEvents as /api/v1/logs returns them, oldest first. */
  systemLog(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

export async function startMockOkta(options: MockOktaOptions = {}): Promise<MockOkta> {
  const scenario = SCENARIOS[options.scenario ?? 'devforum'];
  if (!scenario) throw new Error(`unknown scenario ${options.scenario}: choose one of ${scenarioNames().join(', ')}`);
  const org = new MockOrg(scenario);
  let served = 0;
  const log = new MockSystemLog(options.onSystemLog);
  let ownOrigin = '';
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      served++;
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://mock');
      const body = parseRequestBody(text, req.headers['content-type']);
      const reply: MockReply = body
        ? dispatch(
            { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, text, body, origin: options.publicOrigin ?? ownOrigin },
            { org },
          )
        : { status: 400, body: errorBody('E0000003') };
      // Okta logs what it served under the request id it answers with: the System Log join's key.
      const requestId = randomBytes(12).toString('base64url');
      log.record({ path: url.pathname, body: body ?? {} }, reply, requestId, { ipAddress: req.socket.remoteAddress ?? '', userAgent: String(req.headers['user-agent'] ?? '') });
      send(req, res, reply, options.compress !== false, requestId);
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as { port: number };
  ownOrigin = `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    url: ownOrigin,
    org,
    requests: () => served,
    systemLog: () => log.events,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes a reply (JSON unless it carries text) with Okta-like headers; br or gzip when the client accepts it. */
function send(req: http.IncomingMessage, res: http.ServerResponse, reply: MockReply, compress: boolean, requestId: string): void {
  let bytes = Buffer.from(reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
  const headers: Record<string, string | number> = {
    'content-type': reply.text === undefined ? 'application/json' : 'text/html; charset=utf-8',
    'cache-control': 'no-cache, no-store',
    pragma: 'no-cache',
    'x-okta-request-id': requestId,
    'x-rate-limit-limit': 600,
    'x-rate-limit-remaining': 599,
    'x-rate-limit-reset': Math.floor(Date.now() / 1000) + 60,
    ...reply.headers,
  };
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (compress && bytes.length > 0) {
    if (/\bbr\b/.test(accepts)) {
      bytes = brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } });
      headers['content-encoding'] = 'br';
    } else if (/\bgzip\b/.test(accepts)) {
      bytes = gzipSync(bytes);
      headers['content-encoding'] = 'gzip';
    }
    if (headers['content-encoding']) headers.vary = 'Accept-Encoding';
  }
  headers['content-length'] = bytes.length;
  res.writeHead(reply.status, headers);
  res.end(bytes);
}
