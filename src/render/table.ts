import Table from 'cli-table3';
import type { AnalysisJson } from '../model/analysis.js';
import type { Severity } from '../model/severity.js';
import { sortFindings, summaryLine, transactionTitle } from './summary.js';
import type { RenderOptions } from './time.js';
import { passwordMark, timeline } from './timeline-rows.js';

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

/** `2022-11-02 15:46:06Z` → two lines so the table fits 100 columns. */
function twoLines(time: string): string {
  return time.replace(' ', '\n');
}

function newTable(head: string[], colWidths: number[], color: boolean) {
  return new Table({
    head: head.map((h) => paint(h, 'bold', color)),
    colWidths,
    wordWrap: true,
    wrapOnWordBoundary: false,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
}

/**
 * The terminal audit: a summary line, then for each transaction its timeline and its findings.
 * Fits 100 columns; colour only when asked (a TTY without NO_COLOR).
 */
export function renderTable(analysis: AnalysisJson, options: RenderOptions = {}): string {
  const color = Boolean(options.color);
  const out: string[] = [paint(summaryLine(analysis), 'bold', color), ''];
  const byTransaction = new Map<string | null, typeof analysis.findings>();
  for (const f of sortFindings(analysis.findings)) {
    const list = byTransaction.get(f.transaction) ?? [];
    list.push(f);
    byTransaction.set(f.transaction, list);
  }
  for (const t of analysis.transactions) {
    const { rows, timed } = timeline(t, analysis.findings, options);
    out.push(paint(transactionTitle(t), 'bold', color));
    const head = ['#', 'operation', 'status', 'HTTP', 'stateToken', 'pwdChanged', 'expiresAt'];
    const widths = [4, 24, 19, 10, 15, 12, 12];
    if (timed) {
      head.splice(1, 0, 'time');
      widths.splice(1, 0, 12);
      widths[2] = 22;
      widths[3] = 18;
      widths[5] = 13;
      widths[6] = widths[7] = 12;
    }
    const table = newTable(head, widths, color);
    for (const r of rows) {
      const status = `${r.step.statusBefore} →\n${r.step.statusAfter}${r.step.factorResult ? `\n(${r.step.factorResult})` : ''}`;
      const cells = [
        String(r.step.step),
        r.step.operation,
        status,
        r.http.replace(' ', '\n'),
        r.token,
        twoLines(r.passwordChanged) + (r.passwordChange === 'advanced' || r.passwordChange === 'regressed' ? `\n${passwordMark(r.passwordChange).trim()}` : ''),
        twoLines(r.expiresAt),
      ];
      if (timed) cells.splice(1, 0, `${twoLines(r.time)}${r.delta ? `\n${r.delta}` : ''}`);
      table.push(cells);
    }
    out.push(table.toString(), '');
    const findings = byTransaction.get(t.id) ?? [];
    if (findings.length) out.push(findingsTable(findings, color), '');
  }
  const loose = byTransaction.get(null) ?? [];
  if (loose.length) out.push(paint('Findings about the evidence as a whole', 'bold', color), findingsTable(loose, color), '');
  for (const e of analysis.ruleErrors) out.push(`rule ${e.rule} failed: ${e.message}`);
  return `${out.join('\n').trimEnd()}\n`;
}

function findingsTable(findings: AnalysisJson['findings'], color: boolean): string {
  const table = newTable(['severity', 'rule', 'step', 'meaning'], [10, 31, 6, 50], color);
  for (const f of findings) {
    table.push([paint(f.severity, f.severity, color), f.rule, f.step === null ? '' : String(f.step), f.message]);
  }
  return table.toString();
}
