
import { type Chain, Linker } from './link.js';
import { type AnalysisResult, failedIn, perTransaction, RuleRun, runRules, unansweredIn, unreadOf } from './index.js';
import { buildTransactions, nextId } from './timeline.js';
import type { Capture, Exchange } from '../model/exchange.js';
import type { Member } from '../protocols/types.js';
import type { AnalysisJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import type { Status, Transaction } from '../model/transaction.js';
import type { Verdict } from '../model/verdict.js';
import { streamedJson, toJson } from './document.js';

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

/** What the recorder prints when it stops, made where the analysis is: a few counts and the verdict. */
export interface RecordingSummary {
  transactions: number;
  findings: Record<Severity, number>;
  verdict: Verdict;
  /** Calls to the Okta org that were not analyzed, by call pattern (as in the analysis document). */
  unread: Record<string, number>;
}

/**
 * The summary of an analysis, and with `withDocument` its document (the same one `authtrail analyze --format
 * json` prints). Without, the verdict comes from the document less its transactions: the same verdict.
 */
export function summaryOf(result: AnalysisResult, withDocument = true): { summary: RecordingSummary; document: AnalysisJson | null } {
  const document = withDocument ? toJson(result) : null;
  const verdict = (document ?? streamedJson({ ...result, transactionCount: result.transactions.length })).verdict!;
  const findings = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of result.findings) findings[f.severity]++;
  return { summary: { transactions: result.transactions.length, findings, verdict, unread: result.unread }, document };
}

interface LiveChain {
  chain: Chain;
  /** Findings already reported, by rule/message/step. */
  reported: Set<string>;
  /** The status the transaction is in after its last placed exchange (null before the first). */
  status: Status | null;
}

/**
 * What the recording keeps for its final summary, at most: an estimate of the heap its exchanges hold once
 * parsed and linked. A chain member keeps its whole exchange (the rules read each step's bodies, headers and
 * evidence) and its link facts. Measured (node --expose-gc, heap after GC) on bench:stop's exchanges, POST
 * /api/v1/authn answered MFA_REQUIRED with factors and _links, about 2.7 KB on the wire: 5.9 KB of heap per
 * exchange, counted here as EXCHANGE_BYTES plus PARSED_PER_BYTE per byte of body and header on the wire
 * (6.4 KB for those). So about 60,000 such exchanges, fewer large ones. Past it, the whole-recording chains
 * are let go (the live view goes on as before, within MAX_CHAINS and MAX_LINKED) and the summary is made
 * from the database at stop, as `authtrail analyze --capture` would: slower, same output. Not counted: the
 * transactions `settle` makes ahead (bench:stop, 50,000 such exchanges: about 100 MB more resident before the
 * stop, about 2 KB each, and the same peak as when they were all made at stop).
 */
export const KEPT_BYTES = 384 * 1024 * 1024;
/** Heap an exchange holds beside its bytes on the wire: objects, evidence, link facts, index entries. */
const EXCHANGE_BYTES = 1_000;
/** Parsed JSON and header maps hold about this many heap bytes per byte of text on the wire. */
const PARSED_PER_BYTE = 2;

/**
 * Once the recording is no longer kept whole (KEPT_BYTES), transactions kept for incremental analysis; the
 * oldest are dropped past this, exchanges and all. A developer's session has a handful open at once, and
 * every exchange kept alive costs garbage collection under load.
 */
const MAX_CHAINS = 100;
/**
 * Once the recording is no longer kept whole, the transactions the live linker remembers tokens of. Past this
 * it starts afresh, so a long recording does not grow the recorder's heap without end: an exchange
 * continuing an older transaction then shows as a new one in the live view only.
 */
const MAX_LINKED = 20_000;
const BATCH_MS = 50;
/** The rules `settle` runs ahead, one transaction at a time, and those left to the stop (they look across transactions). */
const RULES_SPLIT = perTransaction();
/** Time `settle` may take in one call, in ms: the worker goes back to recording after it, the rest waits for the next call. */
const SETTLE_BUDGET_MS = 40;

/** A chain's transaction and the findings of the per-transaction rules on it, made before the stop (see `settle`). */
interface Settled {
  /** The chain's member count when it was made: a chain only grows, so a different count means it is stale. */
  members: number;
  transaction: Transaction;
  findings: readonly Finding[];
  /** Start time and seq of the chain's first member, which place the transaction in the timeline. */
  start: number;
  seq: number;
}
/** Exchanges per batch above which rules are deferred to the summary (10 per 50 ms: 200 a second, no human pace). */
const RULES_MAX_BATCH = 10;

/**
 * Links every recorded exchange as it comes, once, with the analyzer's own Linker, and keeps the chains for
 * the final summary, with no second linking and no read of the capture back from the database. Most of that
 * summary is made ahead (see `settle`): each quiet chain's timeline and the per-transaction rules' findings,
 * made again only if the chain grows; at stop (`finish`) what is left are the chains that grew since and the
 * rules that look across transactions. With a live view (`emit`), it also makes the live lines described above.
 */
export class LiveAnalysis {
  private linker = new Linker();
  /** The live view's chains, in creation order (a Map keeps it), so the oldest is dropped in constant time. */
  private readonly chains = new Map<Chain, LiveChain>();
  private pending: Exchange[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** This batch window went past a human pace: its lines are made as exchanges arrive, without rules. */
  private busy = false;
  /** Exchanges no protocol reads, for the summary's unread tally (recorded, yet not analyzed). */
  private unanalyzed: Exchange[] = [];
  /** Estimated heap the recording's exchanges hold (see KEPT_BYTES); null once it went past and they were let go. */
  private kept: number | null = 0;
  /** Every exchange has a start time: the final analysis orders by wall clock, as linkChains does. */
  private timed = true;
  /** Each chain's transaction and per-transaction findings made ahead of the stop, while the recording is kept whole. */
  private readonly settled = new Map<Chain, Settled>();
  /** Chains that took an exchange since they were settled, with the `settle` round they last took one in. */
  private readonly unsettled = new Map<Chain, number>();
  private round = 0;
  /** The per-transaction rules, run ahead chain by chain (their findings are handed back, not kept here). */
  private readonly ahead = new RuleRun({ rules: RULES_SPLIT.each });

  constructor(
    private readonly emit: ((line: LiveLine) => void) | null = null,
    private readonly keptBytes = KEPT_BYTES,
  ) {}

  /**
   * Takes a recorded exchange; `bytes` is its size on the wire (bodies and headers) when known, for the memory bound.
   * With a live view, lines come out in batches, off the request path. Once a batch window holds more
   * than a human pace of exchanges, the window's lines are made at once, without rules: nothing is held
   * for the timer (under load, held exchanges survive garbage collections and cost more than the lines).
   */
  push(exchange: Exchange, bytes = 0): void {
    this.count(exchange, bytes);
    if (!this.emit) {
      this.link(exchange);
      return;
    }
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
    if (!this.emit || batch.length === 0) return;
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

  /**
   * The analysis of the whole recording from the chains placed as it went: what `settle` made of each chain
   * when it still holds, the rest made now, transactions numbered in timeline order, and the rules that look
   * across transactions run once. The same result `analyze` gives for the capture as stored.
   * `captures` is the recording's capture as stored (its unread tally of what was forwarded without recording).
   * Null when the recording outgrew KEPT_BYTES: then the caller analyzes the capture from the database.
   * Call after `flush`.
   */
  finish(captures: Capture[]): AnalysisResult | null {
    if (this.kept === null) return null;
    // Settled chains keep what was made of them; only those that grew since (or never settled) are made now.
    const all = this.linker.chains.map((chain) => {
      const settled = this.settled.get(chain);
      return settled && settled.members === chain.members.length ? settled : this.settleChain(chain);
    });
    const made = this.timed ? inStartOrder(all) : all;
    const counters = new Map<number, number>();
    for (const { transaction, findings } of made) {
      // Ids follow the timeline order, known only now: the findings made ahead name the transaction anew.
      transaction.id = nextId(transaction.captureId, counters);
      for (const f of findings) if (f.transaction !== null) f.transaction = transaction.id;
    }
    const transactions = made.map((m) => m.transaction);
    const run = new RuleRun({ rules: RULES_SPLIT.rest });
    run.visit(transactions, this.unanalyzed);
    run.visitCaptures(captures);
    for (const m of made) run.include(m.findings);
    const { findings, ruleErrors } = run.finish();
    return {
      captures,
      transactions,
      findings,
      ruleErrors: [...this.ahead.ruleErrors, ...ruleErrors],
      unanalyzed: this.unanalyzed,
      unread: unreadOf(captures, transactions, this.unanalyzed),
      unanswered: unansweredIn(transactions),
      failed: failedIn(transactions),
    };
  }

  /**
   * Work for the stop done ahead, when the recorder has time (the worker calls it now and then): the
   * transaction of each chain that took no exchange since the previous call, and the per-transaction rules'
   * findings on it. A chain that grows later is made again at the next call or at stop; the rules that look
   * across transactions wait for the stop (`finish`). Stops after SETTLE_BUDGET_MS; the rest waits.
   */
  settle(): void {
    this.round++;
    if (this.kept === null || this.unsettled.size === 0) return;
    const deadline = performance.now() + SETTLE_BUDGET_MS;
    for (const [chain, round] of this.unsettled) {
      if (round >= this.round - 1) continue;
      this.settleChain(chain);
      this.unsettled.delete(chain);
      if (performance.now() > deadline) return;
    }
  }

  /** Makes the chain's transaction (its members in the order `finish` puts them) and per-transaction findings. */
  private settleChain(chain: Chain): Settled {
    const members = this.timed ? byStart(chain.members) : chain.members;
    const [transaction] = buildTransactions([members === chain.members ? chain : { ...chain, members }]);
    const first = members[0]!;
    const settled = {
      members: chain.members.length,
      transaction: transaction!,
      findings: this.ahead.findingsOf(transaction!),
      start: this.timed ? start(first) : 0,
      seq: first.exchange.seq,
    };
    this.settled.set(chain, settled);
    return settled;
  }

  /** Counts the exchange against KEPT_BYTES; past it, lets the whole-recording chains go. */
  private count(exchange: Exchange, bytes: number): void {
    if (this.timed && Number.isNaN(exchange.startedAt ? Date.parse(exchange.startedAt) : NaN)) {
      this.timed = false;
      // What was settled was in start order; without start times the linker's order holds.
      this.settled.clear();
      for (const chain of this.linker.chains) this.unsettled.set(chain, this.round);
    }
    if (this.kept === null) return;
    this.kept += EXCHANGE_BYTES + PARSED_PER_BYTE * bytes;
    if (this.kept <= this.keptBytes) return;
    this.kept = null;
    this.unanalyzed = [];
    this.settled.clear();
    this.unsettled.clear();
    // Queued exchanges are placed into the new linker: the live view goes on, as after a MAX_LINKED reset.
    this.linker = new Linker();
    this.chains.clear();
  }

  /** Links the exchange into its chain; null when no protocol reads it (then it is counted as unanalyzed). */
  private link(exchange: Exchange): Chain | null {
    if (this.kept === null && this.linker.chains.length >= MAX_LINKED) {
      this.linker = new Linker();
      this.chains.clear();
    }
    const chain = this.linker.add(exchange);
    if (chain && this.kept !== null) this.unsettled.set(chain, this.round);
    if (!chain) {
      // Context (discovery documents, key sets) is in no transaction and no tally: nothing to keep of it.
      if (this.linker.context.length > 0) this.linker.context.length = 0;
      else if (this.kept !== null) this.unanalyzed.push(exchange);
    }
    return chain;
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

  /** The exchange's chain in the live view; null when no protocol reads the exchange. */
  private place(exchange: Exchange): LiveChain | null {
    const chain = this.link(exchange);
    if (!chain) return null;
    let live = this.chains.get(chain);
    if (!live) {
      live = { chain, reported: new Set(), status: null };
      this.chains.set(chain, live);
      // While the recording is kept whole every chain stays (its exchanges are kept for the summary anyway).
      if (this.kept === null && this.chains.size > MAX_CHAINS) {
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

/**
 * The chains as `linkChains` orders a capture whose exchanges all have a start time: the chains by their first
 * member (transaction ids follow that order), each chain's members by start time then seq (see `byStart`).
 * The live linker placed them as they were recorded, in seq order; for sequential traffic the orders are the same.
 */
function inStartOrder(chains: Settled[]): Settled[] {
  const byFirst = (a: Settled, b: Settled) => a.start - b.start || a.seq - b.seq;
  // Sequential traffic is in order already: checked in one pass rather than sorted.
  return chains.some((c, i) => i > 0 && byFirst(chains[i - 1]!, c) > 0) ? [...chains].sort(byFirst) : chains;
}

/** A chain's members by start time then seq: the same array when they are in that order already, else a sorted copy. */
function byStart(members: Member[]): Member[] {
  if (members.length < 2) return members;
  const times = new Map(members.map((m) => [m, start(m)]));
  const order = (a: Member, b: Member) => times.get(a)! - times.get(b)! || a.exchange.seq - b.exchange.seq;
  return members.some((m, i) => i > 0 && order(members[i - 1]!, m) > 0) ? [...members].sort(order) : members;
}

function start(member: Member): number {
  return Date.parse(member.exchange.startedAt!);
}
