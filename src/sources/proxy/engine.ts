import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { SocketSet } from './listen.js';
import httpProxy from 'http-proxy';
import { upstreamAgents, type UpstreamAgentOptions } from './agents.js';
import { BATCH_MS, BatchEncoder, type PendingExchange } from './batch-codec.js';
import { finishFlight, gatewayErrorBody, MAX_RECORDED_BODY, startInFlight, teeRequest, tooLargeNote, type InFlight } from './capture.js';
import { answerPreflight, corsResponseHeaders } from './cors.js';
import { TOO_LARGE } from '../../http/body.js';
import { linkRewriter, rewriteUrl } from './rewrite.js';
import { UnreadTally } from '../../protocols/org.js';
import { bufferedReply, faultReason, responseHead } from './response.js';

/**
 * The proxying core shared by reverse and forward mode: forwards a request with http-proxy, records it when
 * its path is included, keeps the client on the proxy. One http-proxy instance per response mode, because
 * a `proxyRes` body handler must exist only with `selfHandleResponse`.
 */

export interface Upstream {
  /** Where the request goes, e.g. `https://dev-123.okta.com`. */
  origin: string;
  /** The origin the client used to reach the proxy; upstream links are rewritten to it. */
  publicOrigin: string;
}

export interface EngineOptions extends UpstreamAgentOptions {
  /** Decides, from the URL path, whether an exchange is recorded. */
  include(path: string): boolean;
  cors: boolean;
  /**
   * Receives the recorded exchanges in batches, after their clients got the responses: encoded by
   * batch-codec.ts into a reused buffer, valid only during the call. With `durable`, it returns a promise
   * that settles once the batch is committed, and the responses wait for it.
   */
  onExchanges(batch: Buffer, count: number): void | Promise<void>;
  /** Release each recorded response only once its exchange is committed (`record --durable`). */
  durable?: boolean;
  /** Label for sourceRef, e.g. `proxy:127.0.0.1:8080`. */
  label: string;
  /** Upstream response timeout. */
  timeoutMs?: number;
}

export interface EngineStats {
  recorded: number;
  forwarded: number;
  preflights: number;
  transportErrors: number;
  clientAborts: number;
  /** WebSocket upgrades passed through to the upstream, never recorded (a dev server's reload socket, an app's). */
  websockets: number;
  /** Requests the HTTP parser refused before the engine saw them (a head over 64 KB, not HTTP): answered, not forwarded. */
  refused: number;
  inFlight: number;
}

/**
 * Each request carries its flight under a symbol: a WeakMap keyed by thousands of short-lived requests a
 * second adds ephemeron work to every garbage collection.
 */
const FLIGHT = Symbol('authtrail.flight');
type FlightCarrier = IncomingMessage & { [FLIGHT]?: Flight };
const flightOf = (req: IncomingMessage): Flight | undefined => (req as FlightCarrier)[FLIGHT];

/** http-proxy options for one upstream origin: the recorded path is timed by the sweep, the other by http-proxy. */
interface Target {
  recording: httpProxy.ServerOptions;
  passing: httpProxy.ServerOptions;
  host: string;
}

interface Flight {
  flight: InFlight | null;
  upstream: Upstream;
  /** --cors headers for this response (recorded path only; the pass-through path sets them on res). */
  cors: Record<string, string> | null;
  /** The upstream went quiet for the timeout: the client gets a 504, not a 502. */
  timedOut?: boolean;
  /** The upstream's response once its head arrived, and how many body bytes came (for the note when it breaks). */
  response?: IncomingMessage;
  received?: number;
  /** Recorded path: the request to the upstream, once http-proxy made it, and the client's response (for the timeout). */
  request?: ClientRequest;
  res?: ServerResponse;
  /** Recorded path: the timeout sweep's tick when a byte of this exchange last moved (see ProxyEngine.sweep). */
  heard?: number;
  /** Recorded path: neighbours in the engine's list of exchanges the sweep watches. */
  prev?: Flight | null;
  next?: Flight | null;
  watched?: boolean;
}
const BATCH_MAX = 512;
/** How long the upstream may stay silent, before its head or in the middle of its body. */
const DEFAULT_TIMEOUT_MS = 120_000;

export class ProxyEngine {
  /** Calls to the Okta org forwarded without recording (outside --include), by call pattern. */
  readonly unread = new UnreadTally();
  readonly stats: EngineStats = { recorded: 0, forwarded: 0, preflights: 0, transportErrors: 0, clientAborts: 0, websockets: 0, refused: 0, inFlight: 0 };
  private readonly recording = httpProxy.createProxyServer({ selfHandleResponse: true });
  private readonly passing = httpProxy.createProxyServer({});
  /** Both ends of every passed-through WebSocket: they left the HTTP server's bookkeeping, and a stop closes them. */
  readonly upgraded = new SocketSet();
  private readonly agents;
  /** Recorded exchanges not handed over yet, already encoded. */
  private readonly encoder = new BatchEncoder();
  private timer: NodeJS.Timeout | null = null;
  /** --durable: responses waiting for the batch their exchanges are in, handed over at the next turn. */
  private held: (() => void)[] = [];
  private immediate: NodeJS.Immediate | null = null;
  private readonly targets = new Map<string, Target>();
  private seq = 0;
  /** Link rewriters by Upstream: reverse mode hands one Upstream per Host header (a bounded set), forward mode never rewrites. */
  private readonly rewriters = new WeakMap<Upstream, (body: Buffer) => Buffer>();
  private idleWaiters: (() => void)[] = [];
  /** Recorded exchanges in flight, for the timeout sweep, and its tick count. */
  private watched: Flight | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private tick = 0;

  constructor(private readonly options: EngineOptions) {
    this.agents = upstreamAgents(options);
    this.recording.on('proxyRes', (proxyRes, req, res) => this.collectResponse(proxyRes, req, res as ServerResponse));
    this.passing.on('proxyRes', (proxyRes, req) => {
      const ctx = flightOf(req);
      const location = proxyRes.headers.location;
      if (ctx && location) proxyRes.headers.location = rewriteUrl(location, ctx.upstream.origin, ctx.upstream.publicOrigin);
    });
    // Pass-through: http-proxy aborts a request whose upstream is idle for proxyTimeout; the mark makes that a 504.
    this.passing.on('proxyReq', (proxyReq, req) => proxyReq.once('timeout', () => {
      const ctx = flightOf(req);
      if (ctx) ctx.timedOut = true;
    }));
    // Recorded: the sweep times the upstream out (no timer per request on the path every authn call takes).
    this.recording.on('proxyReq', (proxyReq, req) => {
      const ctx = flightOf(req);
      if (ctx) ctx.request = proxyReq;
    });
    this.passing.on('open', (proxySocket: Socket) => this.upgraded.add(proxySocket));
    for (const proxy of [this.recording, this.passing]) {
      proxy.on('error', (err, req, res) => {
        // A WebSocket upgrade's failure comes with the client's socket, not a response: it is closed.
        if (typeof (res as ServerResponse).writeHead !== 'function') return void (res as unknown as Duplex).destroy();
        this.fail(req, res as ServerResponse, err);
      });
      proxy.on('econnreset', (_err, req) => this.abort(req));
    }
  }

  /**
   * Proxies one request to `upstream`; records it when `recordable` and its path is included.
   * Never throws: every failure becomes a response and a record.
   */
  handle(req: IncomingMessage, res: ServerResponse, upstream: Upstream, recordable = true): void {
    if (this.options.cors && answerPreflight(req, res)) {
      this.stats.preflights++;
      return;
    }
    const cors = this.options.cors ? corsResponseHeaders(req) : null;
    const path = req.url ?? '/';
    const query = path.indexOf('?');
    const pathname = query < 0 ? path : path.slice(0, query);
    const target = this.targetOf(upstream.origin);
    this.stats.inFlight++;
    res.on('close', () => this.settle(req));
    if (!recordable || !this.options.include(pathname)) {
      this.stats.forwarded++;
      // Calls to the org that are not recorded are still named in the analysis ("never silently clean").
      // Forward mode's plain HTTP outside --intercept: the org's only when the path is one only Okta serves.
      if (recordable) this.unread.add(pathname, null, true);
      else this.unread.add(`${upstream.origin}${pathname}`);
      if (cors) for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
      (req as FlightCarrier)[FLIGHT] = { flight: null, upstream, cors: null };
      this.passing.web(req, res, target.passing);
      return;
    }
    const flight = startInFlight(req, ++this.seq, { origin: upstream.origin, host: target.host }, path);
    const ctx: Flight = { flight, upstream, cors, res, heard: this.tick };
    (req as FlightCarrier)[FLIGHT] = ctx;
    this.watch(ctx);
    this.recording.web(req, res, target.recording);
    teeRequest(req, flight, () => (ctx.heard = this.tick));
  }

  /**
   * Passes a WebSocket upgrade through to `upstream` without recording it (its frames are no authn call), and
   * counts it, so the app under test keeps working and the stop summary says what went by unrecorded.
   */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, upstream: Upstream): void {
    this.stats.websockets++;
    this.upgraded.add(socket as Socket);
    socket.on('error', () => socket.destroy());
    const target = this.targetOf(upstream.origin);
    this.passing.ws(req, socket, head, { ...target.passing, ws: true });
  }

  /**
   * Times out recorded exchanges whose upstream went quiet, on one timer for all of them: a tick every
   * eighth of the timeout (10 ms to 1 s) counts up, every byte that moves stamps its exchange with the tick,
   * and an exchange silent for more than the timeout's ticks is cut with a 504. http-proxy's proxyTimeout
   * would set, refresh and clear a socket timer and add listeners on every request. The timeout is met
   * to within one tick.
   */
  private watch(ctx: Flight): void {
    // A list through the flights themselves: a Set of thousands of short-lived entries a second made the
    // proxy thread's garbage collections cost twice as much.
    ctx.watched = true;
    ctx.prev = null;
    ctx.next = this.watched;
    if (this.watched) this.watched.prev = ctx;
    this.watched = ctx;
    if (this.sweeper) return;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const tickMs = Math.min(1000, Math.max(10, Math.floor(timeoutMs / 8)));
    const ticks = Math.ceil(timeoutMs / tickMs);
    this.sweeper = setInterval(() => this.sweep(ticks), tickMs).unref();
  }

  private unwatch(ctx: Flight): void {
    if (!ctx.watched) return;
    ctx.watched = false;
    if (ctx.prev) ctx.prev.next = ctx.next ?? null;
    else this.watched = ctx.next ?? null;
    if (ctx.next) ctx.next.prev = ctx.prev ?? null;
    ctx.prev = ctx.next = null;
  }

  private sweep(ticks: number): void {
    this.tick++;
    for (let ctx = this.watched, next: Flight | null; ctx; ctx = next) {
      next = ctx.next ?? null;
      if (ctx.flight?.done) this.unwatch(ctx);
      else if (this.tick - ctx.heard! > ticks) {
        this.unwatch(ctx);
        ctx.timedOut = true;
        // http-proxy reports the destroyed request as an error, which fail() answers with the 504; a request
        // it never made (an Expect: 100-continue one, which it does not announce) is answered here.
        if (ctx.request) ctx.request.destroy(new Error('upstream timed out'));
        else if (ctx.res) this.fail(ctx.res.req, ctx.res, new Error('upstream timed out'));
      }
    }
  }

  /** Resolves once no request is in flight and every recorded exchange was handed to onExchanges. */
  whenIdle(): Promise<void> {
    if (this.stats.inFlight === 0) {
      this.drain();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.recording.close();
    this.passing.close();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private collectResponse(proxyRes: IncomingMessage, req: IncomingMessage, res: ServerResponse): void {
    const ctx = flightOf(req);
    if (!ctx?.flight) return;
    const { flight } = ctx;
    ctx.response = proxyRes;
    let chunks: Buffer[] | null = [];
    let size = 0;
    // Kept as received: the batch packer copies them once, straight into the buffer handed to the worker.
    // Past the record limit the body is streamed through instead, so no response holds more than that in memory.
    ctx.heard = this.tick;
    proxyRes.on('data', (chunk: Buffer) => {
      size += chunk.length;
      ctx.received = size;
      ctx.heard = this.tick;
      if (chunks === null) {
        if (!res.write(chunk)) {
          proxyRes.pause();
          res.once('drain', () => proxyRes.resume());
        }
        return;
      }
      chunks.push(chunk);
      if (size > MAX_RECORDED_BODY) {
        this.streamThrough(req, res, proxyRes, ctx, chunks);
        chunks = null;
      }
    });
    proxyRes.on('error', (err) => this.fail(req, res, err));
    proxyRes.on('aborted', () => this.fail(req, res, new Error('upstream closed the connection mid-response')));
    proxyRes.on('end', () => {
      if (flight.done || res.destroyed) return;
      if (chunks === null) {
        // Dropped with a note, as an oversized request body is: the record says what is missing and why.
        flight.notes.push(`response body of ${size} bytes not kept`);
        const response = { status: proxyRes.statusCode ?? null, headers: proxyRes.rawHeaders, body: null, decoded: false, transportError: null };
        this.record(flight, response, () => res.end());
        return;
      }
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      const { upstream } = ctx;
      const reply = bufferedReply(req, proxyRes, bytes, upstream, ctx.cors, upstream.origin === upstream.publicOrigin ? null : this.rewriterFor(upstream));
      const { decoded } = reply;
      if (decoded === TOO_LARGE) flight.notes.push(tooLargeNote('response', size, proxyRes.headers['content-encoding']));
      const response = {
        status: proxyRes.statusCode ?? null,
        headers: proxyRes.rawHeaders,
        body: decoded === TOO_LARGE ? null : decoded ?? bytes,
        decoded: decoded !== null && decoded !== TOO_LARGE,
        transportError: null,
      };
      this.record(flight, response, () => {
        if (res.destroyed) return;
        res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, reply.headers);
        res.end(reply.body);
      });
    });
  }

  /** Sends the head and what came so far, as the upstream sent them; the rest follows chunk by chunk. */
  private streamThrough(req: IncomingMessage, res: ServerResponse, proxyRes: IncomingMessage, ctx: Flight, chunks: Buffer[]): void {
    const head = responseHead(req, proxyRes, ctx.upstream.origin, ctx.upstream.publicOrigin, ctx.cors);
    if (head.length !== undefined) head.headers.push('content-length', head.length);
    res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, head.headers);
    for (const chunk of chunks) res.write(chunk);
  }

  /**
   * An upstream that refused, reset, broke off or went quiet: the client gets a 502 (504 after the timeout)
   * with an Okta-shaped body, or a cut connection once the head was sent; the record keeps what arrived.
   */
  private fail(req: IncomingMessage, res: ServerResponse, err: Error): void {
    const ctx = flightOf(req);
    if (ctx?.flight?.done) return;
    const reason = faultReason(err, Boolean(ctx?.timedOut), Boolean(ctx?.response), this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (!res.headersSent && !res.destroyed) {
      const body = gatewayErrorBody(ctx?.upstream.origin ?? 'the upstream', reason);
      res.writeHead(ctx?.timedOut ? 504 : 502, { ...ctx?.cors, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } else if (!res.destroyed) {
      res.destroy();
    }
    if (ctx?.flight && !ctx.flight.done) {
      this.stats.transportErrors++;
      const got = ctx.response;
      if (got) ctx.flight.notes.push(`response cut off after ${ctx.received ?? 0} body bytes: ${reason}`);
      this.record(ctx.flight, { status: got?.statusCode ?? null, headers: got?.rawHeaders ?? [], body: null, decoded: false, transportError: reason });
    }
  }

  private abort(req: IncomingMessage): void {
    const ctx = flightOf(req);
    if (!ctx?.flight || ctx.flight.done) return;
    this.stats.clientAborts++;
    ctx.flight.notes.push('client closed the connection before the response');
    this.record(ctx.flight, { status: null, headers: [], body: null, decoded: false, transportError: 'client aborted' });
  }

  /** Called when the client connection is done with this request, whatever happened. */
  private settle(req: IncomingMessage): void {
    const ctx = flightOf(req);
    if (ctx?.flight && !ctx.flight.done) this.abort(req);
    if (ctx) this.unwatch(ctx);
    this.stats.inFlight--;
    if (this.stats.inFlight === 0 && this.idleWaiters.length > 0) {
      this.drain();
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** The link rewriter from the upstream's origin to the client's, made once per Upstream. */
  private rewriterFor(upstream: Upstream): (body: Buffer) => Buffer {
    let rewrite = this.rewriters.get(upstream);
    if (!rewrite) this.rewriters.set(upstream, (rewrite = linkRewriter(upstream.origin, upstream.publicOrigin)));
    return rewrite;
  }

  /** http-proxy options per upstream origin, made once: a string target is parsed again on every request. */
  private targetOf(origin: string): Target {
    let target = this.targets.get(origin);
    if (!target) {
      const agent = origin.startsWith('https:') ? this.agents.https : this.agents.http;
      const url = new URL(origin);
      // The fields http-proxy reads from a parsed target (host with its port, as url.parse gives it).
      const parsed = { protocol: url.protocol, host: url.host, hostname: url.hostname, port: url.port, path: '/' };
      // toProxy: the path goes upstream as the client sent it; http-proxy would otherwise url.parse() it on every request.
      const recording = { target: parsed, agent, changeOrigin: true, toProxy: true, prependPath: false };
      const passing = { ...recording, proxyTimeout: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
      this.targets.set(origin, (target = { recording, passing, host: url.host }));
    }
    return target;
  }

  /**
   * Queues the exchange for the worker. `release` sends the client its response: at once, or with --durable
   * once the batch holding the exchange is committed (batches then go at the next turn of the event loop, so
   * responses that finish together share one commit).
   */
  private record(flight: InFlight, response: PendingExchange['response'], release?: () => void): void {
    flight.done = true;
    this.stats.recorded++;
    this.encoder.add(finishFlight(flight, response, this.options.label));
    if (release && this.options.durable) {
      this.held.push(release);
      this.immediate ??= setImmediate(() => this.drain());
      return;
    }
    release?.();
    if (this.encoder.count >= BATCH_MAX) this.drain();
    else this.timer ??= setTimeout(() => this.drain(), BATCH_MS);
  }

  private drain(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    const count = this.encoder.count;
    if (count === 0) return;
    const committed = this.options.onExchanges(this.encoder.take(), count);
    const held = this.held.splice(0);
    if (held.length === 0) return;
    // A batch that could not be written still releases its responses: recording never holds traffic hostage.
    const release = () => {
      for (const send of held) send();
    };
    if (committed) committed.then(release, release);
    else release();
  }
}
