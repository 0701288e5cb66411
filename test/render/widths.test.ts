import { describe, expect, it } from 'vitest';
import type { AnalysisJson } from '../../src/model/analysis.js';
import { renderTable } from '../../src/render/table.js';
import { terminalWidth } from '../../src/cli/width.js';
import { analysisOf, type InputName, NOW } from './inputs.js';

/** The terminal table at 80, 100 and 160 columns: snapshots, every line within the width, no word cut. */

const stable = (a: AnalysisJson): AnalysisJson => ({ ...a, captures: a.captures.map((c) => ({ ...c, createdAt: '2026-11-29T12:00:00.000Z' })) });
const INPUTS: InputName[] = ['devforum', 'clean-mfa-signin', 'push-rejected'];

describe.each([80, 100, 160])('the table at %i columns', (width) => {
  it.each(INPUTS)('%s matches its snapshot, every line within the width, rule ids and operations whole', async (name) => {
    const analysis = stable(await analysisOf(name));
    const out = renderTable(analysis, { now: NOW, color: false, width });
    await expect(out).toMatchFileSnapshot(`../fixtures/render/${name}/table-${width}.txt`);
    const long = out.split('\n').filter((line) => [...line].length > width);
    expect(long).toEqual([]);
    // Table cells: a rule id never wraps; an operation breaks only after a dot.
    const cells = out.split('\n').flatMap((line) => line.split('│').map((c) => c.trim()));
    for (const f of analysis.findings) expect(cells).toContain(f.rule);
    for (const t of analysis.transactions) for (const s of t.steps) {
      const op = s.operation;
      const dots = [...op.matchAll(/\./g)].map((m) => m.index + 1);
      expect([op, cells.includes(op) || dots.some((i) => cells.includes(op.slice(0, i)) && cells.includes(op.slice(i)))]).toEqual([op, true]);
    }
    // The step's time under its number is whole (`08:15:00Z`, `+21s`): the first column is never cut.
    const firstCells = out.split('\n').filter((line) => line.startsWith('│')).map((line) => line.split('│')[1]!.trim());
    expect(firstCells.filter((c) => c.endsWith('…'))).toEqual([]);
    if (name !== 'devforum') expect(firstCells).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\dZ$/));
  });
});

describe('terminal width', () => {
  const io = { out() {}, err() {}, isTTY: false };
  it('is $COLUMNS when set, else 100 off a terminal', () => {
    expect(terminalWidth(io, { COLUMNS: '80' })).toBe(80);
    expect(terminalWidth(io, { COLUMNS: 'wide' })).toBe(100);
    expect(terminalWidth(io, {})).toBe(100);
  });
});
