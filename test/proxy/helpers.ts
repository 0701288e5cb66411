import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/store.js';
import { startRecorder, type Recorder, type RecorderOptions } from '../../src/record/recorder.js';
import type { LiveLine } from '../../src/analyze/live.js';

/** A temp dir with a real SQLite file, removed by cleanup(). */
export function tempDb(): { dir: string; path: string; store: Store; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-proxy-'));
  const path = join(dir, 'capture.db');
  const store = openStore(path);
  return { dir, path, store, cleanup: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Starts a recorder writing to `db` (its own connection, in the recording worker). */
export async function recordInto(db: string, options: Partial<RecorderOptions>): Promise<{ recorder: Recorder; lines: LiveLine[] }> {
  const lines: LiveLine[] = [];
  const recorder = await startRecorder({
    db,
    mode: 'reverse',
    host: '127.0.0.1',
    port: 0,
    onLine: (line) => lines.push(line),
    ...options,
  });
  return { recorder, lines };
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
