import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyzeProgress, PROGRESS_EXCHANGES } from '../../src/cli/evidence.js';
import { openStore } from '../../src/store/store.js';
import { generateFlows } from '../../bench/flows.js';
import { ingestRaw, join, tempDir } from '../helpers/flow.js';

const dir = tempDir('authtrail-progress-');
const path = join(dir, 'evidence.db');
let exchanges = 0;

beforeAll(async () => {
  const store = openStore(path);
  // Just past the size from which a terminal gets the line.
  await ingestRaw(store, [...generateFlows(Math.ceil(PROGRESS_EXCHANGES / 9), 20, 50)], 'har');
  exchanges = store.captures()[0]!.exchangeCount;
  store.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `analyze` in-process with a terminal's stderr: what it printed and each redraw of the status line. */
async function analyzeOnTerminal(...argv: string[]) {
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  const code = await main(['analyze', '--db', path, ...argv], { out: (t) => (stdout += t), err: (t) => (stderr += t), isTTY: false, progress: (t) => lines.push(t) });
  return { code, stdout, stderr, lines };
}

describe('the progress line of analyze on a terminal', () => {
  it('counts the exchanges analyzed on one thread and on two, then clears the line; the output is the same', async () => {
    expect(exchanges).toBeGreaterThanOrEqual(PROGRESS_EXCHANGES);
    const outputs: string[] = [];
    for (const threads of ['1', '2']) {
      const run = await analyzeOnTerminal('--format', 'json', '--threads', threads);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.lines.length, threads).toBeGreaterThanOrEqual(2);
      expect(run.lines.at(-1)).toBe('');
      const total = exchanges.toLocaleString('en-US');
      const shown = run.lines.slice(0, -1).map((l) => {
        const m = /^analyzing: (\d+)% \(([\d,]+) of ([\d,]+) exchanges\)$/.exec(l);
        expect(m, l).not.toBeNull();
        expect(m![3]).toBe(total);
        return Number(m![2].replace(/,/g, ''));
      });
      // The first line comes after the first unit or part, and the count only grows.
      expect(shown[0]).toBeGreaterThan(0);
      for (let i = 1; i < shown.length; i++) expect(shown[i]).toBeGreaterThanOrEqual(shown[i - 1]!);
      expect(shown.at(-1)).toBeLessThanOrEqual(exchanges);
      outputs.push(run.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(JSON.parse(outputs[0]!).transactions.length).toBeGreaterThan(100);
  }, 120_000);

  it('the table format shows it too; without a terminal nothing is drawn', async () => {
    const run = await analyzeOnTerminal('--threads', '1');
    expect(run.code).toBe(0);
    expect(run.lines[0]).toMatch(/^analyzing: \d+% /);
    expect(run.stdout).toMatch(/^Answer: /);
    const none: string[] = [];
    const quiet = await main(['analyze', '--db', path, '--format', 'json', '--threads', '1'], { out: () => {}, err: (t) => none.push(t), isTTY: false });
    expect(quiet).toBe(0);
    expect(none).toEqual([]);
  }, 120_000);

  it('draws nothing below its size, at most one line per interval, and clears only what it drew', () => {
    const lines: string[] = [];
    const io = { progress: (t: string) => lines.push(t) };
    const small = analyzeProgress(io, PROGRESS_EXCHANGES - 1);
    small.add(PROGRESS_EXCHANGES - 1);
    small.end();
    expect(lines).toEqual([]);
    const big = analyzeProgress(io, 1_000_002, PROGRESS_EXCHANGES, 60_000);
    big.add(250_000);
    big.add(250_000);
    big.end();
    expect(lines).toEqual(['analyzing: 24% (250,000 of 1,000,002 exchanges)', '']);
  });
});
