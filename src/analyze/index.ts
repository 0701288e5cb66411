import type { Capture, Exchange } from '../model/exchange.js';
import type { SystemLogEvent } from '../model/systemlog.js';
import type { Finding } from '../model/finding.js';
import type { Placed, Report, Rule, RuleVisitor } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import type { Transaction } from '../model/transaction.js';
import type { RuleSetting } from './config.js';
import { mergeUnread, UnreadTally } from '../protocols/org.js';
import { linkChains } from './link.js';
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
  /** Set when System Log events were given: what matched and what did not. */
  systemLog?: SystemLogJoin;
}

export type { RuleSetting };

/** Links exchanges into transactions, builds their timelines and runs every enabled rule over them. */
export function analyze(exchanges: readonly Exchange[], captures: Capture[], options: AnalyzeOptions = {}): AnalysisResult {
  const { chains, unanalyzed } = linkChains(exchanges);
  const transactions = buildTransactions(chains);
  const systemLog = options.systemLog?.length ? joinSystemLog(transactions, options.systemLog) : undefined;
  const unread = unreadOf(captures, transactions, unanalyzed);
  return { captures, transactions, ...runRules(transactions, options), unanalyzed, unread, ...(systemLog ? { systemLog } : {}) };
}

/** Imported exchanges no protocol claimed, when they went to the org (see UnreadTally), plus what captures left out. */
export function unreadOf(captures: readonly Capture[], transactions: readonly Transaction[], unanalyzed: readonly Exchange[]): Record<string, number> {
  if (unanalyzed.length === 0) return mergeUnread(captures.map((c) => c.unread ?? {}));
  const tally = new UnreadTally();
  for (const tx of transactions) for (const s of tx.steps) tally.sawOrg(s.exchange.url);
  for (const e of unanalyzed) tally.add(e.url, e.responseHeaders['content-type'] ?? null);
  return mergeUnread([tally.result(), ...captures.map((c) => c.unread ?? {})]);
}

interface Running {
  rule: Rule;
  setting: Severity | undefined;
  visitor: RuleVisitor;
  failed: boolean;
}

/**
 * One walk over the transactions hands each rule what its visitor asks for (see RuleVisitor), only for the
 * transactions of the rule's protocol. A rule that throws is stopped and named in `ruleErrors`: one broken
 * rule must not hide what the others find.
 */
export function runRules(transactions: readonly Transaction[], options: AnalyzeOptions = {}): Pick<AnalysisResult, 'findings' | 'ruleErrors'> {
  const findings: Finding[] = [];
  const ruleErrors: AnalysisResult['ruleErrors'] = [];
  const running: Running[] = [];
  const call = (r: Running, fn: () => void) => {
    if (r.failed) return;
    try {
      fn();
    } catch (error) {
      r.failed = true;
      ruleErrors.push({ rule: r.rule.meta.id, message: (error as Error)?.message ?? String(error) });
    }
  };
  for (const rule of options.rules ?? RULES) {
    const setting = options.settings?.get(rule.meta.id);
    if (setting === 'off') continue;
    const r: Running = { rule, setting, visitor: {}, failed: false };
    call(r, () => (r.visitor = rule.create({ report: (report: Report) => findings.push(toFinding(rule, report, setting)) })));
    running.push(r);
  }
  // The visitors each protocol's transactions get, found once per protocol instead of per transaction.
  const visiting = new Map<string, Running[]>();
  const visitorsOf = (protocol: string) => {
    let list = visiting.get(protocol);
    if (!list) {
      list = running.filter((r) => (r.rule.meta.protocol === '*' || r.rule.meta.protocol === protocol) && (r.visitor.transaction || r.visitor.step));
      visiting.set(protocol, list);
    }
    return list;
  };
  for (const tx of transactions) {
    for (const r of visitorsOf(tx.protocol)) {
      const { transaction, step } = r.visitor;
      // Inline rather than through call(): a closure per step and rule was a measurable part of a large analysis.
      try {
        if (transaction && !r.failed) transaction(tx);
        if (step) for (const s of tx.steps) if (!r.failed) step(s, tx);
      } catch (error) {
        r.failed = true;
        ruleErrors.push({ rule: r.rule.meta.id, message: (error as Error)?.message ?? String(error) });
      }
    }
  }
  const units = new Map<string, Placed[][]>();
  for (const r of running) {
    const { unit } = r.visitor;
    if (!unit) continue;
    const protocol = r.rule.meta.protocol;
    let list = units.get(protocol);
    if (!list) units.set(protocol, (list = stepsByUnit(protocol === '*' ? transactions : transactions.filter((t) => t.protocol === protocol))));
    for (const u of list) call(r, () => unit(u));
  }
  for (const r of running) if (r.visitor.end) call(r, r.visitor.end);
  findings.sort(byPlace(transactions));
  return { findings, ruleErrors };
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
  for (const list of units.values()) list.sort((a, b) => a.step.exchange.seq - b.step.exchange.seq);
  return [...units.values()];
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
  };
}

function fillTemplate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

/** Findings in timeline order: transaction, then step, then rule id. */
function byPlace(transactions: readonly Transaction[]) {
  const order = new Map(transactions.map((t, i) => [t.id, i]));
  return (a: Finding, b: Finding) =>
    (order.get(a.transaction ?? '') ?? -1) - (order.get(b.transaction ?? '') ?? -1) ||
    (a.step ?? 0) - (b.step ?? 0) ||
    a.rule.localeCompare(b.rule);
}
