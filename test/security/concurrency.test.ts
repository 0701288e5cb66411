import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';
import { CASES } from './cases.js';
import { harOf } from './render.js';

/** `authtrail import` in its own process; resolves with its exit code and what it printed on stderr. */
function importInChild(file: string, db: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/authtrail.js', 'import', file, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('two imports at once', () => {
  const dir = tempDir();
  // Two different files (a duplicate would be skipped), each large enough to overlap the other's transaction.
  const files = [0, 1].map((n) => {
    const file = join(dir, `f${n}.har`);
    const cases = Array.from({ length: 6 }, () => CASES.filter((c) => c.exchange && !c.textOnly)).flat().filter((_, i) => i % 2 === n);
    writeFileSync(file, harOf(cases));
    return file;
  });

  it.each([['create the same new database'], ['import into one existing database']])('both succeed when they %s', async (what) => {
    const db = join(tempDir(), 'shared.db');
    if (what.startsWith('import into')) {
      writeFileSync(join(dir, 'first.har'), harOf(CASES.slice(0, 2)));
      expect((await runCli('import', join(dir, 'first.har'), '--db', db)).code).toBe(0);
    }
    const results = await Promise.all(files.map((f) => importInChild(f, db)));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    for (const r of results) expect(r.stderr).not.toMatch(/internal error|not an authtrail database|locked/);
    const listed = await runCli('captures', '--db', db);
    expect(listed.stdout.match(/f[01]\.har/g)?.sort()).toEqual(['f0.har', 'f1.har']);
  }, 60_000);
});
