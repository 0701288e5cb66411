import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { transactionDiagram } from './mermaid.js';
import { summaryLine, transactionTitle } from './summary.js';
import { formatGenerated, hasWallClock, timeNote, type RenderOptions } from './time.js';
import { passwordMark, timeline } from './timeline-rows.js';
import { verdictOf, verdictParts } from './verdict.js';
import { systemLogSummary, transactionEventLines } from './systemlog.js';
import { evidenceText } from '../analyze/evidence-text.js';
import { basisText, explain } from '../analyze/explain.js';
import { safeLink } from './link.js';
import { sortFindings } from '../analyze/order.js';
import { findingsOn, shownTransactions } from './findings-of.js';

/** Evidence text as Markdown that renders literally on GitHub and in Jira Cloud: every markup character escaped. */
export function escapeMd(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*[\]<|~&]/g, (c) => `\\${c}`)
    // An underscore inside a word never starts emphasis; escaping only the others keeps MFA_REQUIRED readable raw.
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
}

/** Text that starts a line or a list item, where `>`, `#`, `-`, `1.` would open a block. */
export function escapeMdLine(text: string): string {
  return escapeMd(text)
    .replace(/^\s*([>#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** An identifier (operation, status, rule id) as a code span; a `|` still needs escaping inside GFM tables. */
export function code(text: string): string {
  if (text === '') return '';
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\|/g, '\\|');
  const ticks = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

export function table(header: string[], rows: string[][], align: string[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function ruleCell(f: Finding): string {
  const link = safeLink(explain(f).docs);
  return link ? `[${code(f.rule)}](${link.replace(/[()\s]/g, encodeURIComponent)})` : code(f.rule);
}

function findingsTable(findings: readonly Finding[], withTransaction: boolean): string[] {
  const header = ['Severity', 'Rule', ...(withTransaction ? ['Transaction'] : []), 'Step', 'What it means', 'Okta', 'Evidence'];
  const rows = sortFindings(findings).map((f) => [
    `**${f.severity}**`,
    ruleCell(f),
    ...(withTransaction ? [f.transaction === null ? '' : code(f.transaction)] : []),
    f.step === null ? '' : String(f.step),
    escapeMd(f.message),
    escapeMd(basisText(explain(f).basis)),
    escapeMd(evidenceText(f.evidence)),
  ]);
  return table(header, rows, header.map((h) => (h === 'Step' ? '---:' : '---')));
}

function timelineTable(t: TransactionJson, findings: readonly Finding[], options: RenderOptions): string[] {
  const { rows, timed } = timeline(t, findings, options);
  const header = ['Step', ...(timed ? ['Time', '+'] : []), 'Operation', 'Status', 'HTTP', 'stateToken', 'passwordChanged', 'expiresAt', 'factorResult', 'Source'];
  const body = rows.map((r) => [
    String(r.step.step),
    ...(timed ? [escapeMd(r.time), escapeMd(r.delta)] : []),
    code(r.step.operation),
    `${code(r.step.statusBefore)} → ${code(r.step.statusAfter)}`,
    escapeMd(r.http),
    code(r.token),
    r.passwordChanged ? `${escapeMd(r.passwordChanged)}${r.passwordChange === 'advanced' || r.passwordChange === 'regressed' ? ` **${passwordMark(r.passwordChange).trim()}**` : ''}` : '',
    escapeMd(r.expiresAt),
    code(r.step.factorResult ?? ''),
    escapeMd(r.step.sourceRef),
  ]);
  return table(header, body, header.map((h) => (h === 'Step' ? '---:' : '---')));
}

function transactionSection(t: TransactionJson, analysis: AnalysisJson, options: RenderOptions, level: string): string[] {
  const own = findingsOn(analysis.findings, t.id);
  const lines = [`${level} ${escapeMd(transactionTitle(t))}`, '', ...timelineTable(t, analysis.findings, options), ''];
  const events = transactionEventLines(t);
  if (events.length) lines.push('**Okta System Log:**', '', ...events.map((l) => `- ${escapeMdLine(l)}`), '');
  lines.push(`${level}# Findings`, '');
  lines.push(...(own.length ? findingsTable(own, false) : ['No finding for this transaction.']), '');
  lines.push('```mermaid', transactionDiagram(t, analysis.findings, options).trimEnd(), '```', '');
  return lines;
}

function body(analysis: AnalysisJson, options: RenderOptions, level: string): string[] {
  const lines: string[] = [];
  const { shown, left } = shownTransactions(analysis);
  for (const t of shown) lines.push(...transactionSection(t, analysis, options, level));
  if (left) lines.push(escapeMdLine(left), '');
  const known = new Set(analysis.transactions.map((t) => t.id));
  const loose = analysis.findings.filter((f) => f.transaction === null || !known.has(f.transaction));
  if (loose.length > 0) lines.push(`${level} Findings about the evidence as a whole`, '', ...findingsTable(loose, true), '');
  const systemLog = systemLogSummary(analysis);
  if (systemLog) lines.push(`${level} Okta System Log`, '', ...systemLog.map((l) => `- ${escapeMdLine(l)}`), '');
  if (analysis.ruleErrors.length > 0) {
    lines.push(`${level} Rules that failed`, '');
    for (const e of analysis.ruleErrors) lines.push(`- ${code(e.rule)}: ${escapeMd(e.message)}`);
    lines.push('');
  }
  return lines;
}

export function header(analysis: AnalysisJson, options: RenderOptions): string[] {
  const timed = analysis.transactions.some((t) => hasWallClock(t.steps.map((s) => s.startedAt)));
  const sources = analysis.captures.map((c) => `${code(c.file)} (capture ${c.id}, ${c.sourceKind}${c.raw ? ', stored raw' : ''})`).join(', ');
  return [
    `**${escapeMd(summaryLine(analysis))}**`,
    '',
    `${escapeMd(timeNote(options, timed))} Evidence: ${sources || 'none'}. Generated by authtrail at ${escapeMd(formatGenerated(options))}; tokens are shown as fingerprints, never in clear; each rule is explained by \`authtrail explain RULE-ID\`.`,
    '',
  ];
}

/** The answer first, then the parts of the verdict that ground it, as lists. */
export function verdictMd(analysis: AnalysisJson, level: string): string[] {
  const v = verdictOf(analysis);
  return [
    `${level} Verdict`,
    '',
    `**Answer:** ${escapeMd(v.answer)}`,
    '',
    ...verdictParts(v).flatMap((p) => [`**${p.title}:**${p.items.length ? '' : ' none.'}`, '', ...(p.items.length ? [...p.items.map((i) => `- ${escapeMdLine(i)}`), ''] : [])]),
  ];
}

/** The `markdown` format: paste into a GitHub issue or a Jira Cloud ticket. */
export function renderMarkdown(analysis: AnalysisJson, options: RenderOptions = {}): string {
  const lines = ['# authtrail report', '', ...verdictMd(analysis, '##'), ...header(analysis, options), ...body(analysis, options, '##')];
  return lines.join('\n').replace(/\n+$/, '\n');
}
