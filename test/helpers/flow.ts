import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ingestSource } from '../../src/ingest/pipeline.js';
import { newReport } from '../../src/ingest/source.js';
import type { RawExchange, SourceKind } from '../../src/model/exchange.js';
import type { Store } from '../../src/store/store.js';

let counter = 0;

/** A POST to an authn path with JSON bodies: the compact form tests write exchanges in. */
export function post(path: string, requestBody: unknown, status: number | null, responseBody: unknown, extra: Partial<RawExchange> = {}): RawExchange {
  return {
    method: 'POST',
    url: path.startsWith('http') ? path : `https://dev-1.okta.com${path}`,
    requestHeaders: { 'content-type': 'application/json' },
    requestBody,
    responseStatus: status,
    responseHeaders: status === null ? {} : { 'content-type': 'application/json' },
    responseBody,
    transportError: null,
    startedAt: null,
    durationMs: null,
    sourceRef: `test:${++counter}`,
    group: 'g1',
    ...extra,
  };
}

/** Imports exchanges through the real pipeline as one capture; returns its id. */
export async function ingestRaw(store: Store, exchanges: RawExchange[], kind: SourceKind = 'transcript', raw = false): Promise<number> {
  const hash = createHash('sha256').update(JSON.stringify(exchanges)).update(String(++counter)).digest('hex');
  const report = newReport('steps');
  const result = await ingestSource(store, { kind, file: 'test', contentHash: hash, exchanges, report }, { raw });
  return result.captureId;
}

export function tempDir(prefix = 'authtrail-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export { join };
