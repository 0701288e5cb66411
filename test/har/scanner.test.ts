import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestSource } from '../../src/ingest/pipeline.js';
import { openHarSource } from '../../src/sources/har/index.js';
import { openStore } from '../../src/store/store.js';
import { HarScanner } from '../../src/sources/har/scanner.js';
import { JsonSyntaxError, NotHarError } from '../../src/sources/har/errors.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'har');
const work = mkdtempSync(join(tmpdir(), 'authtrail-har-scanner-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Scans `bytes` cut at `cuts`; returns what the scanner handed on, in order. */
function scan(bytes: Buffer, cuts: number[], keep?: (url: string) => boolean) {
  const scanner = new HarScanner(keep);
  const seen: { index: number; entry?: unknown }[] = [];
  const handler = { entry: (entry: unknown, index: number) => seen.push({ index, entry }), skipped: (index: number) => seen.push({ index }) };
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    scanner.push(bytes.subarray(from, cut), handler);
    from = cut;
  }
  scanner.end();
  return { seen, meta: scanner.meta };
}

/** Cut points every `size` bytes. */
const every = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.length / size) - 1 }, (_, i) => (i + 1) * size);

const entry = (url: string, text: string, extra: object = {}) => ({
  startedDateTime: '2026-11-29T18:27:06.344Z',
  time: 12.5,
  request: { method: 'POST', url, headers: [{ name: 'Content-Type', value: 'application/json' }], postData: { mimeType: 'application/json', text: '{"username":"m\\"ary"}' } },
  response: { status: 200, headers: [], content: { size: text.length, mimeType: 'application/json', text, ...extra } },
});
const AUTHN = 'https://dev-123456.okta.com/api/v1/authn';

/** Strings that break naive scanners: escaped quotes and backslash runs, unicode, escapes of structure. */
const TRICKY = [
  '{"status":"MFA_REQUIRED","stateToken":"00a\\"b"}',
  'ends with a backslash \\',
  'two \\\\ and three \\\\\\" backslashes "quoted" {not [structure]}',
  'unicode: Grüße, 東京, emoji 🔐, \u2028 line separator, \u0000 nul',
  '"',
  '\\',
];

describe('HAR byte scanner', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.har'));
  it.each(fixtures)('%s: the same entries as JSON.parse, whatever the chunk size', (name) => {
    const bytes = readFileSync(join(FIXTURES, name));
    const har = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    for (const size of [1, 7, 4093, bytes.length]) {
      const { seen, meta } = scan(bytes, every(bytes, size));
      expect(seen.map((s) => s.entry)).toEqual(har.log.entries);
      expect(meta.version).toBe(har.log.version ?? null);
      expect(meta.creator).toEqual(har.log.creator ?? null);
    }
  });

  it('entries split at every byte boundary, with escapes, unicode and base64 bodies, come out whole', () => {
    const entries = [
      ...TRICKY.map((t) => entry(AUTHN, t)),
      entry(`${AUTHN}/factors/x/verify`, Buffer.from('{"status":"SUCCESS"}').toString('base64'), { encoding: 'base64' }),
    ];
    const har = { log: { version: '1.2', creator: { name: 'te"st\\', version: '1' }, entries } };
    const bytes = Buffer.from(`\uFEFF${JSON.stringify(har, null, 1)}`);
    for (let cut = 1; cut < bytes.length; cut++) {
      const { seen, meta } = scan(bytes, [cut]);
      expect(seen.map((s) => s.entry)).toEqual(entries);
      expect(meta.creator).toEqual(har.log.creator);
    }
  });

  it('entries outside --include are skipped by their URL, even when it is escaped or comes after the body', () => {
    const asset = entry('https:\\/\\/cdn.example.com\\/app.js', 'x'.repeat(3 * 2 ** 20));
    const late = { response: { status: 200, content: { text: 'y'.repeat(1e5) } }, request: { url: 'https://cdn.example.com/late.css' } };
    const escapedKey = entry('https://dev-123456.okta.com/api/v1/authn', '{}');
    const text = JSON.stringify({ log: { entries: [asset, late, escapedKey, entry(AUTHN, '{"a":1}')] } })
      .replace('"url":"https:\\\\/', '"url":"https:/')
      .replace(/\\\\\//g, '\\/')
      .replace('"url":"https://dev-123456.okta.com/api/v1/authn"', '"\\u0075rl":"https:\\/\\/dev-123456.okta.com\\/api\\/v1\\/authn"');
    const bytes = Buffer.from(text);
    const parsed = JSON.parse(text).log.entries;
    const urls: string[] = [];
    const keep = (url: string) => (urls.push(url), url.includes('/api/v1/authn'));
    for (const size of [4093, 65536, 2 ** 20, bytes.length]) {
      urls.length = 0;
      const { seen } = scan(bytes, every(bytes, size), keep);
      expect(seen).toEqual([{ index: 0 }, { index: 1 }, { index: 2, entry: parsed[2] }, { index: 3, entry: parsed[3] }]);
      expect(urls).toEqual(['https://cdn.example.com/app.js', 'https://cdn.example.com/late.css', AUTHN, AUTHN]);
    }
  });

  it('keys in any order and nested look-alikes: log.version after the entries, "entries" and "url" elsewhere', () => {
    const har = {
      pages: [{ entries: [{ request: { url: 'not an entry' } }] }],
      log: { pages: [{ log: { entries: [1] } }], entries: [{ response: { request: { url: 'nested' } }, request: { headers: [{ name: 'url', value: 'x' }], url: AUTHN } }, 7, 'text', null], version: 1.2 },
    };
    const bytes = Buffer.from(JSON.stringify(har, null, 2));
    const urls: string[] = [];
    const { seen, meta } = scan(bytes, every(bytes, 5), (url) => (urls.push(url), true));
    expect(seen.map((s) => s.entry)).toEqual(har.log.entries);
    expect(urls).toEqual([AUTHN]);
    expect(meta).toMatchObject({ version: '1.2', sawLog: true, sawEntries: true });
  });

  it.each([
    ['truncated in a string', '{"log":{"entries":[{"request":{"url":"htt', JsonSyntaxError, 0],
    ['truncated between entries', '{"log":{"entries":[{"a":1},', JsonSyntaxError, 1],
    ['a damaged kept entry', '{"log":{"entries":[{"a":1},{"a":tru}]}}', JsonSyntaxError, 1],
    ['a closing bracket that does not match', '{"log":{"entries":[{"a":1}}]}', JsonSyntaxError, 1],
    ['text after the document', '{"log":{"entries":[]}} {"log":{}}', JsonSyntaxError, 0],
    ['not JSON', 'hello there', JsonSyntaxError, 0],
    ['a top-level array', '[{"log":{}}]', NotHarError, 0],
    ['log not an object', '{"log":[]}', NotHarError, 0],
    ['entries not an array', '{"log":{"entries":{}}}', NotHarError, 0],
  ])('%s is refused, after the entries before it', (_what, text, kind, entriesBefore) => {
    const scanner = new HarScanner();
    let n = 0;
    const run = () => {
      scanner.push(Buffer.from(text), { entry: () => n++, skipped: () => n++ });
      scanner.end();
    };
    expect(run).toThrow(kind);
    expect(n).toBe(entriesBefore);
  });
});

describe('HAR source on the scanner', () => {
  it('hashes the file in its one pass and counts the skipped entries as outside --include', async () => {
    const entries = [entry(AUTHN, '{"status":"MFA_REQUIRED"}'), entry('https://dev-123456.okta.com/assets/app.js', 'z'.repeat(2 ** 21)), entry(`${AUTHN}/cancel`, '{}')];
    const text = JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries } }, null, 2);
    const path = join(work, 'three.har');
    writeFileSync(path, text);
    const source = await openHarSource(path);
    const urls: string[] = [];
    for await (const raw of source.exchanges) urls.push(raw.url);
    expect(urls).toEqual([AUTHN, `${AUTHN}/cancel`]);
    expect(source.report).toMatchObject({ found: 3, imported: 2, outside: 1, bytesRead: Buffer.byteLength(text) });
    expect(source.hashAfterRead?.()).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('a HAR imported twice is found a duplicate by the hash of that pass, and nothing of the second import is kept', async () => {
    const path = join(work, 'twice.har');
    writeFileSync(path, JSON.stringify({ log: { version: '1.2', entries: [entry(AUTHN, '{"status":"MFA_REQUIRED"}')] } }));
    const store = openStore(join(work, 'twice.db'));
    try {
      const first = await ingestSource(store, await openHarSource(path));
      const second = await ingestSource(store, await openHarSource(path));
      expect(first).toMatchObject({ exchanges: 1, duplicateOf: null });
      expect(second).toEqual({ captureId: first.captureId, exchanges: 1, events: 0, duplicateOf: first.captureId });
      expect(store.captures()).toHaveLength(1);
      const forced = await ingestSource(store, await openHarSource(path), { force: true });
      expect(forced.duplicateOf).toBeNull();
      expect(store.captures()).toHaveLength(2);
    } finally {
      store.close();
    }
  });
});
