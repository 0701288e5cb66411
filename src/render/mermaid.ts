import { unreadText } from '../protocols/org.js';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { timeline, type TimelineRow } from './timeline-rows.js';
import type { RenderOptions } from './time.js';
import { sortFindings } from '../analyze/order.js';
import { summaryLine } from './summary.js';
import { verdictOf, verdictParts, wrap } from './verdict.js';
import { findingsOn, shownTransactions } from './findings-of.js';

/**
 * Characters Mermaid's sequence grammar reads as syntax in message text (`;` and `#` end a message, `%%`
 * starts a comment, `<`/`>` reach the HTML label, braces and quotes confuse other parsers embedding it),
 * written as Mermaid entity codes, which it decodes when it draws the label.
 */
const ENTITIES: Record<string, string> = {
  '#': '#35;',
  ';': '#59;',
  '%': '#37;',
  '"': '#quot;',
  "'": '#39;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '{': '#123;',
  '}': '#125;',
  '`': '#96;',
  '\\': '#92;',
  '|': '#124;',
};

export function escapeMermaid(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[#;%"'<>&{}`\\|]/g, (c) => ENTITIES[c])
    .trim();
}

function findingNote(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of sortFindings(findings)) counts.set(`${f.severity} ${f.rule}`, (counts.get(`${f.severity} ${f.rule}`) ?? 0) + 1);
  return [...counts].map(([label, n]) => escapeMermaid(n > 1 ? `${label} ×${n}` : label)).join('<br/>');
}

function responseText(row: TimelineRow): string {
  const { step } = row;
  const parts = [row.http];
  parts.push(step.statusAfter === step.statusBefore && (step.httpStatus ?? 0) >= 400 ? `${step.statusAfter} (unchanged)` : step.statusAfter);
  if (step.factorResult) parts.push(`factor ${step.factorResult}`);
  if (row.tokenChanged && step.stateToken.fingerprint) {
    parts.push(`${step.stateToken.rotated ? 'token rotated to' : 'token'} ${step.stateToken.fingerprint}`);
  }
  if (row.passwordChange === 'advanced' || row.passwordChange === 'regressed') {
    parts.push(`passwordChanged ${row.passwordChange === 'regressed' ? 'went back' : row.passwordChange}`);
  }
  return parts.join(' · ');
}

function transactionLines(transaction: TransactionJson, findings: readonly Finding[], options: RenderOptions): string[] {
  const lines: string[] = [];
  for (const row of timeline(transaction, findings, options).rows) {
    const { step } = row;
    lines.push(`C->>O: ${escapeMermaid(`${step.step}. ${step.operation}`)}`);
    const arrow = step.httpStatus === null ? 'O--xC' : 'O-->>C';
    lines.push(`${arrow}: ${escapeMermaid(responseText(row))}`);
    if (row.findings.length > 0) lines.push(`Note over C,O: ${findingNote(row.findings)}`);
  }
  const loose = findingsOn(findings, transaction.id).filter((f) => f.step === null || !transaction.steps.some((s) => s.step === f.step));
  if (loose.length > 0) lines.push(`Note over C,O: ${findingNote(loose)}`);
  return lines;
}

function heading(t: TransactionJson): string {
  const who = t.user.login ?? t.user.id;
  return escapeMermaid(`Transaction ${t.id}${who ? ` · ${who}` : ''} · ${t.outcome}`);
}

const HEADER = ['sequenceDiagram', '  participant C as Client', '  participant O as Okta'];

/** One diagram for one transaction: the form the Markdown and HTML reports embed. */
export function transactionDiagram(transaction: TransactionJson, findings: readonly Finding[], options: RenderOptions = {}): string {
  const body = transactionLines(transaction, findings, options).map((l) => `  ${l}`);
  return [HEADER[0], `  title ${heading(transaction)}`, ...HEADER.slice(1), ...body].join('\n') + '\n';
}

/** Text for a `%%` comment line: one line, whatever the evidence held. */
const commentText = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');

/**
 * The verdict first, as every format opens: its parts as comments (read where the .mmd is read as text) and
 * the answer with the summary line as the diagram's first note (seen where it is drawn).
 */
function verdictLines(analysis: AnalysisJson): string[] {
  const v = verdictOf(analysis);
  const comments = verdictParts(v).flatMap((p) => [`  %% ${commentText(p.title)}:${p.items.length ? '' : ' none'}`, ...p.items.map((i) => `  %%   - ${commentText(i)}`)]);
  const note = [`Answer: ${v.answer}`, summaryLine(analysis)].flatMap((t) => wrap(t, 72, Infinity).map(escapeMermaid)).join('<br/>');
  return [`  %% Answer: ${commentText(v.answer)}`, ...comments, `  Note over C,O: ${note}`];
}

/**
 * The `mermaid` format and `timeline.mmd`: one valid diagram for the whole analysis. Several transactions are
 * drawn one after another, each in its own shaded block, since a .mmd file holds a single diagram.
 */
export function renderMermaid(analysis: AnalysisJson, options: RenderOptions = {}): string {
  const { transactions, findings } = analysis;
  const unread = analysis.unanalyzed?.count ? `  Note over C,O: ${escapeMermaid(`${analysis.unanalyzed.count} exchanges with the Okta org not analyzed: ${unreadText(analysis.unanalyzed.calls, 3)}`)}` : null;
  if (transactions.length === 1 && findings.every((f) => f.transaction !== null)) {
    const [first, title, ...rest] = transactionDiagram(transactions[0], findings, options).trimEnd().split('\n');
    const body = rest.slice(HEADER.length - 1);
    return [first, title, ...HEADER.slice(1), ...verdictLines(analysis), ...body, ...(unread ? [unread] : [])].join('\n') + '\n';
  }
  const lines = [...HEADER, ...verdictLines(analysis)];
  if (transactions.length === 0) lines.push('  Note over C,O: no transaction in this evidence');
  const { shown, left } = shownTransactions(analysis);
  shown.forEach((t, i) => {
    lines.push(`  rect ${i % 2 === 0 ? 'rgb(240, 244, 250)' : 'rgb(250, 246, 238)'}`);
    lines.push(`    Note over C,O: ${heading(t)}`);
    for (const line of transactionLines(t, findings, options)) lines.push(`    ${line}`);
    lines.push('  end');
  });
  if (left) lines.push(`  Note over C,O: ${escapeMermaid(left)}`);
  const global = findingsOn(findings, null);
  if (global.length > 0) lines.push(`  Note over C,O: evidence as a whole: ${findingNote(global)}`);
  if (unread) lines.push(unread);
  return lines.join('\n') + '\n';
}
