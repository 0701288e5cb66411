import http from 'node:http';
import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import type { CertificateAuthority } from './ca.js';
import { ProxyEngine, type EngineOptions } from './engine.js';
import { formatOrigin, listen, SocketSet, stopServer } from './listen.js';
import { hostMatcher, stripPort } from './matchers.js';
import type { RecordingProxy } from './reverse.js';

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
  tlsFailures: number;
}

export async function startForwardProxy(options: ForwardOptions): Promise<RecordingProxy & { forward: ForwardStats }> {
  const intercepts = hostMatcher(options.intercept);
  const forward: ForwardStats = { tunnels: 0, intercepted: 0, tlsFailures: 0 };
  const rawSockets = new SocketSet();
  const origins = new WeakMap<Socket, string>();
  let engine: ProxyEngine | null = null;

  const plain = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('authtrail forward proxy: send requests through it with HTTP_PROXY/HTTPS_PROXY, or use reverse mode (--target).\n');
      return;
    }
    req.url = `${url.pathname}${url.search}`;
    // Plain HTTP to a host outside --intercept is forwarded but never recorded.
    const record = intercepts(url.host);
    engine!.handle(req, res, { origin: url.origin, publicOrigin: url.origin }, record);
  });

  // Decrypted requests from intercepted CONNECTs arrive here; their socket tells which origin they were for.
  const inner = http.createServer((req, res) => {
    const origin = origins.get(req.socket) ?? '';
    engine!.handle(req, res, { origin, publicOrigin: origin }, true);
  });

  plain.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    rawSockets.add(client);
    client.on('error', () => client.destroy());
    const authority = req.url ?? '';
    const hostname = stripPort(authority);
    const port = Number(authority.slice(authority.lastIndexOf(':') + 1)) || 443;
    if (intercepts(hostname)) intercept(client, head, hostname, port);
    else tunnel(client, head, hostname, port);
  });

  function intercept(client: Socket, head: Buffer, hostname: string, port: number): void {
    forward.intercepted++;
    options.ca.leafFor(hostname).then(
      ({ cert, key }) => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) client.unshift(head);
        const secure = new tls.TLSSocket(client, {
          isServer: true,
          secureContext: tls.createSecureContext({ cert, key }),
          ALPNProtocols: ['http/1.1'],
        });
        origins.set(secure, port === 443 ? `https://${hostname}` : `https://${hostname}:${port}`);
        secure.on('error', (err) => {
          forward.tlsFailures++;
          options.onNotice?.(`TLS with the client failed for ${hostname} (${err.message}): does it trust the authtrail CA? See \`authtrail ca\`.`);
          secure.destroy();
        });
        inner.emit('connection', secure);
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
    forward,
    async stop() {
      inner.close();
      await stopServer(plain, () => running.whenIdle());
      inner.closeAllConnections();
      rawSockets.destroyAll();
      await running.whenIdle();
      running.close();
    },
  };
}
