import { describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../src/model/analysis.js';
import { RENDERERS } from '../../src/render/index.js';
import { SHOWN_TRANSACTIONS, shownTransactions } from '../../src/render/findings-of.js';
import { analysisOf, NOW } from './inputs.js';

/**
 * Reports for people print at most SHOWN_TRANSACTIONS transactions in full, those with findings first, and
 * name what they leave out. The analyses are real ones (the forum transcript, with findings; a clean MFA
 * sign-in), their transactions repeated under new ids as a large capture holds many.
 */
async function many(clean: number, flagged: number): Promise<AnalysisJson> {
  const bad = await analysisOf('devforum');
  const good = await analysisOf('clean-mfa-signin');
  const badTx = bad.transactions.find((t) => bad.findings.some((f) => f.transaction === t.id))!;
  const goodTx = good.transactions[0]!;
  const transactions: AnalysisJson['transactions'] = [];
  const findings: AnalysisJson['findings'] = [];
  // The flagged ones spread evenly through evidence order.
  const total = clean + flagged;
  const at = new Set(Array.from({ length: flagged }, (_, k) => Math.floor(((k + 0.5) * total) / flagged)));
  for (let i = 0; i < total; i++) {
    const id = `9.${i + 1}`;
    if (at.has(i)) {
      transactions.push({ ...badTx, id, user: { ...badTx.user, login: 'flagged' } });
      for (const f of bad.findings.filter((x) => x.transaction === badTx.id)) findings.push({ ...f, transaction: id });
    } else transactions.push({ ...goodTx, id, user: { ...goodTx.user, login: 'clean' } });
  }
  return { ...good, transactions, findings };
}

/** The distinct transactions a report heads, of this login (`Transaction 9.5 (flagged)`, `Transaction 9.5 <span…>· flagged`). */
const titles = (out: string, login: string) => new Set([...out.matchAll(new RegExp(`Transaction (9\\.\\d+)\\D{1,40}?${login}`, 'g'))].map((m) => m[1])).size;

describe('reports for people with more transactions than they print', () => {
  it('keep every transaction with findings, fill up with clean ones in evidence order, and name the rest', async () => {
    const analysis = await many(300, 12);
    const flagged = analysis.transactions.filter((t) => t.user.login === 'flagged');
    expect(flagged).toHaveLength(12);
    const { shown, left } = shownTransactions(analysis);
    expect(shown).toHaveLength(SHOWN_TRANSACTIONS);
    for (const t of flagged) expect(shown).toContain(t);
    const order = shown.map((t) => analysis.transactions.indexOf(t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(left).toBe(`Shown in full: 100 of 312 transactions, those with findings first. Not shown: 212 (none of them with findings); --format json lists every one, \`authtrail show <id>\` prints one.`);
  });

  it('count the transactions with findings left out when there are more than they print', async () => {
    const analysis = await many(50, 130);
    const { shown, left } = shownTransactions(analysis);
    expect(shown.every((t) => t.user.login === 'flagged')).toBe(true);
    expect(left).toContain('Not shown: 80 (30 of them with findings)');
  });

  it.each(['table', 'markdown', 'jira', 'html', 'mermaid'])('%s prints 100 and says what it left out', async (format) => {
    const analysis = await many(300, 12);
    const out = RENDERERS[format]!(analysis, { now: NOW, color: false, width: 100 });
    expect(titles(out, 'flagged')).toBe(12);
    expect(titles(out, 'clean')).toBe(88);
    expect(out).toContain('Not shown: 212');
    expect(out).not.toMatch(/Transaction 9\.312\D/);
  });

  it('print everything, with no such line, up to the limit', async () => {
    const analysis = await many(90, 3);
    expect(shownTransactions(analysis)).toEqual({ shown: analysis.transactions, left: null });
    const out = RENDERERS.table!(analysis, { now: NOW, color: false, width: 100 });
    expect(titles(out, 'clean') + titles(out, 'flagged')).toBe(93);
    expect(out).not.toContain('Not shown');
  });
});
