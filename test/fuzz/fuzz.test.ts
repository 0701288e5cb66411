import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/flow.js';
import { cases } from './mutate.js';
import { SEEDS, corpus, importCase, verdict } from './run.js';

const dir = tempDir('authtrail-fuzz-');

describe('fuzz: mutated evidence through the import path', () => {
  it('a seeded run of 200 cases over every reader ends in exit 0, 1 or 2 with at most one error line', async () => {
    const failures: string[] = [];
    for (const c of cases(SEEDS, 200, 16)) {
      const why = verdict(await importCase(dir, `case${c.ext}`, c.bytes));
      if (why) failures.push(`${c.label}: ${why}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it.each(corpus('test/fuzz/corpus').map((c) => [c.name, c.bytes] as const))('corpus case %s (once an internal error) imports cleanly', async (name, bytes) => {
    expect(verdict(await importCase(dir, name, bytes))).toBeNull();
  }, 60_000);
});
