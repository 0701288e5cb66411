import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../analyze/index.js';
import { type Ingest, openIngest } from '../ingest/pipeline.js';
import { InputError } from '../model/errors.js';
import { openStore, type Store } from '../store/store.js';
import { decodeBatch } from '../sources/proxy/batch-codec.js';
import { buildRawExchange, type CapturedExchange } from '../sources/proxy/capture.js';
import { LiveAnalysis, summaryOf, type LiveLine } from '../analyze/live.js';
import { formatLiveLine } from './live-text.js';
import { BurstHold } from './burst.js';
import { RingReader } from './ring.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

/**
 * The recorder's second thread: parses, redacts (the one ingest pipeline), writes to SQLite in batches and
 * runs the live analysis, so none of that work competes with the proxy's event loop. The live analysis links
 * every exchange as it is recorded, with or without a live view: at stop the summary is made from its chains.
 */

/** How often the worker settles the chains that went quiet since the last time (LiveAnalysis.settle), in ms. */
const SETTLE_MS = 100;

const port = parentPort!;
const init = workerData as WorkerInit;
const send = (message: FromWorker) => port.postMessage(message);

/**
 * How much lower than the proxy thread this thread runs (Linux nice levels). Recording is background work:
 * when the CPU is short (the dev app, the browser and the proxy on one laptop), the traffic goes first and
 * the batches wait in memory; the worker catches up as soon as a core is free. Not with --durable, where
 * every response waits for its commit.
 */
const NICER_BY = 19;

/** Linux only (a thread's id from /proc/thread-self; setpriority on a thread id sets that thread alone); elsewhere a no-op. */
function yieldToTraffic(): void {
  if (init.durable || process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return;
    setPriority(tid, Math.min(19, getPriority(tid) + NICER_BY));
  } catch {
    // Without /proc or the right to change it, the worker runs at the process's priority, as elsewhere.
  }
}

let store: Store | null = null;
let capture: Ingest;
let live: LiveAnalysis;
let pending: LiveLine[] = [];
const sendLines = () => {
  if (pending.length === 0) return;
  const lines = pending.splice(0);
  // Formatted here, once per batch: the main thread only prints it (the library never prints).
  const text = init.live.text ? lines.map(formatLiveLine).join('\n') : null;
  send({ type: 'lines', lines: init.live.lines ? lines : null, text: init.live.text ? text : null });
};
yieldToTraffic();
try {
  store = openStore(init.db);
  // The recorder's bodies were parsed for this exchange alone (ownsBodies); what it saw was exposed to no one.
  capture = openIngest(store, { kind: 'proxy', file: init.file, contentHash: null, raw: init.raw, exposes: false, mode: 'batched', ownsBodies: true });
  const emit = (line: LiveLine) => {
    if (pending.push(line) === 1) setImmediate(sendLines);
  };
  live = new LiveAnalysis(init.live.lines || init.live.text ? emit : null, init.keptBytes);
  // The stop's analysis, done ahead as the recording goes (see LiveAnalysis.settle): off the stop path.
  setInterval(() => live.settle(), SETTLE_MS).unref();
  send({ type: 'ready', captureId: capture.captureId });
} catch (error) {
  store?.discardIfEmpty();
  send({ type: 'error', message: (error as Error).message, input: error instanceof InputError });
  // Nothing listens any more: the thread ends by itself and the recorder reports the error.
  port.close();
}

const ring = new RingReader(init.ring);
const burst = new BurstHold<Buffer>(init.burst);
let quiet: NodeJS.Timeout | null = null;
if (store?.db.open) port.on('message', (message: ToWorker) => {
  if (message.type === 'ring') {
    const view = ring.view(message.at, message.length);
    // Bodies are views into the ring: every exchange is parsed and redacted (or the batch copied to be held)
    // before its region is released.
    if (!holdDuringBurst(view, message.count, true)) record(decodeBatch(view), message.id);
    ring.release(message.at, message.length);
    return;
  }
  if (message.type === 'batch') {
    const data = Buffer.from(message.packed);
    if (!holdDuringBurst(data, message.count, false)) record(decodeBatch(data), message.id);
    return;
  }
  recordHeld();
  capture.close();
  store!.setUnread(capture.captureId, message.unread);
  live.flush();
  sendLines();
  const captures = store!.captures([capture.captureId]);
  // The chains linked while recording; past the live analysis's memory bound, the capture as stored.
  const result = live.finish(captures) ?? analyze(store!.exchanges([capture.captureId]), captures);
  const { summary, document } = summaryOf(result, init.document);
  store!.close();
  send({ type: 'stopped', captureId: capture.captureId, exchanges: captures[0]?.exchangeCount ?? 0, summary, document, burstBatches: burst.heldBatches });
  port.close();
});

/**
 * During a burst of traffic, keeps the batch (a copy, when it is a view of the ring) to record once the burst
 * is over (burst.ts), and returns true. Otherwise records what it held, so batches are written in the order
 * they came, and returns false. Never with --durable, where every response waits for its commit.
 */
function holdDuringBurst(data: Buffer, count: number, inRing: boolean): boolean {
  if (init.durable || !burst.arrive(performance.now(), count, data.length)) {
    recordHeld();
    return false;
  }
  // Said once per recording: a load test would otherwise print it at every burst.
  if (burst.heldBatches === 0) {
    send({ type: 'notice', message: `a burst of traffic (over ${init.burst.rate} exchanges a second): recording it once it is over, the live view catches up then (Ctrl-C waits for it; --durable records as it goes)` });
  }
  burst.hold(inRing ? Buffer.from(data) : data, data.length);
  if (quiet) quiet.refresh();
  else quiet = setTimeout(recordHeld, init.burst.quietMs);
  return true;
}

function recordHeld(): void {
  if (quiet) clearTimeout(quiet);
  quiet = null;
  if (!burst.holding) return;
  for (const data of burst.release()) {
    record(decodeBatch(data), 0);
    // The stop's analysis done ahead, as the timer does it while recording as exchanges come: without it a
    // burst recorded at the stop would leave all its chains to the summary.
    live.settle();
  }
}

/**
 * Records one batch from the proxy thread and writes it at once: holding exchanges for a later write would
 * only make them survive garbage collections (the proxy thread already batched them).
 */
function record(items: CapturedExchange[], id: number): void {
  for (const captured of items) {
    const { raw, sources } = buildRawExchange(captured);
    const exchange = capture.add(raw, sources);
    live.push(exchange, wireBytes(captured));
  }
  capture.commit();
  // --durable: the proxy thread holds these responses until now.
  if (init.durable) send({ type: 'committed', id });
}

/** An exchange's bodies and headers as they crossed the wire, in bytes: what the live analysis's memory bound counts. */
function wireBytes(captured: CapturedExchange): number {
  let bytes = (captured.requestBody?.length ?? 0) + (captured.response.body?.length ?? 0) + captured.url.length;
  for (const part of captured.requestHeaders) bytes += part.length;
  for (const part of captured.response.headers) bytes += part.length;
  return bytes;
}
