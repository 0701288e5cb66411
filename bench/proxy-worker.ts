import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockOkta } from '../samples/mock-okta/server.js';
import { startReverseProxy } from '../src/sources/proxy/reverse.js';
import { decodeBatch } from '../src/sources/proxy/batch-codec.js';
import { buildRawExchange, type CapturedExchange } from '../src/sources/proxy/capture.js';
import { openIngest } from '../src/ingest/pipeline.js';
import { openStore } from '../src/store/store.js';
import { LiveAnalysis, summaryOf } from '../src/analyze/live.js';
import { formatLiveLine } from '../src/record/live-text.js';

/**
 * The recording worker's work per exchange, alone on one thread: `tsx bench/proxy-worker.ts [exchanges]`.
 * Records bench:proxy's request (POST /api/v1/authn through the reverse proxy to the mock Okta) once, keeps
 * the encoded batches, then replays them through what src/record/worker.ts does with each (decode, build,
 * ingest: redaction and SQLite, live analysis with its live view, settle) and prints the CPU time of each
 * stage per exchange. For profiling the worker without the proxy and the load generator sharing the CPUs.
 */

// GCFLAGS='--no-parallel-scavenge ...': V8 flags set at run time, as the recorder may set them for its worker.
if (process.env.GCFLAGS) (await import('node:v8')).setFlagsFromString(process.env.GCFLAGS);
const COUNT = Number(process.argv[2] ?? 20_000);
const BODY = JSON.stringify({ username: 'mary.jane@example.com', password: 'Old-Passw0rd!' });

async function recordBatches(count: number): Promise<Buffer[]> {
  const mock = await startMockOkta({ scenario: 'clean' });
  const batches: Buffer[] = [];
  const proxy = await startReverseProxy({ target: mock.url, host: '127.0.0.1', port: 0, include: () => true, cors: false, onExchanges: (batch) => void batches.push(Buffer.from(batch)) });
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${proxy.url}/api/v1/authn`, { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(BODY) } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(BODY);
    });
  for (let sent = 0; sent < count; sent += 50) await Promise.all(Array.from({ length: Math.min(50, count - sent) }, once));
  await proxy.stop();
  agent.destroy();
  await mock.stop();
  return batches;
}

// BATCHES=file: keep the recorded batches there and replay them on later runs (faster to iterate).
const saved = process.env.BATCHES;
const batches = saved && existsSync(saved) ? unpack(readFileSync(saved)) : await recordBatches(COUNT);
if (saved && !existsSync(saved)) writeFileSync(saved, Buffer.concat(batches.flatMap((b) => [u32(b.length), b])));

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function unpack(file: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < file.length; at += 4 + file.readUInt32LE(at)) out.push(file.subarray(at + 4, at + 4 + file.readUInt32LE(at)));
  return out;
}
// PROFILE=file.cpuprofile: a CPU profile of the replay alone (summarize it with a profile viewer).
const session = process.env.PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const work = mkdtempSync(join(tmpdir(), 'authtrail-worker-bench-'));
try {
  const store = openStore(join(work, 'w.db'));
  const capture = openIngest(store, { kind: 'proxy', file: 'bench', contentHash: null, raw: false, exposes: false, mode: 'batched', ownsBodies: true });
  const lines: string[] = [];
  const quiet = process.env.QUIET === '1';
  // UNSETTLED=1: no settle while recording, so the stop makes every chain.
  const unsettled = process.env.UNSETTLED === '1';
  const live = new LiveAnalysis(quiet ? null : (line) => void lines.push(formatLiveLine(line)));
  const times = { decode: 0, build: 0, add: 0, live: 0, commit: 0, settle: 0, lines: 0 };
  const cpu = () => performance.now();
  (globalThis as { gc?: () => void }).gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const total0 = process.cpuUsage();
  let n = 0;
  for (const batch of batches) {
    let t = cpu();
    const items: CapturedExchange[] = decodeBatch(batch);
    times.decode += cpu() - t;
    for (const captured of items) {
      t = cpu();
      const { raw, sources } = buildRawExchange(captured);
      const t1 = cpu();
      const exchange = capture.add(raw, sources);
      const t2 = cpu();
      live.push(exchange, 2700);
      const t3 = cpu();
      times.build += t1 - t;
      times.add += t2 - t1;
      times.live += t3 - t2;
      n++;
    }
    t = cpu();
    capture.commit();
    times.commit += cpu() - t;
    t = cpu();
    lines.join('\n');
    lines.length = 0;
    times.lines += cpu() - t;
    // The worker settles every 100 ms, about a batch under bench:proxy's load: here after each batch.
    t = cpu();
    if (!unsettled) live.settle();
    times.settle += cpu() - t;
  }
  let t = cpu();
  if (!unsettled) for (let i = 0; i < 3; i++) live.settle();
  times.settle += cpu() - t;
  // The stop's analysis (worker.ts at `stop`): what is left of it after settling as the recording went.
  // PROFILE_STOP=file.cpuprofile: a CPU profile of the stop alone.
  const stopSession = process.env.PROFILE_STOP ? new Session() : null;
  if (stopSession) {
    stopSession.connect();
    await stopSession.post('Profiler.enable');
    await stopSession.post('Profiler.start');
  }
  t = cpu();
  live.flush();
  capture.close();
  const summary = summaryOf(live.finish(store.captures([capture.captureId]))!, false);
  const stopMs = cpu() - t;
  if (stopSession) writeFileSync(process.env.PROFILE_STOP!, JSON.stringify((await stopSession.post('Profiler.stop')).profile));
  const used = process.cpuUsage(total0);
  // With --expose-gc: the heap the recording keeps for its summary, per exchange (settled transactions included).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const keptKb = gc ? (process.memoryUsage().heapUsed - heap0) / n / 1024 : NaN;
  if (process.env.SNAPSHOT) (await import('node:v8')).writeHeapSnapshot(process.env.SNAPSHOT);
  if (session) writeFileSync(process.env.PROFILE!, JSON.stringify((await session.post('Profiler.stop')).profile));
  store.close();
  const us = (ms: number) => ((ms * 1000) / n).toFixed(1);
  process.stdout.write(
    `${n} exchanges in ${batches.length} batches; per exchange (us): ${Object.entries(times).map(([k, v]) => `${k} ${us(v)}`).join(', ')}; process CPU ${(((used.user + used.system) / n)).toFixed(1)} us; heap kept ${keptKb.toFixed(2)} KB per exchange; stop ${stopMs.toFixed(0)} ms (${summary.summary.transactions} transactions)\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
