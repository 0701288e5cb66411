import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, start } from './support.js';
import { openStore } from '../src/store/store.js';

/**
 * `npm run bench:stop`: what stopping `authtrail record` costs after a long recording. The mock Okta upstream
 * and `authtrail record --quiet` run in processes of their own; autocannon sends BENCH_REQUESTS (50,000)
 * POST /api/v1/authn through the recorder on 127.0.0.1, then the recorder gets SIGTERM as on Ctrl-C. Two
 * times: to flush (SIGTERM until the last exchange is in the SQLite file, polled from this process) and from
 * flushed to the summary printed (its wall time and the recorder's CPU time, user+sys from /proc). Goal: the
 * summary under 1 s after the flush. Also the recorder's CPU time while recording (the stop's analysis is
 * done ahead, during the recording: see LiveAnalysis.settle), its resident memory before the stop and its peak.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50_000);
const CONNECTIONS = 50;
const BODY = JSON.stringify({ username: 'mary.jane@example.com', password: 'Old-Passw0rd!' });
/** The summary's first line, printed once the recorder has stopped. */
const SUMMARY = /recorded (\d+) exchanges?/;

/** User+sys CPU milliseconds of a process so far (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat; here counted from the state field (3).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function load(url: string, amount: number): Promise<{ sent: number; ok: number; seconds: number }> {
  const t0 = performance.now();
  let ok = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${url}/api/v1/authn`, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: BODY, connections: CONNECTIONS, amount },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status) => {
      if (status >= 200 && status < 300) ok++;
    });
  });
  return { sent: result.requests.total, ok, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'authtrail-stop-'));
  const db = join(work, 'stop.db');
  const children: ChildProcess[] = [];
  try {
    const upstream = await start(['--import', 'tsx', 'bench/proxy-upstream.ts'], /http:\/\/\S+:\d+\n/);
    children.push(upstream.child);
    const target = upstream.output().trim().split('\n')[0]!;
    const port = await freePort();
    const recorder = await start(['bin/authtrail.js', 'record', '--target', target, '--port', String(port), '--db', db, '--quiet'], /Ctrl-C to stop/);
    children.push(recorder.child);
    const pid = recorder.child.pid!;
    const cpuBeforeLoad = cpuMs(pid);
    const sent = await load(`http://127.0.0.1:${port}`, REQUESTS);
    // The recording's own cost (both threads: proxying, recording, and the stop's analysis done ahead).
    const recordingCpuMs = Math.round(cpuMs(pid) - cpuBeforeLoad);
    process.stderr.write(`sent ${sent.sent} (${sent.ok} 2xx) in ${sent.seconds.toFixed(1)} s\n`);
    const before = memoryMb(pid);

    const store = openStore(db);
    const rows = store.db.prepare('SELECT count(*) AS n FROM exchanges');
    const summarized = new Promise<number>((resolve) => {
      const check = () => SUMMARY.test(recorder.output()) && resolve(performance.now());
      recorder.child.stdout!.on('data', check);
    });
    const exited = new Promise<number | null>((resolve) => recorder.child.once('exit', resolve));
    const storedAtStop = (rows.get() as { n: number }).n;
    const t0 = performance.now();
    recorder.child.kill('SIGTERM');
    // Flushed: every exchange the clients got an answer for is a row in the file.
    let flushedAt = t0;
    let cpuAtFlush = cpuMs(pid);
    let stored = 0;
    while ((stored = (rows.get() as { n: number }).n) < sent.sent) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      cpuAtFlush = cpuMs(pid);
      flushedAt = performance.now();
    }
    // The summary's wait: CPU time and peak memory read until the recorder exits (it prints the summary, then ends).
    let cpuAtSummary = cpuAtFlush;
    let memoryAtSummary = before;
    const poll = setInterval(() => {
      try {
        cpuAtSummary = cpuMs(pid);
        memoryAtSummary = memoryMb(pid);
      } catch {
        // Exited between two polls.
      }
    }, 5);
    const summaryAt = await summarized;
    clearInterval(poll);
    try {
      cpuAtSummary = cpuMs(pid);
      memoryAtSummary = memoryMb(pid);
    } catch {
      // Already gone: the last poll stands.
    }
    store.close();
    const code = await exited;
    const recorded = Number(SUMMARY.exec(recorder.output())?.[1] ?? NaN);
    const flushMs = Math.round(flushedAt - t0);
    const summaryMs = Math.round(summaryAt - flushedAt);
    const summaryCpuMs = Math.round(cpuAtSummary - cpuAtFlush);
    const load1 = loadavg().map((l) => Number(l.toFixed(2)));
    const out = [
      `stop benchmark: ${sent.sent} POST /api/v1/authn through authtrail record --quiet, ${CONNECTIONS} connections, loopback, ${cpus().length} CPUs, load ${load1.join(' ')}`,
      `recording: ${(sent.seconds).toFixed(1)} s, ${recordingCpuMs} ms recorder CPU (user+sys), ${((recordingCpuMs * 1000) / sent.sent).toFixed(0)} us per exchange`,
      `flush (SIGTERM to last exchange stored): ${flushMs} ms (${storedAtStop} of ${sent.sent} stored at SIGTERM)`,
      `flushed to summary printed: ${summaryMs} ms wall, ${summaryCpuMs} ms recorder CPU (user+sys)`,
      `recorder memory: ${before.rss} MB resident before the stop, peak ${memoryAtSummary.peak} MB`,
      `summary says ${recorded} exchanges; ${stored} rows stored; exit ${code}`,
      summaryMs < 1000 && recorded === sent.sent ? 'PASS (summary < 1 s after flushing)' : 'FAIL (goal: summary < 1 s after flushing, every exchange counted)',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const result = {
      generatedAt: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadavg: load1,
      requests: sent.sent,
      connections: CONNECTIONS,
      loadSeconds: Number(sent.seconds.toFixed(1)),
      recordingCpuMs,
      storedAtStop,
      flushMs,
      summaryMs,
      summaryCpuMs,
      rssBeforeStopMb: before.rss,
      peakRssMb: memoryAtSummary.peak,
      recorded,
      stored,
    };
    writeFileSync(join(ROOT, 'bench/results/stop.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.exitCode = summaryMs < 1000 && recorded === sent.sent ? 0 : 1;
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
