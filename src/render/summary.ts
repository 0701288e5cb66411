import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { compareSeverity, SEVERITIES, type Severity } from '../model/severity.js';
import { basisText, explain } from './explain.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Findings, most severe first, then in evidence order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(b.severity, a.severity) ||
      (a.transaction ?? '').localeCompare(b.transaction ?? '', 'en', { numeric: true }) ||
      (a.step ?? 0) - (b.step ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

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
  if (f.transaction === null) return 'the evidence as a whole';
  return f.step === null ? `transaction ${f.transaction}` : `step ${f.step} of ${f.transaction}`;
}

/**
 * The prose a ticket opens with: what happened, which findings matter (medium and high), and for each rule
 * that fired whether Okta documents the behaviour. Plain text: each format escapes it.
 */
export function whatHappened(analysis: AnalysisJson): string[] {
  const paragraphs: string[] = [];
  const n = analysis.transactions.length;
  const opening =
    n === 0
      ? 'The evidence holds no Okta authn transaction that authtrail could rebuild.'
      : analysis.transactions.map(describeTransaction).join(' ');
  paragraphs.push(opening);
  const sorted = sortFindings(analysis.findings);
  const matter = sorted.filter((f) => compareSeverity(f.severity, 'medium') >= 0);
  const minor = sorted.length - matter.length;
  if (sorted.length === 0) {
    paragraphs.push('No rule reported anything: the flow matches the state machine Okta documents.');
  } else {
    const lines = matter.map((f) => `${f.severity} ${f.rule} at ${where(f)}: ${f.message}`);
    let text = matter.length
      ? `Findings that matter: ${lines.join(' ')}`
      : 'No finding at medium or high severity.';
    if (minor > 0) text += ` ${plural(minor, 'further finding')} at low or info severity.`;
    paragraphs.push(text);
    paragraphs.push(documentation(sorted));
  }
  if (analysis.ruleErrors.length > 0) {
    const failed = analysis.ruleErrors.map((e) => `${e.rule} (${e.message})`).join('; ');
    paragraphs.push(`These rules failed and did not contribute: ${failed}.`);
  }
  return paragraphs;
}

/** One sentence per basis: which behaviours Okta documents and which it does not. */
function documentation(findings: readonly Finding[]): string {
  const byBasis = new Map<string, Set<string>>();
  for (const f of findings) {
    const text = basisText(explain(f).basis);
    if (!byBasis.has(text)) byBasis.set(text, new Set());
    byBasis.get(text)!.add(f.rule);
  }
  const sentences = [...byBasis].map(([text, rules]) => `${[...rules].join(', ')}: ${text}.`);
  return `What Okta documents: ${sentences.join(' ')}`;
}
