import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, start } from './support.js';
import { openStore } from '../src/store/store.js';
import { cpuTime, type Latency, sequential, startMitmdump } from './proxy-extra.js';

/**
 * `npm run bench:proxy`: throughput and latency on loopback of (a) the mock Okta upstream direct,
 * (b) bare http-proxy with a keep-alive agent, (c) `authtrail record` (default settings: redaction,
 * batched SQLite writes, live view), each in its own process, at 50 connections for a fixed count of
 * requests. Rounds alternate the three paths so machine noise hits them alike; medians are reported, and
 * c/b is the median of the rounds' own ratios (each round's (b) and (c) run seconds apart, so a noisy
 * shared machine moves them together). Checks that the recorder stored exactly as many exchanges as it was sent.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 50;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2_000);
const BODY = JSON.stringify({ username: 'mary.jane@example.com', password: 'Old-Passw0rd!' });

interface Run {
  rps: number;
  p50: number;
  p99: number;
  sent: number;
  errors: number;
  /** CPU per request (us) of the process serving the path, all threads and its main thread; null without /proc. */
  cpuUs?: { total: number; main: number } | null;
}

async function load(url: string, amount: number): Promise<Run> {
  // autocannon ends a fixed-count run on its next one-second tick: time the responses ourselves.
  const t0 = performance.now();
  let last = t0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/api/v1/authn`,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: BODY,
        connections: CONNECTIONS,
        amount,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', () => (last = performance.now()));
  });
  const sent = result.requests.total;
  return { rps: sent / ((last - t0) / 1000), p50: result.latency.p50, p99: result.latency.p99, sent, errors: result.errors + result.timeouts + result.non2xx };
}

/**
 * Live-view lines the recorder printed so far (one per recorded exchange), read from where the previous
 * count stopped: polled while the recorder catches up, the file is never read whole again.
 */
function liveLineCounter(file: string): () => number {
  let offset = 0;
  let partial = '';
  let count = 0;
  return () => {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      for (let n; (n = readSync(fd, buffer, 0, buffer.length, offset)) > 0; offset += n) {
        const lines = (partial + buffer.toString('utf8', 0, n)).split('\n');
        partial = lines.pop()!;
        for (const l of lines) if (/^\d\d:\d\d:\d\d /.test(l)) count++;
      }
    } finally {
      closeSync(fd);
    }
    return count;
  };
}

/** The middle item by `value` (the upper one of an even count). */
function median<T>(items: readonly T[], value: (item: T) => number): T {
  return [...items].sort((a, b) => value(a) - value(b))[Math.floor(items.length / 2)]!;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'authtrail-bench-'));
  const dbPath = join(work, 'bench.db');
  const children: ChildProcess[] = [];
  try {
    const upstream = await start(['--import', 'tsx', 'bench/proxy-upstream.ts'], /http:\/\/\S+:\d+\n/);
    children.push(upstream.child);
    const target = upstream.output().trim().split('\n')[0]!;
    const barePort = await freePort();
    const bare = (await start(['--import', 'tsx', 'bench/proxy-bare.ts', target, String(barePort)], /ready/)).child;
    children.push(bare);
    const recordPort = await freePort();
    const extra = (process.env.BENCH_RECORD_ARGS ?? '').split(' ').filter(Boolean);
    // Node flags for the recorder's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile both its threads.
    const nodeFlags = (process.env.BENCH_RECORD_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const liveView = join(work, 'live-view.txt');
    const recorder = await start([...nodeFlags, 'bin/authtrail.js', 'record', '--target', target, '--port', String(recordPort), '--db', dbPath, ...extra], /Ctrl-C to stop/, liveView);
    children.push(recorder.child);

    const mitmPort = await freePort();
    const mitm = await startMitmdump(target, mitmPort);
    if (mitm) children.push(mitm);
    const paths: Record<string, string> = { direct: target, bare: `http://127.0.0.1:${barePort}`, record: `http://127.0.0.1:${recordPort}` };
    if (mitm) paths.mitmdump = `http://127.0.0.1:${mitmPort}`;
    const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
    // Whose CPU each path costs besides the load generator and the mock: the proxy's process (direct: the mock's).
    const pids: Record<string, number | undefined> = { direct: upstream.child.pid, bare: bare.pid, record: recorder.child.pid, mitmdump: mitm?.pid };
    let sentToRecorder = 0;
    let errors = 0;
    // The recorder's worker writes in the background (below the traffic's priority): before the next path
    // runs, wait until it has recorded all it was sent, so its catch-up never lands on another path's run
    // and its CPU is counted in full. Each recorded exchange prints one live-view line.
    const catchUps: number[] = [];
    const liveLineCount = liveLineCounter(liveView);
    const caughtUp = async () => {
      const t = performance.now();
      while (liveLineCount() < sentToRecorder) {
        if (performance.now() - t > 120_000) throw new Error(`the recorder did not catch up: ${liveLineCount()} of ${sentToRecorder} exchanges recorded after 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return performance.now() - t;
    };
    for (const [name, url] of Object.entries(paths)) {
      const warm = await load(url, WARMUP);
      if (name === 'record') {
        sentToRecorder += warm.sent;
        await caughtUp();
      }
      errors += warm.errors;
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, url] of Object.entries(paths)) {
        const pid = pids[name];
        const before = pid ? cpuTime(pid) : null;
        const run = await load(url, REQUESTS);
        if (name === 'record') {
          sentToRecorder += run.sent;
          catchUps.push(await caughtUp());
        }
        const after = pid ? cpuTime(pid) : null;
        run.cpuUs = before && after ? { total: ((after.total - before.total) * 1000) / run.sent, main: ((after.main - before.main) * 1000) / run.sent } : null;
        runs[name].push(run);
        errors += run.errors;
        const cpu = run.cpuUs ? `, ${run.cpuUs.total.toFixed(0)} us CPU per request` : '';
        process.stderr.write(`round ${round} ${name.padEnd(6)} ${run.rps.toFixed(0)} req/s p50 ${run.p50} ms p99 ${run.p99} ms${cpu}\n`);
      }
    }

    const seq: Record<string, Latency> = await sequential(paths, SEQUENTIAL, BODY);
    sentToRecorder += seq.record!.n;
    const added = Math.round((seq.record!.p99 - seq.bare!.p99) * 100) / 100;

    // Stop the recorder as a user would (SIGTERM: finish, flush, summary) and count what it stored.
    const exited = new Promise<number | null>((resolve) => recorder.child.once('exit', (code) => resolve(code)));
    recorder.child.kill('SIGTERM');
    const code = await exited;
    const liveLines = liveLineCount();
    const store = openStore(dbPath);
    const stored = store.exchanges().length;
    store.close();

    const rps = (r: Run) => r.rps;
    const a = median(runs.direct, rps);
    const b = median(runs.bare, rps);
    const c = median(runs.record, rps);
    const paired = runs.record.map((r, i) => r.rps / runs.bare[i]!.rps);
    const ratio = median(paired, (r) => r);
    const lost = sentToRecorder - stored;
    type Cpu = NonNullable<Run['cpuUs']>;
    const cpuOf = (name: string, pick: (c: Cpu) => number = (c) => c.total) => {
      const list = (runs[name] ?? []).flatMap((r) => (r.cpuUs ? [pick(r.cpuUs)] : []));
      return list.length ? median(list, (v) => v) : null;
    };
    const us = (v: number | null) => (v === null ? '?' : `${v.toFixed(0)} us`);
    const cpuLine = cpuOf('record') === null
      ? 'CPU per request: not measured (no /proc)'
      : `CPU per request of the serving process (median of rounds): mock alone ${us(cpuOf('direct'))}, bare http-proxy ${us(cpuOf('bare'))}, recorder ${us(cpuOf('record'))} (proxy thread ${us(cpuOf('record', (c) => c.main))}, recording worker and other threads ${us(cpuOf('record', (c) => c.total - c.main))})${runs.mitmdump ? `, mitmdump ${us(cpuOf('mitmdump'))}` : ''}`;
    const row = (name: string, r: Run) => `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}`;
    const out = [
      `proxy benchmark: ${REQUESTS} POST /api/v1/authn per run, ${CONNECTIONS} connections, ${ROUNDS} rounds (median), loopback, ${cpus().length} CPUs`,
      `${'path'.padEnd(34)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`,
      row('(a) direct to mock Okta', a),
      row('(b) bare http-proxy, keep-alive', b),
      row('(c) authtrail record', c),
      `c/b = ${ratio.toFixed(2)} (target >= 0.9): median of the rounds' ratios ${paired.map((r) => r.toFixed(2)).join(' ')}; ratio of the medians ${(c.rps / b.rps).toFixed(2)}; c/a = ${(c.rps / a.rps).toFixed(2)}`,
      `sequential, one connection, ${SEQUENTIAL} each: p50/p99 ms ${Object.entries(seq).map(([k, l]) => `${k} ${l.p50}/${l.p99}`).join(', ')}; p99 added by the recorder over bare http-proxy ${added} ms (target <= 2)`,
      cpuLine,
      runs.mitmdump ? `mitmdump reverse mode: ${median(runs.mitmdump, rps).rps.toFixed(0)} req/s; recorder/mitmdump ${(c.rps / median(runs.mitmdump, rps).rps).toFixed(2)}x` : 'mitmdump not on the PATH: not measured',
      `recording caught up with the traffic ${median(catchUps, (v) => v).toFixed(0)} ms after a run's last response (median of rounds; max ${Math.max(...catchUps).toFixed(0)} ms); c/b counts the traffic's own throughput`,
      `recorder: sent ${sentToRecorder}, stored ${stored}, lost ${lost}, live-view lines ${liveLines}; exit code ${code}; request errors ${errors}`,
      ratio >= 0.9 && lost === 0 && errors === 0 && code === 0 ? 'PASS' : 'FAIL',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench/results/proxy.json'),
      `${JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          node: process.version,
          cpus: cpus().length,
          requestsPerRun: REQUESTS,
          warmup: WARMUP,
          rounds: ROUNDS,
          connections: CONNECTIONS,
          request: 'POST /api/v1/authn {username,password} -> 200 MFA_REQUIRED with absolute _links (rewritten by the recorder)',
          direct: a,
          bare: b,
          record: c,
          allRuns: runs,
          ratioRecordToBare: Number(ratio.toFixed(3)),
          roundRatios: paired.map((r) => Number(r.toFixed(3))),
          ratioOfMedians: Number((c.rps / b.rps).toFixed(3)),
          sequential: seq,
          p99AddedMs: added,
          cpuPerRequestUs: { direct: cpuOf('direct'), bare: cpuOf('bare'), record: cpuOf('record'), recordProxyThread: cpuOf('record', (c) => c.main), mitmdump: runs.mitmdump ? cpuOf('mitmdump') : null },
          mitmdump: runs.mitmdump ? median(runs.mitmdump, rps) : null,
          recorder: { sent: sentToRecorder, stored, lost, liveViewLines: liveLines, exitCode: code },
          catchUpMs: catchUps.map((v) => Math.round(v)),
          requestErrors: errors,
          pass: ratio >= 0.9 && lost === 0 && errors === 0 && code === 0,
        },
        null,
        2,
      )}\n`,
    );
    process.exitCode = ratio >= 0.9 && lost === 0 && errors === 0 && code === 0 ? 0 : 1;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
