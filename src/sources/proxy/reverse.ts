import http from 'node:http';
import { InputError } from '../../model/errors.js';
import { ProxyEngine, type EngineOptions, type EngineStats, type Upstream } from './engine.js';
import { answerClientError, formatOrigin, listen, MAX_HEADER_BYTES, stopServer } from './listen.js';

/** Reverse mode: the dev app talks to the recorder as if it were the Okta org. */

export interface ReverseOptions extends Omit<EngineOptions, 'label'> {
  /** The Okta org origin, e.g. `https://dev-123.okta.com`. */
  target: string;
  host: string;
  port: number;
}

export interface RecordingProxy {
  mode: 'reverse' | 'forward';
  /** The proxy's own origin, e.g. `http://127.0.0.1:8080`. */
  url: string;
  stats: EngineStats;
  /** Calls to the org forwarded without recording (outside --include), by call pattern. */
  unread(): Record<string, number>;
  /** Stops accepting, finishes in-flight requests, hands over every recorded exchange. */
  stop(): Promise<void>;
}

/** Validates `--target`: an http(s) origin, nothing after it. */
export function parseTarget(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InputError(`--target ${target} is not a URL: give the Okta org origin, e.g. https://dev-123.okta.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`--target ${target} must start with https:// or http:// (e.g. https://dev-123.okta.com)`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new InputError(`--target ${target} must be an origin only, without path or query (e.g. ${url.origin})`);
  }
  return url.origin;
}

export async function startReverseProxy(options: ReverseOptions): Promise<RecordingProxy> {
  const origin = parseTarget(options.target);
  let engine: ProxyEngine | null = null;
  let ownHost = '';
  // One Upstream per Host header the clients use (the engine keeps its link rewriter by it); a client
  // sending many hosts cannot make this grow without bound.
  const upstreams = new Map<string, Upstream>();
  const upstreamFor = (host: string): Upstream => {
    let upstream = upstreams.get(host);
    if (!upstream) {
      if (upstreams.size >= 64) upstreams.clear();
      upstreams.set(host, (upstream = { origin, publicOrigin: `http://${host}` }));
    }
    return upstream;
  };
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    // A request target in absolute form (allowed by RFC 9112) goes upstream, and is matched, as its path.
    if (req.url && req.url.charCodeAt(0) !== 0x2f /* / */ && /^https?:\/\//i.test(req.url)) req.url = toOriginForm(req.url);
    // Links are rewritten to the origin the client used, so localhost and 127.0.0.1 both stay on the proxy.
    engine!.handle(req, res, upstreamFor(req.headers.host ?? ownHost));
  });
  server.on('upgrade', (req, socket, head) => engine!.upgrade(req, socket, head, upstreamFor(req.headers.host ?? ownHost)));
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => answerClientError(err, socket, () => engine && engine.stats.refused++));
  const port = await listen(server, options.host, options.port);
  const url = formatOrigin('http', options.host, port);
  ownHost = url.slice('http://'.length);
  const running = new ProxyEngine({ ...options, label: `proxy:${ownHost}` });
  engine = running;
  return {
    mode: 'reverse',
    url,
    stats: running.stats,
    unread: () => running.unread.result(),
    async stop() {
      await stopServer(server, () => running.whenIdle(), running.upgraded);
      await running.whenIdle();
      running.close();
    },
  };
}

function toOriginForm(target: string): string {
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return target;
  }
}
