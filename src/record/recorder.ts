import { Worker } from 'node:worker_threads';
import { InputError } from '../model/errors.js';
import type { AnalysisJson } from '../model/analysis.js';
import type { Severity } from '../model/severity.js';
import type { Verdict } from '../model/verdict.js';
import { includeMatcher } from '../protocols/include.js';
import { DEFAULT_INCLUDE } from '../protocols/index.js';
import type { UpstreamAgentOptions } from '../sources/proxy/agents.js';
import { defaultCaDir, loadOrCreateCa } from '../sources/proxy/ca.js';
import { startForwardProxy, type ForwardStats } from '../sources/proxy/forward.js';
import { KEPT_BYTES, type LiveLine } from '../analyze/live.js';
import { DEFAULT_INTERCEPT } from '../sources/proxy/matchers.js';
import { probeTarget } from '../sources/proxy/probe.js';
import { parseTarget, startReverseProxy, type RecordingProxy } from '../sources/proxy/reverse.js';
import { type BurstOptions, DEFAULT_BURST } from './burst.js';
import { createRing, RingWriter } from './ring.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

/**
 * `authtrail record` as a library. The proxy runs on this thread; a worker thread takes the recorded
 * exchanges through the one ingest pipeline (redaction, batched SQLite writes) and the live analysis.
 * The CLI and `authtrail demo` only print.
 */

export interface RecorderOptions extends UpstreamAgentOptions {
  /** SQLite database path (`:memory:` keeps nothing past stop()). Created only once the proxy listens. */
  db: string;
  mode: 'reverse' | 'forward';
  /** Reverse mode: the Okta org origin. */
  target?: string;
  host: string;
  port: number;
  include?: readonly string[];
  /** Forward mode: host globs to intercept. */
  intercept?: string | string[];
  caDir?: string;
  cors?: boolean;
  /** Store secrets in clear. */
  raw?: boolean;
  /** One call per recorded exchange, in batches shortly after the responses. */
  onLine?(line: LiveLine): void;
  /** The same lines as text (see live-text.ts), one call per batch. */
  onLiveText?(text: string): void;
  onNotice?(message: string): void;
  /** How long the upstream may take to answer (default 120 s); then the client gets a 502. */
  timeoutMs?: number;
  /** Release each recorded response only once its exchange is committed to the database (no loss on a kill). */
  durable?: boolean;
  /** Size of the shared memory that carries batches to the worker (tests make it tiny to force the fallback). */
  ringBytes?: number;
  /** Heap the live analysis may keep for the summary (default KEPT_BYTES; tests make it tiny to force reading the capture back). */
  keptBytes?: number;
  /** Also return the whole analysis document at stop (the demo prints its table); else only the summary. */
  document?: boolean;
  /** When the worker holds batches during bursts of traffic (default DEFAULT_BURST; tests lower the rate). */
  burst?: Partial<BurstOptions>;
}

export interface RecordSummary {
  captureId: number;
  exchanges: number;
  forwarded: number;
  transportErrors: number;
  clientAborts: number;
  /** WebSocket connections passed through unrecorded (absent from older summaries). */
  websockets?: number;
  /** Requests refused before they were read (a head over 64 KB, not HTTP): answered 431/400, not forwarded. */
  refused?: number;
  transactions: number;
  /** Findings by severity. */
  findings: Record<Severity, number>;
  verdict: Verdict;
  /** Calls to the Okta org that were not analyzed, by call pattern (recorded but unread, or outside --include). */
  unread: Record<string, number>;
  /** Batches the worker held during bursts of traffic and recorded after them (burst.ts); 0 at a person's pace. */
  burstBatches: number;
  /** With RecorderOptions.document: the analysis document (its exchange ids are the recording's own, negative, unless the capture outgrew the live analysis). */
  document?: AnalysisJson;
  dbPath: string;
  forward?: ForwardStats;
}

export interface Recorder {
  url: string;
  mode: 'reverse' | 'forward';
  captureId: number;
  /** Forward mode: the CA certificate clients must trust, and whether this run created it. */
  ca?: { certPath: string; created: boolean };
  /** Reverse mode: settles once the start-up check of --target is done, with why nothing answers there (null: it does). */
  targetProblem?: Promise<string | null>;
  /** Stops accepting, finishes in-flight requests, writes everything, analyzes the recording. */
  stop(): Promise<RecordSummary>;
}

// Compiled (dist/): the worker's own .js; from the sources: worker.mjs, which loads worker.ts through tsx.
const WORKER = new URL(import.meta.url.endsWith('.js') ? './worker.js' : './worker.mjs', import.meta.url);
/** Shared memory for batches on their way to the worker: about a second of backlog at thousands of exchanges a second. */
const RING_BYTES = 4 * 1024 * 1024;

export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  if (options.mode === 'reverse' && !options.target) throw new InputError('reverse mode needs --target, the Okta org origin (e.g. https://dev-123.okta.com)');
  const target = options.target ? parseTarget(options.target) : null;
  const include = includeMatcher(options.include?.length ? options.include : DEFAULT_INCLUDE);
  let worker: Worker | null = null;
  const ring = createRing(options.ringBytes ?? RING_BYTES);
  const ringWriter = new RingWriter(ring);
  // --durable: batches whose responses wait for the worker's commit, by batch id.
  const commits = new Map<number, () => void>();
  let batches = 0;
  let workerGone = false;
  const common = {
    ...options,
    include: (path: string) => include(path),
    cors: Boolean(options.cors),
    durable: Boolean(options.durable),
    // Messages posted before the worker has started are queued by the port.
    onExchanges: (batch: Buffer, count: number): Promise<void> | void => {
      const id = ++batches;
      const region = ringWriter.write(batch);
      if (region) worker!.postMessage({ type: 'ring', ...region, id, count } satisfies ToWorker);
      else {
        // The worker lags a whole ring behind: this batch travels in a buffer of its own.
        const packed = new Uint8Array(batch).buffer;
        worker!.postMessage({ type: 'batch', packed, id, count } satisfies ToWorker, [packed]);
      }
      if (options.durable && !workerGone) return new Promise<void>((resolve) => commits.set(id, resolve));
    },
  };
  let proxy: RecordingProxy & { forward?: ForwardStats };
  let ca: Recorder['ca'];
  if (options.mode === 'forward') {
    const authority = await loadOrCreateCa(options.caDir ?? defaultCaDir());
    ca = { certPath: authority.certPath, created: authority.created };
    proxy = await startForwardProxy({ ...common, intercept: options.intercept ?? DEFAULT_INTERCEPT, ca: authority });
  } else {
    proxy = await startReverseProxy({ ...common, target: target! });
  }
  // The database is touched only once the port is ours: a failed start leaves nothing behind.
  const init: WorkerInit = {
    db: options.db,
    file: target ? `proxy:${proxy.url} -> ${target}` : `proxy:${proxy.url} (forward)`,
    raw: Boolean(options.raw),
    ring,
    durable: Boolean(options.durable),
    document: Boolean(options.document),
    keptBytes: options.keptBytes ?? KEPT_BYTES,
    burst: { ...DEFAULT_BURST, ...options.burst },
    live: {
      lines: Boolean(options.onLine),
      text: Boolean(options.onLiveText),
    },
  };
  // A young generation large enough for a few batches under load: their parsed bodies and rows then die
  // young instead of being copied and promoted (about 5% less recorder CPU at thousands of requests a second).
  const running = new Worker(WORKER, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  worker = running;
  const stopped = new Promise<Extract<FromWorker, { type: 'stopped' }>>((resolve, reject) => {
    running.on('error', reject);
    running.on('exit', (code) => reject(new Error(`the recording worker stopped early (exit ${code})`)));
    running.on('message', (message: FromWorker) => {
      if (message.type === 'lines') {
        for (const line of message.lines ?? []) options.onLine?.(line);
        if (message.text !== null) options.onLiveText?.(message.text);
      }
      else if (message.type === 'notice') options.onNotice?.(message.message);
      else if (message.type === 'committed') {
        commits.get(message.id)?.();
        commits.delete(message.id);
      } else if (message.type === 'stopped') resolve(message);
    });
  });
  // Awaited by stop(); a worker that dies earlier is reported at once and must not crash the proxy.
  let failedToStart = false;
  stopped.catch((error: Error) => {
    // Responses held for a commit that will never come go out now, and no later one waits.
    workerGone = true;
    for (const release of commits.values()) release();
    commits.clear();
    if (!failedToStart) options.onNotice?.(`recording stopped working: ${error.message}; requests are still forwarded`);
  });
  let captureId: number;
  try {
    captureId = await new Promise<number>((resolve, reject) => {
      running.once('error', reject);
      running.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve(message.captureId);
        else if (message.type === 'error') {
          failedToStart = true;
          reject(message.input ? new InputError(message.message) : new Error(message.message));
        }
      });
    });
  } catch (error) {
    await proxy.stop();
    await running.terminate();
    throw error;
  }

  // Said, not refused: the org may come up later, and every request meanwhile gets a clear 502.
  const targetProblem = target
    ? probeTarget(target, 5_000, options.resolve).then((problem) => {
        if (problem) options.onNotice?.(`warning: nothing answers at ${target} (${problem}); requests get 502 until it does: check --target`);
        return problem;
      })
    : undefined;
  return {
    url: proxy.url,
    mode: options.mode,
    ...(targetProblem ? { targetProblem } : {}),
    captureId,
    ...(ca ? { ca } : {}),
    async stop() {
      await proxy.stop();
      running.postMessage({ type: 'stop', unread: proxy.unread() } satisfies ToWorker);
      const result = await stopped;
      return {
        captureId: result.captureId,
        exchanges: result.exchanges,
        forwarded: proxy.stats.forwarded,
        transportErrors: proxy.stats.transportErrors,
        clientAborts: proxy.stats.clientAborts,
        websockets: proxy.stats.websockets,
        refused: proxy.stats.refused,
        ...result.summary,
        burstBatches: result.burstBatches,
        ...(result.document ? { document: result.document } : {}),
        dbPath: options.db,
        ...(proxy.forward ? { forward: proxy.forward } : {}),
      };
    },
  };
}
