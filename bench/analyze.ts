/**
 * `npm run bench:analyze`: imports --exchanges synthetic exchanges (default 1,000,000) once into a temp SQLite
 * file, as three captures holding 1/4, 1/4 and 1/2 of them, then times `authtrail analyze --db FILE
 * --format json > /dev/null` as a whole process on 1/4, 1/2 and all of them (--capture), with its peak RSS.
 * Prints the time per 100k exchanges at each size (linear when they agree), then times all of them again with
 * --threads 1 (the main thread alone) for the wall-time and CPU ratios of the default's worker threads, and writes
 * bench/results/analyze.json. `--keep DIR` keeps the database there to rerun without importing.
 * Then measures, in this process, the floor under any analysis of all of them: SQLite stepping every row,
 * the store's read with its JSON decoding (`Store.groups`, what analyze reads through), and the text of the
 * document alone (the 1/4 run's JSON re-written with the writer's own `itemsText`, scaled to all).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestSource } from '../src/ingest/pipeline.js';
import { newReport } from '../src/ingest/source.js';
import Database from 'better-sqlite3';
import { itemsText } from '../src/analyze/document.js';
import { threadsFor } from '../src/analyze/parallel.js';
import { EXCHANGE_COLUMNS, openStore } from '../src/store/store.js';
import { exchangesPerThreeFlows, generateFlows } from './flows.js';

const { values } = parseArgs({ options: { exchanges: { type: 'string', default: '1000000' }, polls: { type: 'string', default: '20' }, keep: { type: 'string' } } });
const total = Number(values.exchanges);
const polls = Number(values.polls);
if (!Number.isInteger(total) || total < 1000 || total > 5e6) throw new Error('--exchanges takes a whole number between 1,000 and 5,000,000');
const ROOT = join(import.meta.dirname, '..');

const work = values.keep ?? mkdtempSync(join(tmpdir(), 'authtrail-bench-analyze-'));
mkdirSync(work, { recursive: true });
const db = join(work, `analyze-${total}.db`);
const PROBE = join(work, 'usage.json');
const PRELOAD = join(work, 'usage.mjs');
writeFileSync(PRELOAD, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(PROBE)}, JSON.stringify({ cpu: process.cpuUsage(), maxRss: process.resourceUsage().maxRSS })));\n`);

/** Flows giving about `n` exchanges. */
const flowsFor = (n: number) => Math.max(3, Math.round((n / exchangesPerThreeFlows(polls)) * 3));

try {
  const parts = [total / 4, total / 4, total / 2];
  if (!existsSync(db)) {
    const store = openStore(db);
    let start = 0;
    for (const [i, n] of parts.entries()) {
      const t = performance.now();
      const flows = flowsFor(n);
      const result = await ingestSource(store, { kind: 'har', file: `bench-${i + 1}`, contentHash: `bench-${total}-${i}`, exchanges: generateFlows(flows, polls, 50, start), report: newReport('entries') });
      start += flows;
      process.stdout.write(`capture ${result.captureId}: ${result.exchanges} exchanges imported in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    store.close();
  }
  const store = openStore(db);
  const counts = store.captures().map((c) => c.exchangeCount);
  store.close();
  const sizes = [
    { captures: ['1'], exchanges: counts[0]! },
    { captures: ['1', '2'], exchanges: counts[0]! + counts[1]! },
    { captures: [], exchanges: counts.reduce((a, b) => a + b, 0) },
  ];
  /** One whole `authtrail analyze` process on `size`, with `extra` arguments. */
  const measure = (size: (typeof sizes)[number], extra: string[] = [], label = '') => {
    rmSync(PROBE, { force: true });
    const args = ['--import', PRELOAD, join(ROOT, 'bin', 'authtrail.js'), 'analyze', '--db', db, '--format', 'json', ...size.captures.flatMap((c) => ['--capture', c]), ...extra];
    const t = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 24 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    // Exit 1 means findings were reported, which the flows include on purpose (brute force).
    if (run.status !== 0 && run.status !== 1) throw new Error(`analyze exited ${run.status}: ${run.stderr.trim().slice(0, 500)}`);
    const usage = JSON.parse(readFileSync(PROBE, 'utf8')) as { cpu: { user: number; system: number }; maxRss: number };
    const cpuMs = (usage.cpu.user + usage.cpu.system) / 1000;
    const r = { exchanges: size.exchanges, ms: Math.round(ms), cpuMs: Math.round(cpuMs), maxRssMb: Math.round(usage.maxRss / 1024), msPer100k: Math.round((ms / size.exchanges) * 1e5), cpuMsPer100k: Math.round((cpuMs / size.exchanges) * 1e5) };
    process.stdout.write(`analyze ${String(r.exchanges).padStart(8)} exchanges${label}: ${(r.ms / 1000).toFixed(1).padStart(6)} s wall, ${(r.cpuMs / 1000).toFixed(1).padStart(6)} s CPU, peak RSS ${String(r.maxRssMb).padStart(5)} MB, ${r.msPer100k} ms wall / ${r.cpuMsPer100k} ms CPU per 100k\n`);
    return r;
  };
  // What a user gets: the default, two worker threads at these sizes on a machine with two cores or more (see threadsFor).
  const threads = threadsFor(undefined, db, sizes[0]!.exchanges);
  const runs = sizes.map((size) => measure(size, [], ` (default: ${threads === 1 ? 'the main thread' : `${threads} threads`})`));
  // The same analysis on the main thread alone, in the same run: what the default's threads gain, for what CPU.
  const single = measure(sizes[sizes.length - 1]!, ['--threads', '1'], ' (--threads 1)');
  const last = runs[runs.length - 1]!;
  const growth = Math.round((last.cpuMsPer100k / runs[0]!.cpuMsPer100k) * 100) / 100;
  process.stdout.write(`CPU time per 100k at ${last.exchanges} / at ${runs[0]!.exchanges}: ${growth}x (1.0 is linear)\n`);
  const floor = measureFloor(sizes[0]!.captures, sizes[0]!.exchanges, last.exchanges);
  process.stdout.write(
    `floor at ${last.exchanges}, before any linking or rule: SQLite stepping the rows ${sec(floor.scanMs)}, the store's read with JSON decoding ${sec(floor.readMs)}, ` +
      `the JSON document's text ${sec(floor.textMs)} (${(floor.documentBytes / 1e6).toFixed(0)} MB); read + text ${sec(floor.readMs + floor.textMs)} against the goal 10.0 s and analyze's ${sec(last.ms)}\n`,
  );
  const gain = Math.round((single.ms / last.ms) * 100) / 100;
  const cost = Math.round((last.cpuMs / single.cpuMs) * 100) / 100;
  process.stdout.write(`the default (${threads} threads) at ${last.exchanges}: ${gain}x sooner than --threads 1 (${(last.ms / 1000).toFixed(1)} s against ${(single.ms / 1000).toFixed(1)} s), for ${cost}x the CPU\n`);
  process.stdout.write(`goals at ${last.exchanges}: < 10 s ${last.ms < 10_000 ? 'met' : 'NOT met'} (${(last.ms / 1000).toFixed(1)} s), < 1 GB peak RSS ${last.maxRssMb < 1024 ? 'met' : 'NOT met'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), polls, threads, runs, cpuPer100kGrowth: growth, floor, oneThread: { ...single, defaultSooner: gain, defaultCpuRatio: cost } };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'analyze.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

function sec(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * What reading every exchange and writing the document cost without analysing anything, on all `total`
 * exchanges: SQLite stepping each row into strings (no decoding), then the store's own read (`Store.groups`,
 * rows decoded as analyze gets them); and the document's text: the JSON of `part` (captures holding
 * `partExchanges`) is written to a file, parsed back, and its transactions and findings stringified again as
 * the writer does and written to /dev/null, scaled by total / partExchanges (the document is too large to
 * hold as one string at 1M).
 */
function measureFloor(part: string[], partExchanges: number, total: number) {
  let t = performance.now();
  const raw = new Database(db, { readonly: true });
  let rows = 0;
  for (const _ of raw.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges`).raw().iterate()) rows++;
  raw.close();
  const scanMs = performance.now() - t;
  t = performance.now();
  const store = openStore(db);
  let read = 0;
  for (const group of store.groups(store.captures().map((c) => c.id))) read += group.length;
  store.close();
  const readMs = performance.now() - t;
  if (rows !== total || read !== total) throw new Error(`floor: read ${rows} rows and ${read} exchanges of ${total}`);
  const file = join(work, 'part.json');
  const out = openSync(file, 'w', 0o600);
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'authtrail.js'), 'analyze', '--db', db, '--format', 'json', ...part.flatMap((c) => ['--capture', c])], { cwd: ROOT, stdio: ['ignore', out, 'pipe'] });
  closeSync(out);
  if (run.status !== 0 && run.status !== 1) throw new Error(`analyze exited ${run.status}`);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { transactions: unknown[]; findings: unknown[]; verdict: unknown };
  rmSync(file);
  const sink = openSync('/dev/null', 'w');
  let bytes = 0;
  t = performance.now();
  const write = (text: string) => {
    const buffer = Buffer.from(text, 'utf8');
    bytes += buffer.length;
    writeSync(sink, buffer);
  };
  for (let i = 0; i < doc.transactions.length; i += 1000) write(itemsText(doc.transactions.slice(i, i + 1000)));
  for (let i = 0; i < doc.findings.length; i += 1000) write(itemsText(doc.findings.slice(i, i + 1000)));
  write(JSON.stringify(doc.verdict, null, 2));
  const scale = total / partExchanges;
  const textMs = (performance.now() - t) * scale;
  closeSync(sink);
  return { exchanges: total, scanMs: Math.round(scanMs), readMs: Math.round(readMs), textMs: Math.round(textMs), documentBytes: Math.round(bytes * scale), textScaledFrom: partExchanges };
}
