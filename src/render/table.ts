import Table from 'cli-table3';
import type { AnalysisJson } from '../model/analysis.js';
import type { Severity } from '../model/severity.js';
import { summaryLine, transactionTitle } from './summary.js';
import type { RenderOptions } from './time.js';
import { timeline, transportLabel } from './timeline-rows.js';
import { systemLogSummary, transactionEventLines } from './systemlog.js';
import { verdictOf, verdictText, wrap } from './verdict.js';
import { sortFindings } from '../analyze/order.js';
import { findingsOn, shownTransactions } from './findings-of.js';

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
 * Three layouts by terminal width (columns include padding and sum, with the borders, to the width or less):
 * narrow (80) folds HTTP into the status and stacks the two timestamps, normal (100) is one column each,
 * wide (160) keeps statuses, operations and timestamps on one line and gives the meanings the rest.
 */
type Layout = 'narrow' | 'normal' | 'wide';
const layoutFor = (width: number): Layout => (width < 100 ? 'narrow' : width < 160 ? 'normal' : 'wide');

/**
 * The terminal audit: a summary line, then for each transaction its timeline and its findings.
 * Fits `options.width` columns (100 when absent, at least 80); colour only when asked (a TTY without NO_COLOR).
 */
export function renderTable(analysis: AnalysisJson, options: RenderOptions = {}): string {
  const color = Boolean(options.color);
  const width = Math.max(80, options.width ?? 100);
  const layout = layoutFor(width);
  const verdict = verdictText(verdictOf(analysis), width).map((l) => (l.startsWith('Answer:') ? paint(l, 'bold', color) : l));
  const bold = (text: string) => wrap(text, width, Infinity).map((l) => paint(l, 'bold', color));
  const out: string[] = [...verdict, '', ...bold(summaryLine(analysis)), ''];
  const { shown, left } = shownTransactions(analysis);
  for (const t of shown) {
    const { rows, timed } = timeline(t, analysis.findings, options);
    const first = rows.find((r) => r.time);
    out.push(...bold(`${transactionTitle(t)}${first ? `, started ${first.time}` : ''}`));
    out.push(timelineTable(rows, timed, layout, color), '');
    const events = transactionEventLines(t);
    if (events.length) out.push('Okta System Log:', ...events.map((l) => `  ${l}`), '');
    const findings = sortFindings(findingsOn(analysis.findings, t.id));
    if (findings.length) out.push(findingsTable(findings, width, color), '');
  }
  if (left) out.push(...wrap(left, width, Infinity), '');
  const loose = sortFindings(findingsOn(analysis.findings, null));
  if (loose.length) out.push(...bold('Findings about the evidence as a whole'), findingsTable(loose, width, color), '');
  const systemLog = systemLogSummary(analysis);
  if (systemLog) out.push(...bold('Okta System Log'), ...systemLog, '');
  for (const e of analysis.ruleErrors) out.push(...wrap(`rule ${e.rule} failed: ${e.message}`, width, Infinity));
  return `${out.join('\n').trimEnd()}\n`;
}

function timelineTable(rows: ReturnType<typeof timeline>['rows'], timed: boolean, layout: Layout, color: boolean): string {
  const wide = layout === 'wide';
  const head = ['#', 'operation', 'status', 'HTTP', 'stateToken', 'pwdChanged', 'expiresAt'];
  let widths = wide ? [timed ? 11 : 4, 28, 33, 6, 13, 22, 22] : [timed ? 11 : 4, 19, 18, 6, 13, 12, 12];
  if (layout === 'narrow') {
    head.splice(3, 1);
    head.splice(4, 2, 'pwdChanged\nexpiresAt');
    // The step's time (`08:01:08Z`, 9 characters) needs 11 with the padding: the operation gives one.
    widths = [timed ? 11 : 4, timed ? 18 : 19, 18, 13, 14];
  }
  const table = newTable(head, widths, color);
  for (const r of rows) {
    const s = r.step;
    const http = s.httpStatus === null ? '—' : String(s.httpStatus);
    const state = (text: string) => (wide ? text : breakAtDots(text, 16));
    const status = [state(s.statusBefore), state(`→ ${s.statusAfter}`), s.factorResult ? `(${s.factorResult})` : '', s.errorCode ? `✗ ${s.errorCode}` : '', s.transportError ? `✗ ${transportLabel(s, wide ? 40 : 46)}` : ''].filter(Boolean);
    const moved = r.passwordChange === 'advanced' ? '↑ moved' : r.passwordChange === 'regressed' ? '↓ back' : '';
    const step = timed ? `${s.step}\n${r.delta || r.time.split(' ')[1] || ''}` : String(s.step);
    const operation = wide ? s.operation : breakAtDots(s.operation, widths[1]! - 2);
    if (layout === 'narrow') {
      const mark = moved ? ` ${moved[0]}` : '';
      const times = [twoLines(r.passwordChanged || '—') + mark, twoLines(r.expiresAt || '—')].join('\n');
      table.push([step, operation, [...status, `HTTP ${http}`].join('\n'), r.token, times]);
    } else {
      const time = wide ? (t: string) => t : twoLines;
      table.push([step, operation, status.join(wide ? ' ' : '\n'), http, r.token, [time(r.passwordChanged), moved].filter(Boolean).join('\n'), time(r.expiresAt)]);
    }
  }
  return table.toString();
}

/** 80 columns: the step goes under the severity; wider: a column of its own, the meaning takes the rest. */
function findingsTable(findings: AnalysisJson['findings'], width: number, color: boolean): string {
  if (width < 100) {
    const table = newTable(['severity', 'rule', 'meaning'], [10, 31, width - 4 - 41], color);
    for (const f of findings) table.push([[paint(f.severity, f.severity, color), f.step === null ? '' : `step ${f.step}`].filter(Boolean).join('\n'), f.rule, f.message]);
    return table.toString();
  }
  const table = newTable(['severity', 'rule', 'step', 'meaning'], [10, 31, 6, Math.min(width, 160) - 5 - 47], color);
  for (const f of findings) {
    table.push([paint(f.severity, f.severity, color), f.rule, f.step === null ? '' : String(f.step), f.message]);
  }
  return table.toString();
}
