import { unreadText } from '../protocols/org.js';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { compareSeverity, SEVERITIES, type Severity } from '../model/severity.js';
import { sortFindings } from '../analyze/order.js';
import { basisText, explain } from '../analyze/explain.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { info: 0, low: 0, medium: 0, high: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

function outcomes(transactions: readonly TransactionJson[]): string {
  if (transactions.length === 1) return `outcome ${transactions[0].outcome}`;
  const counts = new Map<string, number>();
  for (const t of transactions) counts.set(t.outcome, (counts.get(t.outcome) ?? 0) + 1);
  return `outcomes ${[...counts].map(([o, n]) => `${n} ${o}`).join(', ')}`;
}

/** `1 transaction, 6 steps, outcome SUCCESS; 9 findings: 3 high, 2 medium, 0 low, 4 info` */
export function summaryLine(analysis: AnalysisJson): string {
  const steps = analysis.transactions.reduce((n, t) => n + t.steps.length, 0);
  const parts = [plural(analysis.transactions.length, 'transaction'), plural(steps, 'step')];
  if (analysis.transactions.length > 0) parts.push(outcomes(analysis.transactions));
  const counts = severityCounts(analysis.findings);
  const bySeverity = [...SEVERITIES].reverse().map((s) => `${counts[s]} ${s}`);
  let line = `${parts.join(', ')}; `;
  line += analysis.findings.length === 0 ? 'no findings' : `${plural(analysis.findings.length, 'finding')}: ${bySeverity.join(', ')}`;
  if (analysis.ruleErrors.length > 0) line += `; ${plural(analysis.ruleErrors.length, 'rule')} failed`;
  const unread = analysis.unanalyzed;
  if (unread && unread.count > 0) line += `; ${plural(unread.count, 'exchange')} with the Okta org not analyzed (${unreadText(unread.calls, 3)})`;
  return line;
}

/** START → RECOVERY → PASSWORD_RESET …, with repeats of the same status folded. */
export function statusPath(transaction: TransactionJson): string[] {
  const path: string[] = [];
  const first = transaction.steps[0];
  if (first) path.push(first.statusBefore);
  for (const step of transaction.steps) if (path[path.length - 1] !== step.statusAfter) path.push(step.statusAfter);
  return path;
}

/** `recovery.password, factors.verify ×2`: consecutive repeats folded. */
export function operationList(transaction: TransactionJson): string {
  const runs: { op: string; n: number }[] = [];
  for (const step of transaction.steps) {
    const last = runs[runs.length - 1];
    if (last && last.op === step.operation) last.n += 1;
    else runs.push({ op: step.operation, n: 1 });
  }
  return runs.map((r) => (r.n > 1 ? `${r.op} ×${r.n}` : r.op)).join(', ');
}

export function transactionTitle(transaction: TransactionJson): string {
  const who = transaction.user.login ?? transaction.user.id;
  return `Transaction ${transaction.id}${who ? ` (${who})` : ''}: ${transaction.outcome}`;
}

function describeTransaction(t: TransactionJson): string {
  const who = t.user.login ?? t.user.id;
  return (
    `Transaction ${t.id}${who ? ` for ${who}` : ''} went ${statusPath(t).join(' → ')} in ` +
    `${plural(t.steps.length, 'step')} (${operationList(t)}) and ended ${t.outcome}.`
  );
}

function where(f: Finding): string {
  // secret-exposed on calls no transaction holds names them (evidence.calls).
  if (f.transaction === null) return Array.isArray(f.evidence.calls) ? 'calls not analyzed' : 'the evidence as a whole';
  return f.step === null ? `transaction ${f.transaction}` : `step ${f.step} of ${f.transaction}`;
}

/** `medium secret-exposed ×3 at steps 4, 6 of 1.1 (summary)`: one entry per rule and severity. */
function grouped(findings: readonly Finding[]): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.severity} ${f.rule}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups].map(([key, list]) => {
    const places = [...new Set(list.map(where))];
    const steps = list.every((f) => f.step !== null && f.transaction === list[0].transaction)
      ? `step${places.length > 1 ? 's' : ''} ${capList([...new Set(list.map((f) => String(f.step)))])} of ${list[0].transaction}`
      : capList(places);
    return `${key}${list.length > 1 ? ` ×${list.length}` : ''} at ${steps} (${explain(list[0]).summary})`;
  });
}

/** A list that stays one line in a ticket however large the capture. */
function capList(items: string[], max = 8): string {
  // "and 1 more" saves nothing: cut only when it shortens the line.
  return items.length > max + 1 ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}

const TRANSACTIONS_TOLD = 5;

/** One sentence per transaction for the first few, then a count of the others by outcome. */
function opening(transactions: readonly TransactionJson[]): string {
  if (transactions.length === 0) return 'The evidence holds no Okta authn transaction that authtrail could rebuild.';
  const told = transactions.slice(0, TRANSACTIONS_TOLD).map(describeTransaction);
  const rest = transactions.slice(TRANSACTIONS_TOLD);
  if (rest.length > 0) told.push(`${plural(rest.length, 'more transaction')} (${outcomes(rest).replace(/^outcomes? /, '')}) are in the tables below.`);
  return told.join(' ');
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** What a ticket says before its tables, as parts each format lays out (paragraph, lists). Plain text. */
export interface Story {
  /** What happened, one sentence per transaction. */
  opening: string;
  /** Medium and high findings, one entry per rule and severity, with the rule's summary. */
  matter: string[];
  /** Low and info findings in full: they often carry the answer ("Okta documents this edge"). */
  minor: string[];
  /** Low and info findings left out of `minor` for length. */
  minorHidden: number;
  /** Low and info findings in the short form of `matter`, for layouts that show each message elsewhere. */
  minorSummaries: string[];
  /** For each basis, the rules that fired on it: which behaviours Okta documents and which it does not. */
  basis: string[];
  failures: string[];
}

const MINOR_MAX = 4;

export function story(analysis: AnalysisJson): Story {
  const sorted = sortFindings(analysis.findings);
  const minor = sorted.filter((f) => compareSeverity(f.severity, 'medium') < 0);
  return {
    opening: opening(analysis.transactions),
    matter: grouped(sorted.filter((f) => compareSeverity(f.severity, 'medium') >= 0)),
    minor: minor.slice(0, MINOR_MAX).map((f) => `${f.severity} ${f.rule} at ${where(f)}: ${sentence(f.message)}`),
    minorHidden: Math.max(0, minor.length - MINOR_MAX),
    minorSummaries: grouped(minor),
    basis: documentation(sorted),
    failures: analysis.ruleErrors.map((e) => `${e.rule}: ${e.message}`),
  };
}

/** One sentence per basis: which behaviours Okta documents and which it does not. */
function documentation(findings: readonly Finding[]): string[] {
  const byBasis = new Map<string, Set<string>>();
  for (const f of findings) {
    const text = basisText(explain(f).basis);
    if (!byBasis.has(text)) byBasis.set(text, new Set());
    byBasis.get(text)!.add(f.rule);
  }
  return [...byBasis].map(([text, rules]) => `${[...rules].join(', ')}: ${text}.`);
}

/** The ticket's prose as plain sections (the opening, a clean-flow remark, titled lists); each format adds its markup. */
export function storySections(analysis: AnalysisJson): { opening: string; clean: string | null; lists: { title: string; items: string[] }[] } {
  const s = story(analysis);
  const clean = analysis.findings.length === 0 && analysis.transactions.length > 0 ? 'No rule reported anything: the flow matches the state machine Okta documents.' : null;
  const lists = [
    { title: 'Findings that matter (medium and high):', items: s.matter },
    { title: 'Lower-severity findings:', items: [...s.minor, ...(s.minorHidden ? [`and ${s.minorHidden} more in the tables below`] : [])] },
    { title: 'What Okta documents:', items: s.basis },
    { title: 'Rules that failed:', items: s.failures },
  ].filter((l) => l.items.length > 0);
  return { opening: s.opening, clean, lists };
}
