import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/store.js';
import { startRecorder, type Recorder, type RecorderOptions, type RecordSummary } from '../../src/record/recorder.js';
import { analyze, type AnalysisResult } from '../../src/analyze/index.js';
import type { LiveLine } from '../../src/analyze/live.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { afterEach, beforeEach } from 'vitest';

/** A temp dir with a real SQLite file, removed by cleanup(). */
export function tempDb(): { dir: string; path: string; store: Store; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-proxy-'));
  const path = join(dir, 'capture.db');
  const store = openStore(path);
  return { dir, path, store, cleanup: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** For each test of the describe block it is called in: a mock Okta org of `scenario` and a temp database, both removed after. */
export function mockAndDbEach(scenario: string): { mock: MockOkta; db: ReturnType<typeof tempDb> } {
  const env = {} as { mock: MockOkta; db: ReturnType<typeof tempDb> };
  beforeEach(async () => {
    env.mock = await startMockOkta({ scenario });
    env.db = tempDb();
  });
  afterEach(async () => {
    await env.mock.stop();
    env.db.cleanup();
  });
  return env;
}

/** A recorder whose stop() also gives the analysis of the capture as stored, for tests that inspect it. */
export interface TestRecorder extends Recorder {
  stop(): Promise<RecordSummary & { analysis: AnalysisResult }>;
}

/**
 * Starts a recorder writing to `db` (its own connection, in the recording worker). Its summary carries counts
 * and the verdict only; `analysis` is what `authtrail analyze --capture` finds in the file after the stop.
 */
export async function recordInto(db: string, options: Partial<RecorderOptions>): Promise<{ recorder: TestRecorder; lines: LiveLine[] }> {
  const lines: LiveLine[] = [];
  const recorder = await startRecorder({
    db,
    mode: 'reverse',
    host: '127.0.0.1',
    port: 0,
    onLine: (line) => lines.push(line),
    ...options,
  });
  const stop = recorder.stop;
  const analyzed = async () => {
    const summary = await stop();
    return { ...summary, analysis: analyzeStored(db, summary.captureId) };
  };
  return { recorder: { ...recorder, stop: analyzed }, lines };
}

/** The analysis of one stored capture, as `authtrail analyze --capture` makes it. */
export function analyzeStored(db: string, captureId: number): AnalysisResult {
  const store = openStore(db);
  try {
    return analyze(store.exchanges([captureId]), store.captures([captureId]));
  } finally {
    store.close();
  }
}

/** Which of `needles` occur in the bytes of the database file and its WAL. */
export function secretsOnDisk(dbPath: string, needles: string[]): string[] {
  const files = [dbPath, `${dbPath}-wal`].filter((f) => existsSync(f));
  const haystack = Buffer.concat(files.map((f) => readFileSync(f)));
  return needles.filter((n) => haystack.includes(Buffer.from(n, 'utf8')));
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A plain node:http request that keeps the response bytes as sent (no automatic decoding). */
export function request(url: string, options: http.RequestOptions & { body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.body ? 'POST' : 'GET', agent: false, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
