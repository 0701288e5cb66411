import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench:start`: wall time of `npm start`'s command (the compiled build in dist/) against `node -e ''`,
 * and of the same command through tsx (no build) and of `--help`, median of RUNS each. Runs alternate the
 * commands so machine noise hits them alike. CPU time (user + system, all threads) comes from a one-line
 * preload that writes process.cpuUsage() at exit: on a loaded machine it moves less than wall time.
 * Writes bench/results/start.json.
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

const TMP = mkdtempSync(join(tmpdir(), 'authtrail-bench-start-'));
const CPU_FILE = join(TMP, 'cpu.json');
const PRELOAD = join(TMP, 'cpu.mjs');
writeFileSync(PRELOAD, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(CPU_FILE)}, JSON.stringify(process.cpuUsage())));\n`);

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function timeOnce(c: Case): Sample {
  rmSync(CPU_FILE, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', PRELOAD, ...c.args], { cwd: ROOT, env: { ...process.env, ...c.env }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${c.name} exited ${run.status}: ${run.stderr.trim()}`);
  const cpu = JSON.parse(readFileSync(CPU_FILE, 'utf8')) as { user: number; system: number };
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
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
const samples = new Map(CASES.map((c) => [c.name, [] as Sample[]]));
for (let i = 0; i < RUNS; i++) for (const c of CASES) samples.get(c.name)!.push(timeOnce(c));
const loadAfter = loadavg();
rmSync(TMP, { recursive: true, force: true });

const of = (name: string, key: keyof Sample) => median(samples.get(name)!.map((s) => s[key]));
const medians = Object.fromEntries(CASES.map((c) => [c.name, { wallMs: of(c.name, 'wallMs'), cpuMs: of(c.name, 'cpuMs') }]));
const base = medians["node -e ''"]!;
console.log(`start-up benchmark: median of ${RUNS} runs each, alternating, ${cpus().length} CPUs, Node ${process.version}`);
console.log(`load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`);
console.log(`  ${''.padEnd(28)} ${'wall'.padStart(9)} ${'ratio'.padStart(6)} ${'CPU'.padStart(9)}`);
for (const c of CASES) {
  const m = medians[c.name]!;
  console.log(`  ${c.name.padEnd(28)} ${m.wallMs.toFixed(0).padStart(6)} ms ${(m.wallMs / base.wallMs).toFixed(1).padStart(5)}x ${m.cpuMs.toFixed(0).padStart(6)} ms`);
}
const start = medians['npm start (build)']!;
console.log(`npm start: ${start.wallMs.toFixed(0)} ms wall (goal < 300 ms), ${(start.wallMs / base.wallMs).toFixed(1)}x node -e ''`);

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
      median: medians,
      ratioToNode: start.wallMs / base.wallMs,
      samples: Object.fromEntries(samples),
    },
    null,
    2,
  )}\n`,
);
