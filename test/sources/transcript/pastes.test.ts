import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze/index.js';
import { ingestSource } from '../../../src/ingest/pipeline.js';
import { openSource } from '../../../src/sources/index.js';
import { openStore } from '../../../src/store/store.js';

const DIR = 'test/fixtures/transcripts/pastes';
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** What a paste must import as; every field but `exchanges` is optional. */
interface Expect {
  /** Exchanges imported (all transactions). */
  exchanges: number;
  /** Operation of each step, transactions in order. */
  operations?: string[];
  /** HTTP status of each step (null: the paste shows no response). */
  statuses?: (number | null)[];
  /** Status field of each response body (null: none). */
  bodyStatuses?: (string | null)[];
  transactions?: number;
  findings?: { must?: string[]; mustNot?: string[] };
  /** Regexes each matching one warning (`ref message`). */
  warnings?: string[];
  /** How many warnings there are in all (0: the paste reads clean). */
  warningCount?: number;
  /** Regexes each matching a note of some exchange. */
  notes?: string[];
}

const cases = readdirSync(root + DIR)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => {
    const expect = JSON.parse(readFileSync(`${root}${DIR}/${f}`, 'utf8')) as Expect;
    const paste = readdirSync(root + DIR).find((p) => p !== f && p.startsWith(f.replace(/\.expect\.json$/, '.')))!;
    return [paste, expect] as const;
  });

describe('pastes in the shapes people really use (issue 10)', () => {
  it('there are at least 30 of them, each with its expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const [paste] of cases) expect(paste).toBeDefined();
  });

  it.each(cases)('%s imports as expected', async (paste, want) => {
    const path = `${DIR}/${paste}`;
    const source = await openSource(root + path);
    const store = openStore(':memory:');
    try {
      await ingestSource(store, source);
      const result = analyze(store.exchanges(), store.captures());
      const steps = result.transactions.flatMap((t) => t.steps);
      const warnings = source.report.warnings.map((w) => `${w.ref} ${w.message}`);
      for (const w of source.report.warnings) expect(w.ref).toMatch(/pastes\/[^:]+:\d+/);
      expect(steps.length, `steps of ${paste}; warnings: ${warnings.join(' | ')}`).toBe(want.exchanges);
      if (want.operations) expect(steps.map((s) => s.operation)).toEqual(want.operations);
      if (want.statuses) expect(steps.map((s) => s.httpStatus)).toEqual(want.statuses);
      if (want.bodyStatuses) expect(steps.map((s) => s.responseStatus)).toEqual(want.bodyStatuses);
      if (want.transactions !== undefined) expect(result.transactions.length).toBe(want.transactions);
      const rules = new Set(result.findings.map((f) => f.rule));
      for (const r of want.findings?.must ?? []) expect([...rules], `finding ${r}`).toContain(r);
      for (const r of want.findings?.mustNot ?? []) expect([...rules], `no finding ${r}`).not.toContain(r);
      for (const re of want.warnings ?? []) expect(warnings.some((w) => new RegExp(re).test(w)), `warning /${re}/ in ${warnings.join(' | ')}`).toBe(true);
      if (want.warningCount !== undefined) expect(warnings, 'warnings').toHaveLength(want.warningCount);
      const notes = steps.flatMap((s) => s.exchange.notes ?? []);
      for (const re of want.notes ?? []) expect(notes.some((n) => new RegExp(re).test(n)), `note /${re}/ in ${notes.join(' | ')}`).toBe(true);
    } finally {
      store.close();
    }
  });
});
