import type { Capture, Exchange } from '../model/exchange.js';
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import type { Transaction } from '../model/transaction.js';
import type { RuleSetting } from './config.js';
import { linkChains } from './link.js';
import { RULES } from './rules.js';
import type { Report, Rule } from '../model/rule.js';
import { buildTransactions } from './timeline.js';


export interface AnalyzeOptions {
  /** Rules to run (default: the whole registry). */
  rules?: readonly Rule[];
  /** Per-rule severity overrides or `off` (from --rule and authtrail.config.json). */
  settings?: ReadonlyMap<string, RuleSetting>;
}

export interface AnalysisResult {
  captures: Capture[];
  transactions: Transaction[];
  findings: Finding[];
  ruleErrors: { rule: string; message: string }[];
}

export type { RuleSetting };

/** Links exchanges into transactions, builds their timelines and runs every enabled rule over them. */
export function analyze(exchanges: readonly Exchange[], captures: Capture[], options: AnalyzeOptions = {}): AnalysisResult {
  const transactions = buildTransactions(linkChains(exchanges));
  const findings: Finding[] = [];
  const ruleErrors: AnalysisResult['ruleErrors'] = [];
  for (const rule of options.rules ?? RULES) {
    const setting = options.settings?.get(rule.meta.id);
    if (setting === 'off') continue;
    const context = {
      transactions,
      report: (r: Report) => findings.push(toFinding(rule, r, setting)),
    };
    try {
      rule.check(context);
    } catch (error) {
      // One broken rule must not hide what the others find.
      ruleErrors.push({ rule: rule.meta.id, message: (error as Error)?.message ?? String(error) });
    }
  }
  findings.sort(byPlace(transactions));
  return { captures, transactions, findings, ruleErrors };
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

export function fillTemplate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

/** Findings in timeline order: transaction, then step, then rule id. */
function byPlace(transactions: Transaction[]) {
  const order = new Map(transactions.map((t, i) => [t.id, i]));
  return (a: Finding, b: Finding) =>
    (order.get(a.transaction ?? '') ?? -1) - (order.get(b.transaction ?? '') ?? -1) ||
    (a.step ?? 0) - (b.step ?? 0) ||
    a.rule.localeCompare(b.rule);
}
