import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench:start`: wall time of `npm start`'s command (the compiled build in dist/) against `node -e ''`,
 * and of the same command through tsx (no build) and of `--help`, median of RUNS each. Runs alternate the
 * commands so machine noise hits them alike. Writes bench/results/start.json.
 */
const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 10);
const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
}

const CASES: Case[] = [
  { name: "node -e ''", args: ['-e', ''] },
  { name: 'npm start (build)', args: ['bin/authtrail.js', 'analyze', SAMPLE, '--db', ':memory:'] },
  { name: '--help (build)', args: ['bin/authtrail.js', '--help'] },
  { name: 'npm start (tsx, no build)', args: ['bin/authtrail.js', 'analyze', SAMPLE, '--db', ':memory:'], env: { AUTHTRAIL_LOADER: 'tsx' } },
];

function timeOnce(c: Case): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, c.args, { cwd: ROOT, env: { ...process.env, ...c.env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${c.name} exited ${run.status}: ${run.stderr.trim()}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Timing the tsx fallback by mistake would be meaningless: insist on a current build.
const check = spawnSync(process.execPath, ['bin/authtrail.js', '--version'], { cwd: ROOT, env: { ...process.env, AUTHTRAIL_LOADER: 'dist' }, encoding: 'utf8' });
if (check.status !== 0) {
  console.error(check.stderr.trim() || `bench:start: the build does not run (exit ${check.status}); run npm run build`);
  process.exit(2);
}

const loadBefore = loadavg();
for (const c of CASES) timeOnce(c); // warm the file cache
const times = new Map(CASES.map((c) => [c.name, [] as number[]]));
for (let i = 0; i < RUNS; i++) for (const c of CASES) times.get(c.name)!.push(timeOnce(c));
const loadAfter = loadavg();

const medians = Object.fromEntries(CASES.map((c) => [c.name, median(times.get(c.name)!)]));
const base = medians["node -e ''"]!;
console.log(`start-up benchmark: median of ${RUNS} runs each, alternating, ${cpus().length} CPUs, Node ${process.version}`);
console.log(`load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`);
for (const c of CASES) {
  const ms = medians[c.name]!;
  console.log(`  ${c.name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / base).toFixed(1).padStart(5)}x node -e ''`);
}
const start = medians['npm start (build)']!;
console.log(`npm start: ${start.toFixed(0)} ms wall (goal < 300 ms), ${(start / base).toFixed(1)}x node -e ''`);

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/results/start.json'),
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: { before: loadBefore, after: loadAfter },
      runs: RUNS,
      command: `node bin/authtrail.js analyze ${SAMPLE} --db :memory:`,
      medianMs: medians,
      ratioToNode: start / base,
      samplesMs: Object.fromEntries(times),
    },
    null,
    2,
  )}\n`,
);
