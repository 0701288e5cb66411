import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * `analyze --format json` of a trace export through the real CLI, with what varies between runs (the
 * capture's creation time) taken out. `AUTHTRAIL_UPDATE_GOLDEN=1` rewrites the golden file.
 */
export async function analyzeStable(file: string, db: string): Promise<unknown> {
  const run = await runCli('analyze', '--format', 'json', '--db', db, file);
  expect(run.code, run.stderr).toBeLessThan(2);
  // Fingerprints are keyed per database: number them in order of appearance, so equal ones stay equal.
  const seen = new Map<string, string>();
  const stable = run.stdout.replace(/(?<=#|"fp": ")[0-9a-f]{8,12}\b/g, (fp) => {
    const key = fp.slice(0, 8);
    if (!seen.has(key)) seen.set(key, `fp${seen.size + 1}`);
    return seen.get(key)!;
  });
  const doc = JSON.parse(stable);
  for (const c of doc.captures) delete c.createdAt;
  return doc;
}

export function expectGolden(actual: unknown, golden: string): void {
  if (process.env.AUTHTRAIL_UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
}

/** The database and its WAL, as bytes on disk. */
export function storedBytes(db: string): Buffer {
  return Buffer.concat(['', '-wal'].map((s) => (existsSync(db + s) ? readFileSync(db + s) : Buffer.alloc(0))));
}
