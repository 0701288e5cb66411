import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Capture } from '../model/exchange.js';
import { InputError } from '../model/errors.js';
import type { EvidenceUnit } from '../store/store.js';
import type { RuleSetting } from './config.js';
import { mergeFailed, type PlacedFinding, type RuleError, RuleRun, sortPlaced, type StreamedAnalysis, Unread } from './index.js';
import type { AnalyzeWorkerInit, FromAnalyzeWorker, PartResult, ToAnalyzeWorker } from './parallel-protocol.js';

const WORKER = new URL(import.meta.url.endsWith('.js') ? './worker.js' : './worker.mjs', import.meta.url);

/** A part holds whole units until it has at least this many exchanges (or as many as an even share gives). */
const PART_EXCHANGES = 4096;
/** Parts a worker holds at once: the next is read while the main thread takes the last one's result. */
const IN_FLIGHT = 3;
/** Heap each worker may grow to before it collects: two of them and the main thread stay under 1 GB. */
const WORKER_HEAP = 192 << 20;
/**
 * A worker's young generation, as the recorder's: a part's decoded exchanges outlive several scavenges of the
 * default one, each copying them again (on the 1M benchmark: about 5% less CPU, 2026-12-07).
 */
const WORKER_YOUNG_MB = 96;
const EMPTY = new Uint8Array(0);

/**
 * How many threads analyze: `requested` (--threads); else, for a selection of at least AUTO_THREADS_FROM
 * exchanges, two workers on a machine with two cores or more, and otherwise the main thread alone. One
 * always for a database in memory, which a worker cannot open. On the 2-core benchmark machine two workers
 * finished 1M exchanges 1.24-1.46x sooner for 1.05-1.21x the CPU, at 740-800 MB (README, Benchmarks); below
 * a few hundred thousand exchanges the workers' start and the merge cost more than they save. Two, not one
 * per core, by default: each worker holds up to WORKER_HEAP, and the analysis stays under 1 GB.
 */
export function threadsFor(requested: number | undefined, db: string, exchanges = 0, cores = availableParallelism()): number {
  if (db === ':memory:') return 1;
  if (requested !== undefined) return requested;
  return exchanges >= AUTO_THREADS_FROM && cores >= 2 ? 2 : 1;
}

/** The size of a selection from which `analyze` uses two worker threads unless told (--threads). */
export const AUTO_THREADS_FROM = 200_000;

/** Whole units, in order, cut into parts of about `size` exchanges. */
export function partsOf(units: readonly EvidenceUnit[], threads: number): EvidenceUnit[][] {
  const total = units.reduce((n, u) => n + u.exchanges, 0);
  const size = Math.max(1, Math.min(PART_EXCHANGES, Math.ceil(total / (threads * 8))));
  const parts: EvidenceUnit[][] = [];
  let part: EvidenceUnit[] = [];
  let n = 0;
  for (const unit of units) {
    part.push(unit);
    n += unit.exchanges;
    if (n >= size) {
      parts.push(part);
      part = [];
      n = 0;
    }
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * `analyzeUnits` over the database file `db` on `threads` worker threads: each part (whole units, see
 * partsOf) is read, linked, analyzed and written as JSON text by a worker; `each` gets the parts' text (UTF-8) in
 * evidence order (with the part's count of exchanges), and the result is the one `analyzeUnits` gives: transaction ids are numbered across parts
 * (a worker waits to number a part until every earlier part is linked), and findings, rule errors and the
 * unread tally are merged as if one thread had seen the parts one after another (see mergeParts).
 */
export async function analyzeInParallel(
  db: string,
  { units, upTo }: { units: readonly EvidenceUnit[]; upTo: number },
  captures: Capture[],
  options: { settings?: ReadonlyMap<string, RuleSetting> },
  threads: number,
  each: (bytes: Uint8Array, exchanges: number) => void,
): Promise<StreamedAnalysis> {
  const parts = partsOf(units, threads);
  const sizes = parts.map((part) => part.reduce((n, u) => n + u.exchanges, 0));
  const init: AnalyzeWorkerInit = { db, upTo, settings: [...(options.settings ?? new Map())], heapBound: WORKER_HEAP };
  const workers = Array.from({ length: Math.min(threads, parts.length) }, () => new Worker(WORKER, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } }));
  const owner: Worker[] = [];
  const counts: ([number, number][] | undefined)[] = [];
  const results = new Map<number, PartResult>();
  const merged: PartResult[] = [];
  let next = 0;
  let written = 0;
  let based = 0;
  const counters = new Map<number, number>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));

  try {
    await new Promise<void>((resolve, reject) => {
      const send = (worker: Worker) => {
        if (next >= parts.length) return;
        owner[next] = worker;
        load.set(worker, load.get(worker)! + 1);
        worker.postMessage({ type: 'part', index: next, units: parts[next]! } satisfies ToAnalyzeWorker);
        next++;
      };
      const dispatch = (worker: Worker) => {
        while (next < parts.length && load.get(worker)! < IN_FLIGHT) send(worker);
      };
      // Part k's numbering starts where part k-1's ended: sent as soon as every part before k is linked.
      const sendBases = () => {
        while (based < next && (based === 0 || counts[based - 1] !== undefined)) {
          if (based > 0) for (const [capture, n] of counts[based - 1]!) counters.set(capture, (counters.get(capture) ?? 0) + n);
          owner[based]!.postMessage({ type: 'base', index: based, counters: [...counters] } satisfies ToAnalyzeWorker);
          based++;
        }
      };
      const onMessage = (worker: Worker) => (message: FromAnalyzeWorker) => {
        try {
          if (message.type === 'linked') {
            counts[message.index] = message.counts;
            sendBases();
            return;
          }
          if (message.type === 'failed') {
            const error = message.input ? new InputError(message.message, db) : new Error(message.message);
            if (message.stack && !message.input) error.stack = message.stack;
            reject(error);
            return;
          }
          const { type: _, ...result } = message;
          results.set(result.index, result);
          load.set(worker, load.get(worker)! - 1);
          for (let r; (r = results.get(written)); written++) {
            results.delete(written);
            each(r.bytes, sizes[written]!);
            merged.push({ ...r, bytes: EMPTY });
          }
          dispatch(worker);
          sendBases();
          if (written === parts.length) resolve();
        } catch (error) {
          reject(error);
        }
      };
      for (const worker of workers) {
        worker.on('message', onMessage(worker));
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (written < parts.length) reject(new Error(`an analysis worker stopped (exit code ${code}) before the analysis was done`));
        });
      }
      // Parts go round the workers one at a time, so each worker's next part is never behind its own current one.
      for (let round = 0; round < IN_FLIGHT; round++) for (const worker of workers) send(worker);
      sendBases();
      if (parts.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // What the captures left out is no part's: the main thread hands it to the rules, as the last part.
  merged.push({ ...capturesPart(captures, options), bytes: EMPTY });
  return { captures, ...mergeParts(merged), unread: unreadOf(merged, captures), unanswered: merged.reduce((n, r) => n + r.unanswered, 0), failed: mergeFailed(merged.map((r) => r.failed)), transactionCount: merged.reduce((n, r) => n + r.transactions, 0) };
}

/** The findings on what the captures left out (RuleVisitor.capture), as a part of no transaction. */
function capturesPart(captures: readonly Capture[], options: { settings?: ReadonlyMap<string, RuleSetting> }): Omit<PartResult, 'bytes'> {
  const run = new RuleRun(options);
  run.visitCaptures(captures);
  const { placed, visitErrors, endErrors } = run.finishPlaced();
  return { index: -1, transactions: 0, placed, visitErrors, endErrors, unread: { hosts: [], calls: [] }, unanswered: 0, failed: { count: 0, first: [] } };
}

function unreadOf(parts: readonly PartResult[], captures: readonly Capture[]): Record<string, number> {
  const unread = new Unread();
  for (const part of parts) unread.absorb(part.unread);
  return unread.result(captures);
}

/**
 * The findings and rule errors of parts analyzed apart (in evidence order), as one run over them all gives
 * them: places offset by the transactions and reports of the parts before; a rule stopped by an error in one
 * part reports nothing in later parts, and nothing at its end (one run would not have called `end`).
 */
export function mergeParts(parts: readonly Pick<PartResult, 'placed' | 'visitErrors' | 'endErrors' | 'transactions'>[]): { findings: StreamedAnalysis['findings']; ruleErrors: RuleError[] } {
  const stopped = new Map<string, number>();
  const ruleErrors: RuleError[] = [];
  parts.forEach((part, k) => {
    for (const e of part.visitErrors) {
      if (stopped.has(e.rule)) continue;
      stopped.set(e.rule, k);
      ruleErrors.push(e);
    }
  });
  const endStopped = new Map<string, number>();
  parts.forEach((part, k) => {
    for (const e of part.endErrors) {
      if (stopped.has(e.rule) || endStopped.has(e.rule)) continue;
      endStopped.set(e.rule, k);
      ruleErrors.push(e);
    }
  });
  const placed: PlacedFinding[] = [];
  let tx = 0;
  let i = 0;
  parts.forEach((part, k) => {
    for (const p of part.placed) {
      const rule = p.finding.rule;
      const stop = stopped.get(rule);
      if (stop !== undefined && (k > stop || p.phase === 2)) continue;
      const endStop = endStopped.get(rule);
      if (endStop !== undefined && p.phase === 2 && k > endStop) continue;
      placed.push({ ...p, tx: p.tx < 0 ? -1 : p.tx + tx, i: p.i + i });
    }
    tx += part.transactions;
    i += part.placed.length;
  });
  return { findings: sortPlaced(placed), ruleErrors };
}
