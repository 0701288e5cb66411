import Table from 'cli-table3';
import type { AnalysisJson } from '../model/analysis.js';
import type { Severity } from '../model/severity.js';
import { sortFindings, summaryLine, transactionTitle } from './summary.js';
import type { RenderOptions } from './time.js';
import { timeline } from './timeline-rows.js';
import { verdictOf, verdictText } from './verdict.js';
import { systemLogSummary, transactionEventLines } from './systemlog.js';

const ANSI: Record<Severity | 'bold' | 'dim', [number, number]> = {
  high: [31, 39],
  medium: [33, 39],
  low: [36, 39],
  info: [2, 22],
  bold: [1, 22],
  dim: [2, 22],
};

function paint(text: string, style: keyof typeof ANSI, color: boolean): string {
  return color ? `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m` : text;
}

/** `credentials.reset_password` → `credentials.\nreset_password` when wider than the column. */
function breakAtDots(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  // Also after hyphens and commas: Identity Engine remediation names (`select-authenticator-authenticate`) are long.
  for (const part of text.split(/(?<=[.,-])/)) {
    if (line && line.length + part.length > width) {
      lines.push(line);
      line = '';
    }
    line += part;
  }
  return [...lines, line].join('\n');
}

/** `2022-11-02 15:46:06Z` → two lines so the table fits 100 columns. */
function twoLines(time: string): string {
  return time.replace(' ', '\n');
}

function newTable(head: string[], colWidths: number[], color: boolean) {
  return new Table({
    head: head.map((h) => paint(h, 'bold', color)),
    colWidths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
}

/**
 * The terminal audit: a summary line, then for each transaction its timeline and its findings.
 * Fits 100 columns; colour only when asked (a TTY without NO_COLOR).
 */
export function renderTable(analysis: AnalysisJson, options: RenderOptions = {}): string {
  const color = Boolean(options.color);
  const verdict = verdictText(verdictOf(analysis), options.width ?? 100).map((l) => (l.startsWith('Answer:') ? paint(l, 'bold', color) : l));
  const out: string[] = [...verdict, '', paint(summaryLine(analysis), 'bold', color), ''];
  const byTransaction = new Map<string | null, typeof analysis.findings>();
  for (const f of sortFindings(analysis.findings)) {
    const list = byTransaction.get(f.transaction) ?? [];
    list.push(f);
    byTransaction.set(f.transaction, list);
  }
  for (const t of analysis.transactions) {
    const { rows, timed } = timeline(t, analysis.findings, options);
    const first = rows.find((r) => r.time);
    out.push(paint(`${transactionTitle(t)}${first ? `, started ${first.time}` : ''}`, 'bold', color));
    // Widths include padding: 7 columns of these fit 100 terminal columns with the borders.
    const table = newTable(['#', 'operation', 'status', 'HTTP', 'stateToken', 'pwdChanged', 'expiresAt'], [timed ? 11 : 4, 19, 18, 6, 13, 12, 12], color);
    for (const r of rows) {
      const s = r.step;
      const status = [breakAtDots(s.statusBefore, 16), breakAtDots(`→ ${s.statusAfter}`, 16), s.factorResult ? `(${s.factorResult})` : '', s.errorCode ? `✗ ${s.errorCode}` : ''];
      const moved = r.passwordChange === 'advanced' ? '↑ moved' : r.passwordChange === 'regressed' ? '↓ back' : '';
      table.push([
        timed ? `${s.step}\n${r.delta || r.time.split(' ')[1] || ''}` : String(s.step),
        breakAtDots(s.operation, 17),
        status.filter(Boolean).join('\n'),
        s.httpStatus === null ? '—' : String(s.httpStatus),
        r.token,
        [twoLines(r.passwordChanged), moved].filter(Boolean).join('\n'),
        twoLines(r.expiresAt),
      ]);
    }
    out.push(table.toString(), '');
    const events = transactionEventLines(t);
    if (events.length) out.push('Okta System Log:', ...events.map((l) => `  ${l}`), '');
    const findings = byTransaction.get(t.id) ?? [];
    if (findings.length) out.push(findingsTable(findings, color), '');
  }
  const loose = byTransaction.get(null) ?? [];
  if (loose.length) out.push(paint('Findings about the evidence as a whole', 'bold', color), findingsTable(loose, color), '');
  const systemLog = systemLogSummary(analysis);
  if (systemLog) out.push(paint('Okta System Log', 'bold', color), ...systemLog, '');
  for (const e of analysis.ruleErrors) out.push(`rule ${e.rule} failed: ${e.message}`);
  return `${out.join('\n').trimEnd()}\n`;
}

function findingsTable(findings: AnalysisJson['findings'], color: boolean): string {
  const table = newTable(['severity', 'rule', 'step', 'meaning'], [10, 31, 6, 48], color);
  for (const f of findings) {
    table.push([paint(f.severity, f.severity, color), f.rule, f.step === null ? '' : String(f.step), f.message]);
  }
  return table.toString();
}
