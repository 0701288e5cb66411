/**
 * `npm run bench:har`: generates a Chrome-like HAR of --size bytes (default 1 GiB) in a temp dir, then
 * measures, each in a child process: the streaming reader alone, the real import into a temp SQLite file,
 * and the streaming sanitizer. Prints MB/s and peak RSS, the import/read ratio of the same run, and
 * writes bench/results/har.json. Everything it creates is deleted at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateHar } from './har-generate.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: String(2 ** 30) } } });
const size = Number(values.size);
if (!Number.isFinite(size) || size < 1e6 || size > 4 * 2 ** 30) throw new Error('--size takes bytes between 1e6 and 4 GiB');

interface Run {
  mode: string;
  ms: number;
  exchanges: number;
  maxRssMb: number;
}

const work = mkdtempSync(join(tmpdir(), 'authtrail-bench-har-'));
const root = join(import.meta.dirname, '..');
try {
  const har = join(work, 'big.har');
  const t0 = performance.now();
  const generated = await generateHar(har, size);
  const bytes = statSync(har).size;
  const mb = bytes / 1e6;
  process.stdout.write(`generated ${mb.toFixed(0)} MB, ${generated.entries} entries (${generated.authnEntries} authn) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const runs: Record<string, Run & { mbPerS: number }> = {};
  for (const mode of ['parse', 'import', 'sanitize']) {
    const out = join(work, mode === 'import' ? 'bench.db' : 'big.safe.har');
    const line = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'har-child.ts'), mode, har, out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20 * 60_000,
      env: { ...process.env, AUTHTRAIL_HOME: work },
    });
    const run = JSON.parse(line.trim().split('\n').pop()!) as Run;
    runs[mode] = { ...run, mbPerS: Math.round((mb / (run.ms / 1000)) * 10) / 10 };
    process.stdout.write(`${mode.padEnd(9)} ${runs[mode].mbPerS.toFixed(1).padStart(6)} MB/s  peak RSS ${String(run.maxRssMb).padStart(4)} MB  ${run.exchanges} ${mode === 'sanitize' ? 'entries with secrets' : 'exchanges'}  ${(run.ms / 1000).toFixed(1)} s\n`);
    rmSync(out, { force: true });
  }
  const ratio = Math.round((runs.import.mbPerS / runs.parse.mbPerS) * 100) / 100;
  process.stdout.write(`import runs at ${ratio}x the reader's own speed (same run); peak RSS limit 300 MB: ${runs.import.maxRssMb < 300 ? 'met' : 'NOT met'}\n`);
  const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, bytes, entries: generated.entries, authnEntries: generated.authnEntries, runs, importToParseRatio: ratio };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'har.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
