import http from 'node:http';
import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import type { CertificateAuthority } from './ca.js';
import { ProxyEngine, type EngineOptions } from './engine.js';
import { answerClientError, formatOrigin, listen, MAX_HEADER_BYTES, SocketSet, stopServer } from './listen.js';
import { hostMatcher, stripPort } from './matchers.js';
import type { RecordingProxy } from './reverse.js';
import { OKTA_PATH } from '../../protocols/org.js';

/**
 * Forward mode: an HTTP proxy for HTTP_PROXY/HTTPS_PROXY. CONNECT to an intercepted host is answered with a
 * TLS server holding a leaf certificate from the local CA, and its requests go through the recording engine;
 * every other CONNECT is a plain byte tunnel that authtrail never reads.
 */

export interface ForwardOptions extends Omit<EngineOptions, 'label'> {
  host: string;
  port: number;
  /** Host globs to intercept (comma-separated or a list). */
  intercept: string | string[];
  ca: CertificateAuthority;
  /** Told about events worth a line in the live view (a client refusing the CA...). */
  onNotice?(message: string): void;
}

export interface ForwardStats {
  tunnels: number;
  intercepted: number;
  /** Intercepted connections that failed TLS or ended without a request (usually a client that does not trust the CA). */
  closedWithoutRequest: number;
}

export async function startForwardProxy(options: ForwardOptions): Promise<RecordingProxy & { forward: ForwardStats }> {
  const intercepts = hostMatcher(options.intercept);
  const forward: ForwardStats = { tunnels: 0, intercepted: 0, closedWithoutRequest: 0 };
  const rawSockets = new SocketSet();
  const origins = new WeakMap<Socket, string>();
  let engine: ProxyEngine | null = null;

  const warned = new Set<string>();
  const plain = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('authtrail forward proxy: send requests through it with HTTP_PROXY/HTTPS_PROXY, or use reverse mode (--target).\n');
      return;
    }
    req.url = `${url.pathname}${url.search}`;
    // Plain HTTP to a host outside --intercept is forwarded but never recorded; an Okta call among them is
    // counted as the org's (the engine) and named once here, with the flag that records it.
    const record = intercepts(url.host);
    if (!record && !warned.has(url.host) && OKTA_PATH.test(url.pathname)) {
      warned.add(url.host);
      options.onNotice?.(`forwarded ${url.origin}${url.pathname} without recording: ${url.host} is outside --intercept; add --intercept '${stripPort(url.host)}' to record it`);
    }
    engine!.handle(req, res, { origin: url.origin, publicOrigin: url.origin }, record);
  });

  // Decrypted requests from intercepted CONNECTs arrive here; their socket tells which origin they were for.
  const served = new WeakSet<Socket>();
  const inner = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    served.add(req.socket);
    const origin = origins.get(req.socket) ?? '';
    engine!.handle(req, res, { origin, publicOrigin: origin }, true);
  });

  for (const server of [plain, inner]) server.on('clientError', (err: NodeJS.ErrnoException, socket) => answerClientError(err, socket, () => engine && engine.stats.refused++));
  plain.on('upgrade', (req, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      return;
    }
    req.url = `${url.pathname}${url.search}`;
    engine!.upgrade(req, socket, head, { origin: url.origin, publicOrigin: url.origin });
  });
  inner.on('upgrade', (req, socket, head) => {
    const origin = origins.get(req.socket) ?? '';
    engine!.upgrade(req, socket, head, { origin, publicOrigin: origin });
  });

  plain.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    rawSockets.add(client);
    client.on('error', () => client.destroy());
    const authority = req.url ?? '';
    const target = connectTarget(authority);
    if (typeof target === 'string') {
      const body = `authtrail forward proxy: CONNECT ${authority.slice(0, 200)}: ${target}; send CONNECT host:port, e.g. dev-123.okta.com:443\n`;
      client.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    const { hostname, port } = target;
    if (intercepts(hostname)) intercept(client, head, hostname, port);
    else tunnel(client, head, hostname, port);
  });

  // One TLS server (never listening) per intercepted authority, holding the host's leaf from the local CA:
  // it takes the CONNECTed sockets and hands their decrypted connections to the inner HTTP server.
  const tlsServers = new Map<string, Promise<tls.Server>>();
  function tlsServerFor(hostname: string, port: number): Promise<tls.Server> {
    const origin = port === 443 ? `https://${hostname}` : `https://${hostname}:${port}`;
    let server = tlsServers.get(origin);
    if (!server) {
      server = options.ca.leafFor(hostname).then(({ cert, key }) => {
        const s = tls.createServer({ cert, key, ALPNProtocols: ['http/1.1'], handshakeTimeout: 10_000 }, (secure) => {
          origins.set(secure, origin);
          // A client that rejects the certificate after the handshake (Node clients do) sends no alert:
          // the sign is a connection that ends without a single request.
          secure.once('close', () => {
            if (!served.has(secure)) untrusted(hostname, 'closed without a request');
          });
          inner.emit('connection', secure);
        });
        s.on('tlsClientError', (err: NodeJS.ErrnoException) => untrusted(hostname, err.code ?? err.message.split('\n')[0]!));
        return s;
      });
      server.catch(() => tlsServers.delete(origin));
      tlsServers.set(origin, server);
    }
    return server;
  }

  function untrusted(hostname: string, detail: string): void {
    forward.closedWithoutRequest++;
    options.onNotice?.(`the client gave up its TLS connection to ${hostname} (${detail}): does it trust the authtrail CA? See \`authtrail ca\`.`);
  }

  function intercept(client: Socket, head: Buffer, hostname: string, port: number): void {
    forward.intercepted++;
    tlsServerFor(hostname, port).then(
      (server) => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) client.unshift(head);
        server.emit('connection', client);
      },
      (err: Error) => {
        options.onNotice?.(`could not make a certificate for ${hostname}: ${err.message}`);
        client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      },
    );
  }

  function tunnel(client: Socket, head: Buffer, hostname: string, port: number): void {
    forward.tunnels++;
    const address = options.resolve?.[hostname.toLowerCase()] ?? hostname;
    const upstream = net.connect(port, address, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    rawSockets.add(upstream);
    upstream.on('error', () => {
      if (client.writable && !upstream.readyState.startsWith('open')) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
  }

  const port = await listen(plain, options.host, options.port);
  const url = formatOrigin('http', options.host, port);
  const running = new ProxyEngine({ ...options, label: `proxy:${url.slice('http://'.length)}` });
  engine = running;
  return {
    mode: 'forward',
    url,
    stats: running.stats,
    unread: () => running.unread.result(),
    forward,
    async stop() {
      inner.close();
      running.upgraded.destroyAll();
      await stopServer(plain, () => running.whenIdle(), rawSockets);
      inner.closeAllConnections();
      await running.whenIdle();
      running.close();
    },
  };
}

/**
 * The host and port of a CONNECT request (`host:port`, `[v6]:port`; 443 when the port is left out), or what
 * is wrong with it: a port out of range would otherwise reach net.connect, which throws.
 */
export function connectTarget(authority: string): { hostname: string; port: number } | string {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/@]+)(?::([^:]*))?$/.exec(authority);
  if (!match) return 'the target is not host:port';
  const hostname = stripPort(match[1]!);
  if (match[2] === undefined) return { hostname, port: 443 };
  const port = /^\d{1,5}$/.test(match[2]) ? Number(match[2]) : NaN;
  if (!(port >= 1 && port <= 65535)) return `the port ${JSON.stringify(match[2])} is not a number from 1 to 65535`;
  return { hostname, port };
}
