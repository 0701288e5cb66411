import { parentPort, workerData } from 'node:worker_threads';
import type { Exchange } from '../model/exchange.js';
import { InputError } from '../model/errors.js';
import type { TransactionJson } from '../model/analysis.js';
import { openStore } from '../store/store.js';
import { itemsText, transactionJson } from './document.js';
import { heapBound } from './heap.js';
import { addToUnreadPart, failedIn, type FailedSteps, LentVisitors, RuleRun, unansweredIn, type UnreadPart } from './index.js';
import { type Linked, linkChains } from './link.js';
import type { AnalyzeWorkerInit, FromAnalyzeWorker, ToAnalyzeWorker } from './parallel-protocol.js';
import { buildTransactions } from './timeline.js';

/**
 * A thread of the parallel analysis (parallel.ts): reads the parts it is handed straight from the database,
 * links, numbers (once the main thread says where the part's numbering starts), runs the rules and writes
 * the transactions' JSON text; the main thread only puts the parts' results together in evidence order.
 */

const port = parentPort!;
const init = workerData as AnalyzeWorkerInit;
const send = (message: FromAnalyzeWorker) => port.postMessage(message);
const store = openStore(init.db);
const options = { settings: new Map(init.settings) };
/** The visitors every part's run shares (see LentVisitors). */
const lent = new LentVisitors();
const collect = heapBound(init.heapBound);
/** Encodes into a buffer of its own (Buffer.from may share its pool's), which is transferred to the main thread. */
const encoder = new TextEncoder();

const queue: Extract<ToAnalyzeWorker, { type: 'part' }>[] = [];
const bases = new Map<number, Map<number, number>>();
let waiting: { index: number; resolve: (counters: Map<number, number>) => void } | null = null;
let running = false;

port.on('message', (message: ToAnalyzeWorker) => {
  if (message.type === 'base') {
    const counters = new Map(message.counters);
    if (waiting?.index === message.index) {
      const { resolve } = waiting;
      waiting = null;
      resolve(counters);
    } else bases.set(message.index, counters);
    return;
  }
  queue.push(message);
  if (!running) void drain();
});

/** Where part `index`'s numbering starts: at once if the main thread already said, else when it does. */
function baseOf(index: number): Promise<Map<number, number>> {
  const known = bases.get(index);
  if (known) {
    bases.delete(index);
    return Promise.resolve(known);
  }
  return new Promise((resolve) => (waiting = { index, resolve }));
}

/** Parts read and linked at most, the head included, while the head waits for its numbering. */
const LINK_AHEAD = 2;

/** Parts read and linked, waiting for their numbering (see `base`): linking runs ahead of the wait. */
const linked: { part: Extract<ToAnalyzeWorker, { type: 'part' }>; units: Linked[] }[] = [];

async function drain(): Promise<void> {
  running = true;
  while (queue.length > 0 || linked.length > 0) {
    let head: (typeof linked)[number] | undefined;
    try {
      if (linked.length === 0) linked.push(linkPart(queue.shift()!));
      head = linked[0]!;
      // Waiting for the head's numbering: link the next part meanwhile, but hold few parts read at once (each
      // is thousands of decoded exchanges the young generation would copy again at every scavenge).
      if (!bases.has(head.part.index) && queue.length > 0 && linked.length < LINK_AHEAD) {
        linked.push(linkPart(queue.shift()!));
        continue;
      }
      linked.shift();
      const result = analyzePart(head.part, head.units, await baseOf(head.part.index));
      port.postMessage({ type: 'done', ...result } satisfies FromAnalyzeWorker, [result.bytes.buffer]);
    } catch (error) {
      const e = error as Error;
      send({ type: 'failed', index: head?.part.index ?? -1, message: e?.message ?? String(error), stack: e?.stack, input: error instanceof InputError });
      return;
    }
    collect();
  }
  running = false;
}


/** Reads a part's units and links each: what can be done before the part's numbering is known. */
function linkPart(part: Extract<ToAnalyzeWorker, { type: 'part' }>): (typeof linked)[number] {
  const units = part.units.map((u) => linkChains(store.unitExchanges(u.captureId, u.group, init.upTo)));
  const counts = new Map<number, number>();
  for (const l of units) for (const chain of l.chains) counts.set(chain.captureId, (counts.get(chain.captureId) ?? 0) + 1);
  send({ type: 'linked', index: part.index, counts: [...counts] });
  return { part, units };
}

function analyzePart(part: Extract<ToAnalyzeWorker, { type: 'part' }>, units: Linked[], counters: Map<number, number>) {
  const run = new RuleRun(options, lent);
  const unread = { hosts: new Set<string>(), calls: [] as UnreadPart['calls'] };
  const json: TransactionJson[] = [];
  let unanswered = 0;
  const failed: FailedSteps = { count: 0, first: [] };
  for (const l of units) {
    const transactions = buildTransactions(l.chains, counters);
    run.visit(transactions, l.unanalyzed as Exchange[]);
    addToUnreadPart(unread, transactions, l.unanalyzed as Exchange[]);
    unanswered += unansweredIn(transactions);
    failedIn(transactions, failed);
    for (const t of transactions) json.push(transactionJson(t));
  }
  const { placed, visitErrors, endErrors } = run.finishPlaced();
  return {
    index: part.index,
    bytes: encoder.encode(json.length > 0 ? itemsText(json) : ''),
    transactions: json.length,
    placed,
    visitErrors,
    endErrors,
    unread: { hosts: [...unread.hosts], calls: unread.calls },
    unanswered,
    failed,
  };
}
