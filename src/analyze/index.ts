import type { Capture, Exchange } from '../model/exchange.js';
import type { SystemLogEvent } from '../model/systemlog.js';
import type { Finding } from '../model/finding.js';
import type { Placed, Report, Rule, RuleVisitor } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import type { Transaction } from '../model/transaction.js';
import type { RuleSetting } from './config.js';
import { hostOf, mergeUnread, originPrefix, UnreadTally } from '../protocols/org.js';
import { linkChains } from './link.js';
import { compareText } from './order.js';
import { RULES } from './rules.js';
import { buildTransactions } from './timeline.js';
import { joinSystemLog, type SystemLogJoin } from './systemlog.js';

export interface AnalyzeOptions {
  /** Rules to run (default: the whole registry). */
  rules?: readonly Rule[];
  /** Per-rule severity overrides or `off` (from --rule and authtrail.config.json). */
  settings?: ReadonlyMap<string, RuleSetting>;
  /** Okta System Log events to join to the steps by request id (none: no join, nothing said about it). */
  systemLog?: readonly SystemLogEvent[];
}

export interface AnalysisResult {
  captures: Capture[];
  transactions: Transaction[];
  findings: Finding[];
  ruleErrors: { rule: string; message: string }[];
  /** Exchanges no protocol module reads (see src/protocols/index.ts). */
  unanalyzed: Exchange[];
  /**
   * Every call to the Okta org the evidence holds that no protocol analyzed, by call pattern: those above plus
   * those the captures left outside --include. Outputs name them; `--fail-on unanalyzed` fails on them.
   */
  unread: Record<string, number>;
  /** Requests whose response the evidence does not show (a pasted command without its output): no rule could judge them. */
  unanswered?: number;
  /** Of those, the requests that failed on the way (a transport error), the first few named. */
  failed?: FailedSteps;
  /** Set when System Log events were given: what matched and what did not. */
  systemLog?: SystemLogJoin;
}

export type { RuleSetting };

/** Links exchanges into transactions, builds their timelines and runs every enabled rule over them. */
export function analyze(exchanges: readonly Exchange[], captures: Capture[], options: AnalyzeOptions = {}): AnalysisResult {
  const { chains, unanalyzed } = linkChains(exchanges);
  const transactions = buildTransactions(chains);
  const systemLog = options.systemLog?.length ? joinSystemLog(transactions, options.systemLog) : undefined;
  const unread = new Unread();
  unread.add(transactions, unanalyzed);
  return { captures, transactions, ...runRules(transactions, options, { unanalyzed, captures }), unanalyzed, unread: unread.result(captures), unanswered: unansweredIn(transactions), failed: failedIn(transactions), ...(systemLog ? { systemLog } : {}) };
}

/** Requests that failed on the way (see AnalysisResult.failed): how many, and the first FAILED_NAMED of them. */
export interface FailedSteps {
  count: number;
  first: { transaction: string; step: number; error: string }[];
}

const FAILED_NAMED = 5;

/** Adds the steps of `transactions` that failed on the way to `into` (a new tally when none is given). */
export function failedIn(transactions: readonly Transaction[], into: FailedSteps = { count: 0, first: [] }): FailedSteps {
  for (const t of transactions) {
    for (const s of t.steps) {
      const error = s.exchange.transportError;
      if (!error) continue;
      into.count++;
      if (into.first.length < FAILED_NAMED) into.first.push({ transaction: t.id, step: s.step, error });
    }
  }
  return into;
}

/** Tallies of parts analyzed apart, in evidence order, as one tally over them all. */
export function mergeFailed(parts: readonly (FailedSteps | undefined)[]): FailedSteps {
  const out: FailedSteps = { count: 0, first: [] };
  for (const p of parts) {
    if (!p) continue;
    out.count += p.count;
    out.first.push(...p.first.slice(0, FAILED_NAMED - out.first.length));
  }
  return out;
}

/**
 * Steps whose response the evidence does not show: a transport error, or no status and no body; or, for the
 * JSON APIs (authn, Identity Engine), a status without its body (a log that prints "Response 200 OK", a HAR
 * saved without content) or with a body that is not JSON (an HTML error page, an encoding the producer did
 * not name). Okta answers those calls with a body that holds the status, the stateToken and
 * the user: without it no rule can judge the step. A 204 or a redirect has no body to miss.
 */
export function unansweredIn(transactions: readonly Transaction[]): number {
  let n = 0;
  for (const t of transactions) {
    const bodied = BODY_PROTOCOLS.has(t.protocol);
    for (const s of t.steps) {
      const e = s.exchange;
      // The call failed on the way (a reset, ERR_NETWORK_CHANGED): whatever Okta did, its answer is not here.
      if (e.transportError) {
        n++;
        continue;
      }
      const body = e.responseBody;
      const status = e.responseStatus;
      if (body === null || body === undefined) {
        if (status === null || (bodied && status !== 204 && status !== 304 && (status < 300 || status >= 400))) n++;
      } else if (bodied && typeof body !== 'object' && status !== null && (status < 300 || status >= 400)) n++;
    }
  }
  return n;
}

/** The protocols whose every response (but a 204 or a redirect) carries a JSON body the analysis reads. */
const BODY_PROTOCOLS: ReadonlySet<string> = new Set(['okta-authn', 'okta-idx']);

/** What the streaming analysis returns: all a report needs but the transactions, handed out as they were built. */
export interface StreamedAnalysis extends Pick<AnalysisResult, 'captures' | 'findings' | 'ruleErrors' | 'unread' | 'unanswered' | 'failed'> {
  transactionCount: number;
}

/**
 * The analysis of `analyze`, one unit of evidence (a capture's group, see Store.groups) at a time: each
 * unit's transactions go to `each` as soon as its rules have seen them, then only the findings are kept.
 * A capture's chains never cross its groups, so the result is the one `analyze` gives for all the exchanges
 * at once, given in the same order. No System Log join (that needs every step: use `analyze`).
 */
export function analyzeUnits(
  units: Iterable<readonly Exchange[]>,
  captures: Capture[],
  options: AnalyzeOptions,
  each: (transactions: readonly Transaction[]) => void,
): StreamedAnalysis {
  const run = new RuleRun(options);
  const counters = new Map<number, number>();
  const unread = new Unread();
  let transactionCount = 0;
  let unanswered = 0;
  const failed: FailedSteps = { count: 0, first: [] };
  for (const unit of units) {
    const linked = linkChains(unit);
    const transactions = buildTransactions(linked.chains, counters);
    run.visit(transactions, linked.unanalyzed);
    unread.add(transactions, linked.unanalyzed);
    transactionCount += transactions.length;
    unanswered += unansweredIn(transactions);
    failedIn(transactions, failed);
    each(transactions);
  }
  run.visitCaptures(captures);
  return { captures, ...run.finish(), unread: unread.result(captures), unanswered, failed, transactionCount };
}

/**
 * Imported exchanges no protocol claimed, when they went to the org (see UnreadTally), plus what the captures
 * left out. Fed unit by unit or all at once, or with what parts of the analysis saw (see UnreadPart).
 */
export class Unread {
  private readonly tally = new UnreadTally();
  private unanalyzed = 0;

  add(transactions: readonly Transaction[], unanalyzed: readonly Exchange[]): void {
    for (const tx of transactions) for (const s of tx.steps) this.tally.sawOrg(s.exchange.url);
    for (const e of unanalyzed) this.tally.add(e.url, e.responseHeaders['content-type'] ?? null);
    this.unanalyzed += unanalyzed.length;
  }

  /** What a part of the analysis saw, parts given in evidence order: the same tally as `add` on their units. */
  absorb(part: UnreadPart): void {
    for (const host of part.hosts) this.tally.sawHost(host);
    for (const [url, type] of part.calls) this.tally.add(url, type);
    this.unanalyzed += part.calls.length;
  }

  result(captures: readonly Capture[]): Record<string, number> {
    const fromCaptures = captures.map((c) => c.unread ?? {});
    return mergeUnread(this.unanalyzed === 0 ? fromCaptures : [this.tally.result(), ...fromCaptures]);
  }
}

/**
 * What `Unread.add` reads of a part of the evidence, kept as it came so that parts analyzed apart tally as
 * one (the tally names at most so many call patterns, in the order they come): the hosts of the steps, and
 * each unanalyzed exchange's URL and response type.
 */
export interface UnreadPart {
  hosts: string[];
  calls: [url: string, type: string | null][];
}

/** Adds these transactions' hosts and these unanalyzed exchanges to `part`. */
export function addToUnreadPart(part: { hosts: Set<string>; calls: UnreadPart['calls'] }, transactions: readonly Transaction[], unanalyzed: readonly Exchange[]): void {
  let origin = '';
  for (const tx of transactions) {
    for (const s of tx.steps) {
      // Steps sharing an origin share their host (see originPrefix): one lookup for a flow's run of them.
      const url = s.exchange.url;
      if (origin !== '' && url.startsWith(origin)) continue;
      part.hosts.add(hostOf(url));
      origin = originPrefix(url);
    }
  }
  for (const e of unanalyzed) part.calls.push([e.url, e.responseHeaders['content-type'] ?? null]);
}

/** The unread tally of transactions and unanalyzed exchanges already at hand (the recorder's stop). */
export function unreadOf(captures: readonly Capture[], transactions: readonly Transaction[], unanalyzed: readonly Exchange[]): Record<string, number> {
  const unread = new Unread();
  // With nothing unanalyzed the tally of org hosts is not read (see Unread.result): no walk over every step.
  if (unanalyzed.length > 0) unread.add(transactions, unanalyzed);
  return unread.result(captures);
}

interface Running {
  rule: Rule;
  setting: Severity | undefined;
  visitor: RuleVisitor;
  failed: boolean;
}

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** A finding with where it came from, to sort ties (same place, same rule) in the order they were reported. */
interface Reported {
  finding: Finding;
  /** 0: transaction or step visitor, 1: unit, 2: end (see RuleVisitor). */
  phase: number;
}

/**
 * A finding with what orders it (see `sortPlaced`): its transaction's place in the timeline (-1 for none), and
 * the order it was reported in. Runs over parts of the evidence are merged by offsetting both.
 */
export interface PlacedFinding extends Reported {
  tx: number;
  i: number;
}

/** Findings in timeline order: transaction, step, rule id; ties in the order reported (unit and end visits after). */
export function sortPlaced(placed: PlacedFinding[]): Finding[] {
  return placed
    .sort((a, b) => a.tx - b.tx || (a.finding.step ?? 0) - (b.finding.step ?? 0) || compareText(a.finding.rule, b.finding.rule) || a.phase - b.phase || a.i - b.i)
    .map((r) => r.finding);
}

/** A rule stopped by an error, and the error's message. */
export interface RuleError {
  rule: string;
  message: string;
}

/**
 * Runs the enabled rules over transactions given in batches, each batch whole units of evidence (capture +
 * group): `visit` walks each batch's transactions, then its units; `finish` calls `end` and returns the
 * findings in timeline order. The streaming analysis hands it one unit at a time and forgets the unit after;
 * `runRules` hands it everything at once. A rule that throws is stopped and named in `ruleErrors`: one broken
 * rule must not hide what the others find.
 */
export class RuleRun {
  private readonly reported: Reported[] = [];
  readonly ruleErrors: AnalysisResult['ruleErrors'] = [];
  private readonly running: Running[] = [];
  /** Each transaction's place in the timeline, for the order of findings. */
  private readonly order = new Map<string, number>();
  private phase = 0;
  /** The visitors each protocol's transactions get, found once per protocol instead of per transaction. */
  private readonly visiting = new Map<string, Running[]>();

  /** `lent`: visitors made once for many runs, one after another (see LentVisitors); the other rules' are made here. */
  constructor(options: AnalyzeOptions = {}, lent?: LentVisitors) {
    lent?.lendTo(this);
    for (const rule of options.rules ?? RULES) {
      const setting = options.settings?.get(rule.meta.id);
      if (setting === 'off') continue;
      const r: Running = { rule, setting, visitor: {}, failed: false };
      this.call(r, () => (r.visitor = lent?.visitorOf(rule, setting) ?? rule.create({ report: (report: Report) => this.receive(rule, report, setting) })));
      this.running.push(r);
    }
  }

  /** A rule's report, as a finding of this run. */
  receive(rule: Rule, report: Report, setting: Exclude<RuleSetting, 'off'> | undefined): void {
    this.reported.push({ finding: toFinding(rule, report, setting), phase: this.phase });
  }

  private call(r: Running, fn: () => void): void {
    if (r.failed) return;
    try {
      fn();
    } catch (error) {
      r.failed = true;
      this.ruleErrors.push({ rule: r.rule.meta.id, message: (error as Error)?.message ?? String(error) });
    }
  }

  private visitorsOf(protocol: string): Running[] {
    let list = this.visiting.get(protocol);
    if (!list) {
      list = this.running.filter((r) => (r.rule.meta.protocol === '*' || r.rule.meta.protocol === protocol) && (r.visitor.transaction || r.visitor.step));
      this.visiting.set(protocol, list);
    }
    return list;
  }

  /**
   * Walks these transactions (whole units, after those of earlier calls in the timeline), then their units,
   * then the exchanges of those units that no protocol reads.
   */
  visit(transactions: readonly Transaction[], unanalyzed: readonly Exchange[] = []): void {
    this.phase = 0;
    for (const tx of transactions) {
      this.order.set(tx.id, this.order.size);
      this.walk(tx);
    }
    this.phase = 1;
    const units = new Map<string, Placed[][]>();
    for (const r of this.running) {
      const { unit } = r.visitor;
      if (!unit || r.failed) continue;
      const protocol = r.rule.meta.protocol;
      let list = units.get(protocol);
      if (!list) units.set(protocol, (list = stepsByUnit(protocol === '*' ? transactions : transactions.filter((t) => t.protocol === protocol))));
      for (const u of list) this.call(r, () => unit(u));
    }
    if (unanalyzed.length === 0) return;
    for (const r of this.running) {
      const visit = r.visitor.unanalyzed;
      if (visit && r.rule.meta.protocol === '*') this.call(r, () => visit(unanalyzed));
    }
  }

  /** Hands each capture to the rules that look at what a capture left out (RuleVisitor.capture): once, before `finish`. */
  visitCaptures(captures: readonly Capture[]): void {
    this.phase = 1;
    for (const r of this.running) {
      const visit = r.visitor.capture;
      if (visit && r.rule.meta.protocol === '*') for (const c of captures) this.call(r, () => visit(c));
    }
  }

  /**
   * The findings the transaction and step visitors report on this one transaction, handed back instead of
   * kept: for rules with no `unit` or `end` (see `perTransaction`), whose findings on a transaction depend on
   * it alone, so they can be made ahead of the analysis they join (the recorder's stop, see LiveAnalysis).
   */
  findingsOf(tx: Transaction): readonly Finding[] {
    this.phase = 0;
    const from = this.reported.length;
    this.walk(tx);
    // Most transactions raise nothing: one shared empty list rather than two new arrays each.
    return this.reported.length === from ? NO_FINDINGS : this.reported.splice(from).map((r) => r.finding);
  }

  /** Findings made ahead by `findingsOf` on a transaction this run visits: placed in its timeline as if reported here. */
  include(findings: readonly Finding[]): void {
    for (const finding of findings) this.reported.push({ finding, phase: 0 });
  }

  private walk(tx: Transaction): void {
    for (const r of this.visitorsOf(tx.protocol)) {
      const { transaction, step } = r.visitor;
      // Inline rather than through call(): a closure per step and rule was a measurable part of a large analysis.
      try {
        if (transaction && !r.failed) transaction(tx);
        if (step) for (const s of tx.steps) if (!r.failed) step(s, tx);
      } catch (error) {
        r.failed = true;
        this.ruleErrors.push({ rule: r.rule.meta.id, message: (error as Error)?.message ?? String(error) });
      }
    }
  }

  /** Calls each rule's `end` and returns every finding in timeline order: transaction, step, rule id. */
  finish(): Pick<AnalysisResult, 'findings' | 'ruleErrors'> {
    const { placed } = this.finishPlaced();
    return { findings: sortPlaced(placed), ruleErrors: this.ruleErrors };
  }

  /**
   * Calls each rule's `end` and returns the findings unsorted, each with its place (see `sortPlaced`), and the
   * rule errors, those of `end` apart: what a part of a parallel analysis hands back (see parallel.ts).
   */
  finishPlaced(): { placed: PlacedFinding[]; visitErrors: RuleError[]; endErrors: RuleError[] } {
    const visitErrors = this.ruleErrors.length;
    this.phase = 2;
    for (const r of this.running) if (r.visitor.end) this.call(r, r.visitor.end);
    const order = this.order;
    const place = (id: string | null) => (id === null ? -1 : (order.get(id) ?? -1));
    const placed = this.reported.map((r, i) => ({ finding: r.finding, phase: r.phase, i, tx: place(r.finding.transaction) }));
    return { placed, visitErrors: this.ruleErrors.slice(0, visitErrors), endErrors: this.ruleErrors.slice(visitErrors) };
  }
}

/**
 * The visitors of the rules that look at one transaction at a time (see perTransaction), made once and lent to
 * one RuleRun after another, each run's reports going to that run: a worker of the parallel analysis runs the
 * rules once per part, and visitors made anew for each part were compiled anew by V8 for each part (their
 * calls to the closures of the last part's visitors no longer matched). On the 1M benchmark that was about
 * 4,600 optimizations and 7 s of the machine's CPU (2026-12-07). The other rules keep what they saw from one
 * transaction to the next, and each run makes its own.
 */
export class LentVisitors {
  private readonly ids: ReadonlySet<string>;
  private readonly made = new Map<string, { setting: Exclude<RuleSetting, 'off'> | undefined; visitor: RuleVisitor }>();
  private run: RuleRun | null = null;

  constructor(rules: readonly Rule[] = RULES) {
    this.ids = new Set(perTransaction(rules).each.map((r) => r.meta.id));
  }

  /** The run the visitors report to from now on (RuleRun's constructor). */
  lendTo(run: RuleRun): void {
    this.run = run;
  }

  /** The lent visitor of `rule`, made at its first run; undefined for a rule each run makes its own (or another setting of it). */
  visitorOf(rule: Rule, setting: Exclude<RuleSetting, 'off'> | undefined): RuleVisitor | undefined {
    if (!this.ids.has(rule.meta.id)) return undefined;
    const made = this.made.get(rule.meta.id);
    if (made) return made.setting === setting ? made.visitor : undefined;
    const visitor = rule.create({ report: (report: Report) => this.run!.receive(rule, report, setting) });
    this.made.set(rule.meta.id, { setting, visitor });
    return visitor;
  }
}

/**
 * The rules (of `rules`, default the registry) that look at one transaction at a time: no `unit`, no `end`.
 * Their visitors keep nothing from one transaction to the next, so a transaction's findings can be made alone.
 */
export function perTransaction(rules: readonly Rule[] = RULES): { each: Rule[]; rest: Rule[] } {
  const each: Rule[] = [];
  const rest: Rule[] = [];
  for (const rule of rules) {
    const visitor = rule.create({ report: () => {} });
    (visitor.unit || visitor.end || visitor.unanalyzed || visitor.capture ? rest : each).push(rule);
  }
  return { each, rest };
}

/** Runs every enabled rule over these transactions (see RuleRun). */
export function runRules(
  transactions: readonly Transaction[],
  options: AnalyzeOptions = {},
  left: { unanalyzed?: readonly Exchange[]; captures?: readonly Capture[] } = {},
): Pick<AnalysisResult, 'findings' | 'ruleErrors'> {
  const run = new RuleRun(options);
  run.visit(transactions, left.unanalyzed);
  if (left.captures) run.visitCaptures(left.captures);
  return run.finish();
}

/**
 * Every step, grouped by independent unit of evidence (capture + group) and in evidence order. Rules that
 * look across chains never cross units: the same transcript pasted twice is two units.
 */
function stepsByUnit(transactions: readonly Transaction[]): Placed[][] {
  const units = new Map<string, Placed[]>();
  for (const tx of transactions) {
    const key = `${tx.captureId}\u0000${tx.group}`;
    let list = units.get(key);
    if (!list) units.set(key, (list = []));
    for (const step of tx.steps) list.push({ tx, step });
  }
  // The sort is stable: a unit already in seq order (the usual case, its transactions in timeline order) needs none.
  for (const list of units.values()) if (!inSeqOrder(list)) list.sort((a, b) => a.step.exchange.seq - b.step.exchange.seq);
  return [...units.values()];
}

function inSeqOrder(list: readonly Placed[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i]!.step.exchange.seq < list[i - 1]!.step.exchange.seq) return false;
  return true;
}

function toFinding(rule: Rule, r: Report, setting: Severity | undefined): Finding {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id "${r.messageId}"`);
  return {
    rule: rule.meta.id,
    severity: setting ?? r.severity ?? rule.meta.severity,
    transaction: r.transaction?.id ?? null,
    step: r.step?.step ?? null,
    messageId: r.messageId,
    message: fillTemplate(template, r.data ?? {}),
    evidence: r.evidence,
    docs: rule.meta.docs,
    ...((r.subject ?? rule.meta.messageSubject?.[r.messageId] ?? rule.meta.subject) === 'client' ? { subject: 'client' as const } : {}),
  };
}

function fillTemplate(template: string, data: Record<string, string | number>): string {
  const parts = partsOf(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    out += (key in data ? String(data[key]) : `{${key}}`) + parts[i + 1]!;
  }
  return out;
}

/**
 * A message template cut at its `{key}` placeholders, once per template: text, key, text, ... key, text.
 * Every finding of a rule fills the same few templates.
 */
const templateParts = new Map<string, readonly string[]>();
function partsOf(template: string): readonly string[] {
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  return parts;
}
