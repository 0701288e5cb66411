/**
 * `npm run bench:har`: generates a Chrome-like HAR of --size bytes (default 1 GiB) in a temp dir, then
 * measures, each in a child process: JSON.parse of every entry (the baseline: the time inside JSON.parse
 * alone, and the whole read with every entry parsed), the real import into a temp SQLite file, and with
 * --sanitize the streaming sanitizer. Prints MB/s and peak RSS, the import / JSON.parse ratio of the same
 * run, and writes bench/results/har.json. Everything it creates is deleted at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateHar } from './har-generate.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: String(2 ** 30) }, sanitize: { type: 'boolean', default: false } } });
const size = Number(values.size);
if (!Number.isFinite(size) || size < 1e6 || size > 4 * 2 ** 30) throw new Error('--size takes bytes between 1e6 and 4 GiB');

interface Run {
  mode: string;
  ms: number;
  exchanges: number;
  maxRssMb: number;
  parseMs?: number;
  cpuMs: number;
}
const perS = (mb: number, ms: number) => Math.round((mb / (ms / 1000)) * 10) / 10;

const work = mkdtempSync(join(tmpdir(), 'authtrail-bench-har-'));
const root = join(import.meta.dirname, '..');
try {
  const har = join(work, 'big.har');
  const t0 = performance.now();
  const generated = await generateHar(har, size);
  const bytes = statSync(har).size;
  const mb = bytes / 1e6;
  process.stdout.write(`generated ${mb.toFixed(0)} MB, ${generated.entries} entries (${generated.authnEntries} authn) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const runs: Record<string, Run & { mbPerS: number; mbPerCpuS: number }> = {};
  for (const mode of ['parse', 'import', ...(values.sanitize ? ['sanitize'] : [])]) {
    const out = join(work, mode === 'import' ? 'bench.db' : 'big.safe.har');
    const line = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'har-child.ts'), mode, har, out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20 * 60_000,
      env: { ...process.env, AUTHTRAIL_HOME: work },
    });
    const run = JSON.parse(line.trim().split('\n').pop()!) as Run;
    runs[mode] = { ...run, mbPerS: perS(mb, run.ms), mbPerCpuS: perS(mb, run.cpuMs) };
    const what = mode === 'sanitize' ? 'entries with secrets' : mode === 'parse' ? 'entries parsed' : 'exchanges';
    process.stdout.write(`${mode.padEnd(9)} ${runs[mode].mbPerS.toFixed(1).padStart(6)} MB/s  peak RSS ${String(run.maxRssMb).padStart(4)} MB  ${run.exchanges} ${what}  ${(run.ms / 1000).toFixed(1)} s, ${runs[mode].mbPerCpuS} MB per CPU second\n`);
    if (run.parseMs !== undefined) process.stdout.write(`  of which JSON.parse alone ${perS(mb, run.parseMs).toFixed(1)} MB/s (${(run.parseMs / 1000).toFixed(1)} s)\n`);
    rmSync(out, { force: true });
  }
  const jsonParseMbPerS = perS(mb, runs.parse.parseMs!);
  const ratio = Math.round((runs.import.mbPerS / jsonParseMbPerS) * 100) / 100;
  const readRatio = Math.round((runs.import.mbPerS / runs.parse.mbPerS) * 100) / 100;
  process.stdout.write(`import runs at ${ratio}x JSON.parse of the same entries and ${readRatio}x reading them all (same run)\n`);
  process.stdout.write(`goals: import >= 150 MB/s ${runs.import.mbPerS >= 150 ? 'met' : 'NOT met'}; peak RSS < 300 MB ${runs.import.maxRssMb < 300 ? 'met' : 'NOT met'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), bytes, entries: generated.entries, authnEntries: generated.authnEntries, runs, jsonParseMbPerS, importToJsonParseRatio: ratio, importToReadAllRatio: readRatio };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'har.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
