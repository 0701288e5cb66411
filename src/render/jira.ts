import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { transactionDiagram } from './mermaid.js';
import { storySections, summaryLine, transactionTitle } from './summary.js';
import { verdictOf, verdictParts } from './verdict.js';
import { systemLogSummary, transactionEventLines } from './systemlog.js';
import { formatGenerated, hasWallClock, timeNote, type RenderOptions } from './time.js';
import { passwordMark, timeline } from './timeline-rows.js';
import { evidenceText } from '../analyze/evidence-text.js';
import { basisText, explain } from '../analyze/explain.js';
import { safeLink } from './link.js';
import { sortFindings } from '../analyze/order.js';
import { findingsOn, shownTransactions } from './findings-of.js';

/**
 * Evidence text as Jira Server/Data Center wiki markup that renders literally. Jira decodes numeric entities
 * in wiki text; a backslash escape would not do for `\` itself (`\\` is a line break) nor for table pipes.
 */
export function escapeJira(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
  if (flat === '') return ' ';
  const entity = (c: string) => `&#${c.charCodeAt(0)};`;
  // Emphasis marks only act at a word's edge: inside `MFA_REQUIRED` or `2022-11-02` they stay readable.
  return flat.replace(/[\\{}[\]|!&<>]|(?<![A-Za-z0-9])[*_+^~?#-]|[*_+^~?#-](?![A-Za-z0-9])/g, entity);
}

/** A cell: Jira drops a row whose cell is empty, so blanks become a space. */
function cell(text: string): string {
  return text === '' ? ' ' : text;
}

function row(cells: string[], head = false): string {
  const sep = head ? '||' : '|';
  return `${sep}${cells.map(cell).join(sep)}${sep}`;
}

function mono(text: string): string {
  return text === '' ? ' ' : `{{${escapeJira(text)}}}`;
}

function ruleCell(f: Finding): string {
  const link = safeLink(explain(f).docs);
  return link ? `[${escapeJira(f.rule)}|${link.replace(/[|\]\s]/g, encodeURIComponent)}]` : escapeJira(f.rule);
}

const SEVERITY_COLOUR: Record<string, string> = { high: '#bf2600', medium: '#b65c02', low: '#0747a6', info: '#505f79' };

function findingsTable(findings: readonly Finding[], withTransaction: boolean): string[] {
  const header = ['Severity', 'Rule', ...(withTransaction ? ['Transaction'] : []), 'Step', 'What it means', 'Okta', 'Evidence'];
  const rows = sortFindings(findings).map((f) =>
    row([
      `{color:${SEVERITY_COLOUR[f.severity] ?? '#505f79'}}*${escapeJira(f.severity)}*{color}`,
      ruleCell(f),
      ...(withTransaction ? [f.transaction === null ? '' : escapeJira(f.transaction)] : []),
      f.step === null ? '' : String(f.step),
      escapeJira(f.message),
      escapeJira(basisText(explain(f).basis)),
      escapeJira(evidenceText(f.evidence)),
    ]),
  );
  return [row(header, true), ...rows];
}

function timelineTable(t: TransactionJson, findings: readonly Finding[], options: RenderOptions): string[] {
  const { rows, timed } = timeline(t, findings, options);
  const header = ['Step', ...(timed ? ['Time', '+'] : []), 'Operation', 'Status', 'HTTP', 'stateToken', 'passwordChanged', 'expiresAt', 'factorResult', 'Source'];
  const body = rows.map((r) =>
    row([
      String(r.step.step),
      ...(timed ? [escapeJira(r.time), escapeJira(r.delta)] : []),
      mono(r.step.operation),
      `${mono(r.step.statusBefore)} → ${mono(r.step.statusAfter)}`,
      escapeJira(r.http),
      mono(r.token),
      r.passwordChanged ? `${escapeJira(r.passwordChanged)}${r.passwordChange === 'advanced' || r.passwordChange === 'regressed' ? ` *${escapeJira(passwordMark(r.passwordChange).trim())}*` : ''}` : '',
      escapeJira(r.expiresAt),
      mono(r.step.factorResult ?? ''),
      escapeJira(r.step.sourceRef),
    ]),
  );
  return [row(header, true), ...body];
}

/** Mermaid source inside {code}: entity-escaped by the Mermaid renderer, so it cannot hold `{code}`. */
function diagram(t: TransactionJson, analysis: AnalysisJson, options: RenderOptions): string[] {
  return [`{code:title=Sequence diagram (Mermaid)}`, transactionDiagram(t, analysis.findings, options).trimEnd(), '{code}'];
}

/** What happened, then the findings that matter and what Okta documents as wiki lists. */
function storyLines(analysis: AnalysisJson): string[] {
  const s = storySections(analysis);
  return [
    escapeJira(s.opening),
    '',
    ...(s.clean ? [s.clean, ''] : []),
    ...s.lists.flatMap((l) => [`*${l.title}*`, ...l.items.map((i) => `* ${escapeJira(i)}`), '']),
  ];
}

/** The `jira` format: Jira Server / Data Center wiki markup. */
export function renderJira(analysis: AnalysisJson, options: RenderOptions = {}): string {
  const timed = analysis.transactions.some((t) => hasWallClock(t.steps.map((s) => s.startedAt)));
  const sources = analysis.captures.map((c) => `${mono(c.file)} (capture ${c.id}, ${escapeJira(c.sourceKind)}${c.raw ? ', stored raw' : ''})`).join(', ');
  const v = verdictOf(analysis);
  const lines = [
    'h1. authtrail report',
    '',
    'h2. Verdict',
    '',
    `*Answer:* ${escapeJira(v.answer)}`,
    '',
    ...verdictParts(v).flatMap((p) => [`*${escapeJira(p.title)}:*${p.items.length ? '' : ' none.'}`, ...p.items.map((i) => `* ${escapeJira(i)}`), '']),
    `{panel:title=Summary|borderStyle=solid|bgColor=#f4f5f7}`,
    `*${escapeJira(summaryLine(analysis))}*`,
    '',
    ...storyLines(analysis),
    `${escapeJira(timeNote(options, timed))} Evidence: ${sources || 'none'}. Generated by authtrail at ${escapeJira(formatGenerated(options))}; each rule is explained by {{authtrail explain RULE&#45;ID}}.`,
    '{panel}',
    '',
  ];
  const known = new Set(analysis.transactions.map((t) => t.id));
  const { shown, left } = shownTransactions(analysis);
  for (const t of shown) {
    const own = findingsOn(analysis.findings, t.id);
    lines.push(`h2. ${escapeJira(transactionTitle(t))}`, '', ...timelineTable(t, analysis.findings, options), '');
    const events = transactionEventLines(t);
    if (events.length) lines.push('*Okta System Log:*', ...events.map((l) => `* ${escapeJira(l)}`), '');
    lines.push('h3. Findings', '', ...(own.length ? findingsTable(own, false) : ['No finding for this transaction.']), '');
    lines.push(...diagram(t, analysis, options), '');
  }
  if (left) lines.push(escapeJira(left), '');
  const loose = analysis.findings.filter((f) => f.transaction === null || !known.has(f.transaction));
  if (loose.length > 0) lines.push('h2. Findings about the evidence as a whole', '', ...findingsTable(loose, true), '');
  const systemLog = systemLogSummary(analysis);
  if (systemLog) lines.push('h2. Okta System Log', '', ...systemLog.map((l) => `* ${escapeJira(l)}`), '');
  if (analysis.ruleErrors.length > 0) {
    lines.push('h2. Rules that failed', '', ...analysis.ruleErrors.map((e) => `* {{${escapeJira(e.rule)}}}: ${escapeJira(e.message)}`), '');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
