import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from './support.js';
import { openStore } from '../src/store/store.js';

/**
 * `npm run bench:durable`: what `record --durable` costs and what it saves. (1) Throughput and latency of
 * `authtrail record --quiet` with and without --durable, rounds alternating, medians. (2) The loss window:
 * a recorder under load killed with SIGKILL, then the exchanges its clients got answers for compared with
 * the rows in the SQLite file. Each recorder and the mock Okta upstream run in processes of their own.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 8_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KILLS = Number(process.env.BENCH_KILLS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2_000);
/** Answers the clients hold when the recorder is killed. */
const KILL_AFTER = Number(process.env.BENCH_KILL_AFTER ?? 3_000);
const CONNECTIONS = 50;
const BODY = JSON.stringify({ username: 'mary.jane@example.com', password: 'Old-Passw0rd!' });
const MODES = { default: [], durable: ['--durable'] } as const;
type Mode = keyof typeof MODES;

/** A child process, resolved once its output matches `ready`; its first stdout line is returned. */
function spawnUntil(args: string[], ready: RegExp): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      if (text.length < 4000) text += d.toString();
      if (ready.test(text)) resolve({ child, firstLine: text.split('\n')[0]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${text}`)));
  });
}

function recorder(target: string, db: string, port: number, mode: Mode) {
  return spawnUntil(['bin/authtrail.js', 'record', '--target', target, '--port', String(port), '--db', db, '--quiet', ...MODES[mode]], /Ctrl-C to stop/);
}

function rowsIn(db: string): number {
  const store = openStore(db);
  try {
    return store.exchanges().length;
  } finally {
    store.close();
  }
}

/** autocannon at the recorder; `onAnswer` sees the running count of 2xx answers and may stop the run. */
function load(url: string, amount: number, onAnswer?: (answered: number, stop: () => void) => void) {
  let answered = 0;
  return new Promise<{ rps: number; p50: number; p99: number; answered: number }>((resolve, reject) => {
    const t0 = performance.now();
    let last = t0;
    const instance = autocannon(
      { url: `${url}/api/v1/authn`, method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY, connections: CONNECTIONS, amount },
      (err, res) => (err ? reject(err) : resolve({ rps: res.requests.total / ((last - t0) / 1000), p50: res.latency.p50, p99: res.latency.p99, answered })),
    );
    instance.on('response', (_client, status) => {
      last = performance.now();
      if (status >= 200 && status < 300) answered++;
      onAnswer?.(answered, () => instance.stop());
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'authtrail-durable-'));
  const children: ChildProcess[] = [];
  try {
    const upstream = await spawnUntil(['--import', 'tsx', 'bench/proxy-upstream.ts'], /http:\/\/\S+:\d+\n/);
    children.push(upstream.child);
    const target = upstream.firstLine.trim();
    const speed: Record<Mode, { rps: number[]; p50: number[]; p99: number[] }> = { default: { rps: [], p50: [], p99: [] }, durable: { rps: [], p50: [], p99: [] } };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const mode of Object.keys(MODES) as Mode[]) {
        const port = await freePort();
        const db = join(work, `speed-${mode}-${round}.db`);
        const { child } = await recorder(target, db, port, mode);
        children.push(child);
        await load(`http://127.0.0.1:${port}`, WARMUP);
        const run = await load(`http://127.0.0.1:${port}`, REQUESTS);
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
        for (const key of ['rps', 'p50', 'p99'] as const) speed[mode][key].push(run[key]);
        process.stderr.write(`round ${round} ${mode.padEnd(7)} ${run.rps.toFixed(0)} req/s p50 ${run.p50} ms p99 ${run.p99} ms (${rowsIn(db)} rows)\n`);
      }
    }
    const lost: Record<Mode, number[]> = { default: [], durable: [] };
    for (let kill = 1; kill <= KILLS; kill++) {
      for (const mode of Object.keys(MODES) as Mode[]) {
        const port = await freePort();
        const db = join(work, `kill-${mode}-${kill}.db`);
        const { child } = await recorder(target, db, port, mode);
        children.push(child);
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // Killed in full flow: what the clients hold against what the file holds.
        const { answered } = await load(`http://127.0.0.1:${port}`, 1_000_000, (n, stop) => {
          if (n === KILL_AFTER) {
            child.kill('SIGKILL');
            stop();
          }
        });
        await exited;
        const rows = rowsIn(db);
        lost[mode].push(Math.max(0, answered - rows));
        process.stderr.write(`kill ${kill} ${mode.padEnd(7)} answered ${answered}, rows ${rows}, lost ${Math.max(0, answered - rows)}\n`);
      }
    }
    const d = speed.default;
    const u = speed.durable;
    const ratio = median(u.rps) / median(d.rps);
    const out = [
      `durable benchmark: ${REQUESTS} POST /api/v1/authn per run, ${CONNECTIONS} connections, ${ROUNDS} rounds (median), loopback, ${cpus().length} CPUs`,
      `record --quiet            ${median(d.rps).toFixed(0).padStart(7)} req/s  p50 ${median(d.p50)} ms  p99 ${median(d.p99)} ms`,
      `record --quiet --durable  ${median(u.rps).toFixed(0).padStart(7)} req/s  p50 ${median(u.p50)} ms  p99 ${median(u.p99)} ms`,
      `durable/default throughput = ${ratio.toFixed(2)}`,
      `SIGKILL after ${KILL_AFTER} answers, ${KILLS} runs: lost without --durable ${lost.default.join(', ')}; with --durable ${lost.durable.join(', ')}`,
      lost.durable.every((n) => n === 0) ? 'PASS' : 'FAIL',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const result = { generatedAt: new Date().toISOString(), node: process.version, cpus: cpus().length, requestsPerRun: REQUESTS, rounds: ROUNDS, warmup: WARMUP, killAfter: KILL_AFTER, connections: CONNECTIONS, speed, ratioDurableToDefault: Number(ratio.toFixed(3)), lostAfterSigkill: lost };
    writeFileSync(join(ROOT, 'bench/results/durable.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.exitCode = lost.durable.every((n) => n === 0) ? 0 : 1;
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
