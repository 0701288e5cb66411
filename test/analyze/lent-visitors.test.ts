import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LentVisitors, perTransaction, RuleRun } from '../../src/analyze/index.js';
import { linkChains } from '../../src/analyze/link.js';
import { buildTransactions } from '../../src/analyze/timeline.js';
import type { Rule } from '../../src/model/rule.js';
import type { Transaction } from '../../src/model/transaction.js';
import { RULES } from '../../src/analyze/rules.js';
import { openStore } from '../../src/store/store.js';
import { generateFlows } from '../../bench/flows.js';
import { ingestRaw, join, tempDir } from '../helpers/flow.js';

const dir = tempDir('authtrail-lent-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The transactions of each unit of a stored capture of generated flows (brute force among them, so findings). */
async function unitsOfFlows(): Promise<Transaction[][]> {
  const store = openStore(join(dir, `flows-${Math.random()}.db`));
  try {
    await ingestRaw(store, [...generateFlows(30, 3, 3)], 'har');
    const counters = new Map<number, number>();
    return [...store.groups(store.captures().map((c) => c.id))].map((exchanges) => buildTransactions(linkChains(exchanges).chains, counters));
  } finally {
    store.close();
  }
}

/** A rule that counts the visitors made of it and reports each transaction's first step; `unit` makes it keep state. */
function counting(id: string, withUnit: boolean): { rule: Rule; made: () => number } {
  let made = 0;
  const rule: Rule = {
    meta: { id, severity: 'low', summary: id, rationale: id, basis: 'evidence', docs: '', messages: { seen: 'seen {n}' }, protocol: '*' },
    create(context) {
      made++;
      const made_ = made;
      return {
        transaction(tx) {
          context.report({ transaction: tx, step: tx.steps[0]!, messageId: 'seen', data: { n: made_ }, evidence: {} });
        },
        ...(withUnit ? { unit() {} } : {}),
      };
    },
  };
  return { rule, made: () => made };
}

describe('visitors lent from run to run', () => {
  it('give each run the findings a run with visitors of its own gives, over the whole registry', async () => {
    const units = await unitsOfFlows();
    expect(units.length).toBe(3);
    const lent = new LentVisitors();
    const lentRuns = units.map((transactions) => {
      const run = new RuleRun({}, lent);
      run.visit(transactions);
      return run.finish();
    });
    const ownRuns = units.map((transactions) => {
      const run = new RuleRun({});
      run.visit(transactions);
      return run.finish();
    });
    expect(lentRuns.reduce((n, r) => n + r.findings.length, 0)).toBeGreaterThan(0);
    expect(lentRuns).toEqual(ownRuns);
  });

  it('are made once for a rule of one transaction at a time, and anew for each run of a rule that keeps state', async () => {
    const [transactions] = await unitsOfFlows();
    const each = counting('test-each', false);
    const kept = counting('test-kept', true);
    const rules = [each.rule, kept.rule];
    expect(perTransaction(rules).each.map((r) => r.meta.id)).toEqual(['test-each']);
    const lent = new LentVisitors(rules);
    const before = { each: each.made(), kept: kept.made() };
    const runs = [1, 2, 3].map(() => {
      const run = new RuleRun({ rules }, lent);
      run.visit(transactions!);
      return run.finish().findings;
    });
    expect(each.made() - before.each).toBe(1);
    expect(kept.made() - before.kept).toBe(3);
    // Each run holds its own reports, none of another's: one per transaction and rule.
    for (const findings of runs) expect(findings.length).toBe(transactions!.length * 2);
  });

  it('are not lent to a run whose setting of the rule differs (its findings carry that setting)', async () => {
    const [transactions] = await unitsOfFlows();
    const lent = new LentVisitors();
    const bruteForce = RULES.find((r) => r.meta.id === 'brute-force')!;
    expect(perTransaction([bruteForce]).each).toEqual([]);
    const rule = perTransaction().each[0]!;
    const at = (severity: 'high' | 'info') => {
      const run = new RuleRun({ rules: [rule], settings: new Map([[rule.meta.id, severity]]) }, lent);
      run.visit(transactions!);
      return run.finish().findings.map((f) => f.severity);
    };
    const high = at('high');
    const info = at('info');
    expect(high.every((s) => s === 'high')).toBe(true);
    expect(info.every((s) => s === 'info')).toBe(true);
  });
});
