
import { type Chain, Linker } from './link.js';
import { runRules } from './index.js';
import { buildTransactions } from './timeline.js';
import type { Exchange } from '../model/exchange.js';
import type { Finding } from '../model/finding.js';
import type { Status } from '../model/transaction.js';

/**
 * The live view's data: for each recorded exchange, where it moved its transaction and which findings it
 * raised. Exchanges are placed by the analyzer's own Linker (the same chains the final analysis finds) and each touched
 * transaction is re-analyzed once per batch, so the cost grows with a transaction's length, not the capture's.
 * Under machine-generated load (more exchanges per batch than anyone can read) the rules are left to the
 * final summary and each line is made from its own exchange and the status its transaction was in: running
 * every rule, or rebuilding a timeline, per exchange would cost the recorder more CPU than proxying does.
 */

export interface LiveLine {
  seq: number;
  startedAt: string | null;
  method: string;
  operation: string;
  httpStatus: number | null;
  errorCode: string | null;
  transportError: string | null;
  statusBefore: string;
  statusAfter: string;
  /** Short fingerprint of the stateToken this step is about. */
  token: string | null;
  rotated: boolean;
  /** Findings that appeared with this exchange; null when the rules were deferred to the summary (heavy load). */
  findings: Finding[] | null;
}

interface LiveChain {
  chain: Chain;
  /** Findings already reported, by rule/message/step. */
  reported: Set<string>;
  /** The status the transaction is in after its last placed exchange (null before the first). */
  status: Status | null;
}

/**
 * Transactions kept for incremental analysis; the oldest are dropped past this (the database keeps all). A
 * developer's session has a handful open at once, and every exchange kept alive costs garbage collection under load.
 */
const MAX_CHAINS = 100;
/**
 * Transactions the live linker remembers tokens of. Past this it starts afresh, so a long recording does
 * not grow the recorder's heap without end: an exchange continuing an older transaction then shows as a new
 * one in the live view only (the summary links the whole capture from the database).
 */
const MAX_LINKED = 20_000;
const BATCH_MS = 50;
/** Exchanges per batch above which rules are deferred to the summary (10 per 50 ms: 200 a second, no human pace). */
const RULES_MAX_BATCH = 10;

export class LiveAnalysis {
  private linker = new Linker();
  /** In creation order (a Map keeps it), so the oldest is dropped in constant time. */
  private readonly chains = new Map<Chain, LiveChain>();
  private pending: Exchange[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** This batch window went past a human pace: its lines are made as exchanges arrive, without rules. */
  private busy = false;

  constructor(private readonly emit: (line: LiveLine) => void) {}

  /**
   * Queues an exchange; lines come out in batches, off the request path. Once a batch window holds more
   * than a human pace of exchanges, the window's lines are made at once, without rules: nothing is held
   * for the timer (under load, held exchanges survive garbage collections and cost more than the lines).
   */
  push(exchange: Exchange): void {
    if (this.pending.length >= RULES_MAX_BATCH) {
      for (const queued of this.pending.splice(0)) this.emit(this.quickLine(queued));
      this.busy = true;
    }
    if (this.busy) {
      this.emit(this.quickLine(exchange));
    } else {
      this.pending.push(exchange);
    }
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  /** Analyzes and emits everything queued. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.busy = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > RULES_MAX_BATCH) {
      for (const exchange of batch) this.emit(this.quickLine(exchange));
      return;
    }
    const touched = new Map<LiveChain, Exchange[]>();
    const lines: LiveLine[] = [];
    for (const exchange of batch) {
      const chain = this.place(exchange);
      if (chain) touched.set(chain, [...(touched.get(chain) ?? []), exchange]);
      else lines.push(unreadLine(exchange));
    }
    for (const [chain, added] of touched) lines.push(...this.linesFor(chain, added));
    lines.sort((a, b) => a.seq - b.seq);
    for (const line of lines) this.emit(line);
  }

  /** The line of an exchange placed last in its chain, made by its protocol without rules or a rebuilt timeline. */
  private quickLine(exchange: Exchange): LiveLine {
    const live = this.place(exchange);
    if (!live) return { ...unreadLine(exchange), findings: null };
    const member = live.chain.members.at(-1)!;
    const move = live.chain.protocol.move(member, live.status);
    live.status = move.after;
    return {
      seq: exchange.seq,
      startedAt: exchange.startedAt,
      method: exchange.method,
      operation: member.facts.operation,
      httpStatus: exchange.responseStatus,
      errorCode: move.errorCode,
      transportError: exchange.transportError,
      statusBefore: move.before,
      statusAfter: move.after,
      token: move.token,
      rotated: move.rotated,
      findings: null,
    };
  }

  /** The exchange's chain; null when no protocol reads the exchange. */
  private place(exchange: Exchange): LiveChain | null {
    if (this.linker.chains.length >= MAX_LINKED) {
      this.linker = new Linker();
      this.chains.clear();
    }
    const chain = this.linker.add(exchange);
    if (!chain) return null;
    let live = this.chains.get(chain);
    if (!live) {
      live = { chain, reported: new Set(), status: null };
      this.chains.set(chain, live);
      if (this.chains.size > MAX_CHAINS) {
        // The linker keeps the oldest chain's tokens (a late replay still links) but not its exchanges.
        const [oldest] = this.chains.keys();
        oldest.members.length = 0;
        this.chains.delete(oldest);
      }
    }
    return live;
  }

  private linesFor(chain: LiveChain, added: Exchange[]): LiveLine[] {
    // The chain as the linker placed it: its timeline is rebuilt, never its linking.
    const transactions = buildTransactions([chain.chain]);
    const result = { transactions, ...runRules(transactions) };
    chain.status = result.transactions.at(-1)?.steps.at(-1)?.statusAfter ?? chain.status;
    const stepOf = new Map<number, { txn: string; step: (typeof result.transactions)[number]['steps'][number] }>();
    for (const t of result.transactions) for (const s of t.steps) stepOf.set(s.exchange.seq, { txn: t.id, step: s });
    const fresh = new Map<string, Finding[]>();
    const newest = added.at(-1)!.seq;
    for (const f of result.findings) {
      const key = `${f.rule}|${f.messageId}|${f.step ?? ''}|${JSON.stringify(f.evidence)}`;
      if (chain.reported.has(key)) continue;
      chain.reported.add(key);
      // A finding about a step goes to that step's exchange; one about the whole chain to the newest exchange.
      const step = f.step !== null ? result.transactions.find((t) => t.id === f.transaction)?.steps[f.step - 1] : undefined;
      const seq = String(step?.exchange.seq ?? newest);
      fresh.set(seq, [...(fresh.get(seq) ?? []), f]);
    }
    return added.map((exchange) => {
      const placed = stepOf.get(exchange.seq)?.step;
      return {
        seq: exchange.seq,
        startedAt: exchange.startedAt,
        method: exchange.method,
        operation: placed?.operation ?? 'unknown',
        httpStatus: exchange.responseStatus,
        errorCode: placed?.errorCode ?? null,
        transportError: exchange.transportError,
        statusBefore: placed?.statusBefore ?? '?',
        statusAfter: placed?.statusAfter ?? '?',
        token: placed?.tokenFingerprint ?? null,
        rotated: placed?.rotated ?? false,
        findings: fresh.get(String(exchange.seq)) ?? [],
      };
    });
  }
}

/** An exchange no protocol reads: shown as it came, with no state and no findings. */
function unreadLine(exchange: Exchange): LiveLine {
  return {
    seq: exchange.seq,
    startedAt: exchange.startedAt,
    method: exchange.method,
    operation: 'unknown',
    httpStatus: exchange.responseStatus,
    errorCode: null,
    transportError: exchange.transportError,
    statusBefore: '?',
    statusAfter: '?',
    token: null,
    rotated: false,
    findings: [],
  };
}
