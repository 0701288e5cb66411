import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, analyzeUnits } from '../../src/analyze/index.js';
import { streamedJson, toJson, transactionJson } from '../../src/analyze/document.js';
import type { RawExchange } from '../../src/model/exchange.js';
import { JsonWriter, renderJson } from '../../src/render/json.js';
import { openStore } from '../../src/store/store.js';
import { generateFlows } from '../../bench/flows.js';
import { ingestRaw, join, post, tempDir } from '../helpers/flow.js';

const dir = tempDir('authtrail-stream-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The document streamed unit by unit, as `analyze --format json` writes it, with a small threshold for
 * compressing what waits (`spillAt`) and for putting the compressed runs in a file (`compressedAt`).
 */
function streamed(path: string, spillAt: number, compressedAt?: number): string {
  const store = openStore(path);
  try {
    const captures = store.captures();
    let out = '';
    const writer = new JsonWriter((text) => (out += text), spillAt, undefined, compressedAt);
    const result = analyzeUnits(store.groups(captures.map((c) => c.id)), captures, {}, (transactions) => writer.transactions(transactions.map(transactionJson)));
    writer.end(streamedJson(result));
    return out;
  } finally {
    store.close();
  }
}

describe('the streamed analysis', () => {
  it('writes the same bytes as the analysis held in memory, for interleaved groups', async () => {
    const path = join(dir, 'interleaved.db');
    const store = openStore(path);
    // Flows rotating over 7 groups, so every group's rows interleave with the others'; a second capture; and
    // an exchange no protocol reads, for the unanalyzed count.
    await ingestRaw(store, [...generateFlows(40, 3, 7)], 'har');
    await ingestRaw(store, [...generateFlows(20, 2, 3, 40), { ...post('/api/v1/users/00u1/factors', {}, 200, {}), group: 'g1' } as RawExchange], 'har');
    const captures = store.captures();
    const expected = renderJson(toJson(analyze(store.exchanges(), captures)));
    store.close();
    expect(JSON.parse(expected).findings.length).toBeGreaterThan(0);
    expect(JSON.parse(expected).unanalyzed.count).toBe(1);
    // As they came; compressed in memory; compressed into the file from the first run; some runs in memory, the rest in the file.
    for (const [spillAt, compressedAt] of [[1e9, undefined], [1, undefined], [500, undefined], [1, 0], [500, 0], [500, 2000]] as const) {
      expect(streamed(path, spillAt, compressedAt), `spill at ${spillAt}, file at ${compressedAt}`).toBe(expected);
    }
  });

  it('writes an empty analysis as renderJson does', () => {
    const path = join(dir, 'empty.db');
    openStore(path).close();
    const store = openStore(path);
    const expected = renderJson(toJson(analyze([], [])));
    store.close();
    expect(streamed(path, 10)).toBe(expected);
  });
});
