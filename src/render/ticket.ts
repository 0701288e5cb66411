import { isAbsolute, relative } from 'node:path';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { code, escapeMd, escapeMdLine, header, table, verdictMd } from './markdown.js';
import { transactionDiagram } from './mermaid.js';
import { storySections, transactionTitle } from './summary.js';
import type { RenderOptions } from './time.js';
import { passwordMark, timeline } from './timeline-rows.js';
import { evidenceText } from '../analyze/evidence-text.js';
import { basisText, explain } from '../analyze/explain.js';
import { sortFindings } from '../analyze/order.js';
import { findingsOn, shownTransactions } from './findings-of.js';

/**
 * `ticket.md` of a report bundle: what happened in prose first, then the timeline and findings in tables
 * of at most 6 columns (a GitHub issue is about that wide), the other values listed under each table. Rule
 * links point to the pages copied into the bundle's `rules/`; sources are relative to the working directory.
 */

export interface TicketOptions extends RenderOptions {
  /** Paths in source references are made relative to this directory (the working directory when absent). */
  cwd?: string;
}

/** The bundle's copy of a rule's page, when the rule has one in docs/rules/. */
export function bundledRulePage(f: Finding): string | null {
  const docs = explain(f).docs ?? '';
  const page = /^docs\/rules\/([\w-]+\.md)$/.exec(docs.split('#')[0]!)?.[1];
  return page ? `rules/${page}` : null;
}

/** `/home/me/x.har:12` → `x.har:12` seen from `cwd`: a ticket never shows where files sit on a machine. */
export function relativeSource(ref: string, cwd: string): string {
  const match = /^(.*?)(:\d+(?::\d+)?|#\d+)?$/.exec(ref);
  const file = match?.[1] ?? ref;
  return isAbsolute(file) ? `${relative(cwd, file) || '.'}${match?.[2] ?? ''}` : ref;
}

function ruleCell(f: Finding): string {
  const page = bundledRulePage(f);
  return page ? `[${code(f.rule)}](${page})` : code(f.rule);
}

function findingsPart(findings: readonly Finding[], withTransaction: boolean): string[] {
  const sorted = sortFindings(findings);
  const head = ['Severity', 'Rule', ...(withTransaction ? ['Transaction'] : []), 'Step', 'What it means'];
  const rows = sorted.map((f) => [
    `**${f.severity}**`,
    ruleCell(f),
    ...(withTransaction ? [f.transaction === null ? '' : code(f.transaction)] : []),
    f.step === null ? '' : String(f.step),
    escapeMd(f.message),
  ]);
  const details = sorted.map((f) => {
    const evidence = evidenceText(f.evidence);
    return `- ${code(f.rule)}${f.step === null ? '' : ` at step ${f.step}`}: Okta: ${escapeMd(basisText(explain(f).basis))}${evidence ? `; evidence: ${escapeMd(evidence)}` : ''}`;
  });
  return [...table(head, rows, head.map((h) => (h === 'Step' ? '---:' : '---'))), '', ...details];
}

function timelinePart(t: TransactionJson, findings: readonly Finding[], options: TicketOptions): string[] {
  const { rows, timed } = timeline(t, findings, options);
  const head = ['Step', ...(timed ? ['Time'] : []), 'Operation', 'Status', 'HTTP', 'stateToken'];
  const body = rows.map((r) => [
    String(r.step.step),
    ...(timed ? [escapeMd(r.delta ? `${r.time} (${r.delta})` : r.time)] : []),
    code(r.step.operation),
    `${code(r.step.statusBefore)} → ${code(r.step.statusAfter)}`,
    escapeMd(r.http),
    code(r.token),
  ]);
  const cwd = options.cwd ?? process.cwd();
  const details = rows.map((r) => {
    const moved = r.passwordChange === 'advanced' || r.passwordChange === 'regressed' ? ` **${passwordMark(r.passwordChange).trim()}**` : '';
    const values = [
      r.passwordChanged ? `passwordChanged ${escapeMd(r.passwordChanged)}${moved}` : '',
      r.expiresAt ? `expiresAt ${escapeMd(r.expiresAt)}` : '',
      r.step.factorResult ? `factorResult ${code(r.step.factorResult)}` : '',
      `source ${escapeMd(relativeSource(r.step.sourceRef, cwd))}`,
    ];
    return `- Step ${r.step.step}: ${values.filter(Boolean).join('; ')}`;
  });
  return [...table(head, body, head.map((h) => (h === 'Step' ? '---:' : '---'))), '', ...details];
}

export function renderTicket(analysis: AnalysisJson, options: TicketOptions = {}): string {
  const s = storySections(analysis);
  const lines = [
    '# Okta authn flow: what happened',
    '',
    ...verdictMd(analysis, '##'),
    escapeMdLine(s.opening),
    '',
    ...(s.clean ? [s.clean, ''] : []),
    ...s.lists.flatMap((l) => [`**${l.title}**`, '', ...l.items.map((i) => `- ${escapeMdLine(i)}`), '']),
    ...header(analysis, options),
  ];
  const { shown, left } = shownTransactions(analysis);
  for (const t of shown) {
    const own = findingsOn(analysis.findings, t.id);
    lines.push(`## ${escapeMd(transactionTitle(t))}`, '', ...timelinePart(t, analysis.findings, options), '', '### Findings', '');
    lines.push(...(own.length ? findingsPart(own, false) : ['No finding for this transaction.']), '');
    lines.push('```mermaid', transactionDiagram(t, analysis.findings, options).trimEnd(), '```', '');
  }
  if (left) lines.push(escapeMdLine(left), '');
  const known = new Set(analysis.transactions.map((t) => t.id));
  const loose = analysis.findings.filter((f) => f.transaction === null || !known.has(f.transaction));
  if (loose.length > 0) lines.push('## Findings about the evidence as a whole', '', ...findingsPart(loose, true), '');
  if (analysis.ruleErrors.length > 0) {
    lines.push('## Rules that failed', '');
    for (const e of analysis.ruleErrors) lines.push(`- ${code(e.rule)}: ${escapeMd(e.message)}`);
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
