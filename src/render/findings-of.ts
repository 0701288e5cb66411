import type { Finding } from '../model/finding.js';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';

const indexes = new WeakMap<readonly Finding[], Map<string | null, Finding[]>>();
const NONE: Finding[] = [];

/**
 * The findings on transaction `id` (null: those about the evidence as a whole), in the list's order. The list
 * is indexed once: a renderer asks for each of its transactions, and filtering the whole list for each was
 * quadratic (1M exchanges: 200,000 transactions times their findings, half an hour for the table).
 */
export function findingsOn(findings: readonly Finding[], id: string | null): readonly Finding[] {
  let index = indexes.get(findings);
  if (!index) {
    index = new Map();
    for (const f of findings) {
      const list = index.get(f.transaction);
      if (list) list.push(f);
      else index.set(f.transaction, [f]);
    }
    indexes.set(findings, index);
  }
  return index.get(id) ?? NONE;
}

/**
 * How many transactions a report for people (table, Markdown, Jira, ticket, HTML) prints in full. A capture of
 * a million exchanges holds some 200,000: printed whole, the table was more text than a string can hold.
 */
export const SHOWN_TRANSACTIONS = 100;

/**
 * The transactions a report for people prints, in evidence order: all when there are SHOWN_TRANSACTIONS or
 * fewer; else those with findings first, then clean ones, up to SHOWN_TRANSACTIONS. `left` names what is not
 * printed and where it is (null when nothing is left out): never a silent cut.
 */
export function shownTransactions(analysis: Pick<AnalysisJson, 'transactions' | 'findings'>): { shown: readonly TransactionJson[]; left: string | null } {
  const all = analysis.transactions;
  if (all.length <= SHOWN_TRANSACTIONS) return { shown: all, left: null };
  const flagged = all.filter((t) => findingsOn(analysis.findings, t.id).length > 0);
  const keep = new Set(flagged.slice(0, SHOWN_TRANSACTIONS));
  for (const t of all) {
    if (keep.size >= SHOWN_TRANSACTIONS) break;
    keep.add(t);
  }
  const shown = all.filter((t) => keep.has(t));
  const leftFlagged = Math.max(0, flagged.length - SHOWN_TRANSACTIONS);
  const count = (n: number) => n.toLocaleString('en-US');
  const which = leftFlagged > 0 ? `${count(leftFlagged)} of them with findings` : 'none of them with findings';
  return {
    shown,
    left: `Shown in full: ${count(shown.length)} of ${count(all.length)} transactions, those with findings first. Not shown: ${count(all.length - shown.length)} (${which}); --format json lists every one, \`authtrail show <id>\` prints one.`,
  };
}
