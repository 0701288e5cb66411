import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { streamedJson, toJson } from '../../src/analyze/document.js';
import { analyzeInParallel, mergeParts, partsOf, threadsFor } from '../../src/analyze/parallel.js';
import type { Finding } from '../../src/model/finding.js';
import type { RawExchange } from '../../src/model/exchange.js';
import { JsonWriter, renderJson } from '../../src/render/json.js';
import { RENDERERS } from '../../src/render/index.js';
import { openStore } from '../../src/store/store.js';
import { generateFlows } from '../../bench/flows.js';
import { ingestRaw, join, post, tempDir } from '../helpers/flow.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = tempDir('authtrail-parallel-');
const path = join(dir, 'evidence.db');
let expected = '';

beforeAll(async () => {
  const store = openStore(path);
  // Three captures of interleaved groups (flows rotating over 7 and 3 groups), a user whose login is not
  // ASCII (bytes cut between parts and spill reads), and an exchange no protocol reads (the unread tally).
  await ingestRaw(store, [...generateFlows(40, 3, 7)], 'har');
  const login = 'zoë.ørsted@example.org';
  await ingestRaw(store, [
    ...generateFlows(20, 2, 3, 40),
    { ...post('/api/v1/authn', { username: login, password: 'hunter2' }, 200, { status: 'SUCCESS', sessionToken: '20111abcdefghijklmnop', _embedded: { user: { id: '00uZOE', profile: { login } } } }), group: 'g9' },
    { ...post('/api/v1/users/00u1/factors', {}, 200, {}), group: 'g1' } as RawExchange,
  ], 'har');
  await ingestRaw(store, [...generateFlows(9, 4, 2, 60)], 'har');
  expected = renderJson(toJson(analyze(store.exchanges(), store.captures())));
  store.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The document as the parallel analysis writes it, through the bytes path or the text path. */
async function parallel(threads: number, spillAt: number, bytes: boolean, compressedAt?: number): Promise<string> {
  const store = openStore(path);
  try {
    const captures = store.captures();
    const chunks: Buffer[] = [];
    const text = (t: string) => chunks.push(Buffer.from(t));
    const writer = new JsonWriter(text, spillAt, bytes ? (b) => chunks.push(Buffer.from(b)) : undefined, compressedAt);
    const result = await analyzeInParallel(path, store.units(captures.map((c) => c.id)), captures, {}, threads, (b) => writer.transactionsBytes(b));
    writer.end(streamedJson(result));
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    store.close();
  }
}

describe('the parallel analysis', () => {
  it('writes the bytes the analysis in memory writes, on 2 and 3 threads, through bytes or text, spilled or not', async () => {
    const doc = JSON.parse(expected);
    expect(doc.transactions.length).toBeGreaterThan(60);
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.unanalyzed.count).toBe(1);
    expect(expected).toContain('zoë.ørsted');
    // Ids are numbered across parts: the last transaction of each capture carries its count.
    expect(doc.transactions.at(-1).id).toMatch(/^3\.\d+$/);
    // Compressed runs kept in memory (the default bound), or in the file from the first (0) or after a few (3000).
    for (const [threads, spillAt, bytes, compressedAt] of [[2, 1e9, true, undefined], [2, 300, false, undefined], [3, 1, true, 0], [3, 700, false, 3000], [2, 700, true, 3000]] as const) {
      expect(await parallel(threads, spillAt, bytes, compressedAt), `${threads} threads, spill at ${spillAt}, ${bytes ? 'bytes' : 'text'}, file at ${compressedAt}`).toBe(expected);
    }
  }, 120_000);

  it('cuts the units into several parts, whole units each, in order', () => {
    const store = openStore(path);
    const { units } = store.units(store.captures().map((c) => c.id));
    store.close();
    const parts = partsOf(units, 2);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.flat()).toEqual(units);
  });

  it('runs on two threads from 200,000 exchanges on two cores or more unless told, on one below, always one in memory', () => {
    expect(threadsFor(undefined, 'x.db')).toBe(1);
    expect(threadsFor(undefined, 'x.db', 199_999, 8)).toBe(1);
    expect(threadsFor(undefined, 'x.db', 200_000, 8)).toBe(2);
    expect(threadsFor(undefined, 'x.db', 1_000_000, 1)).toBe(1);
    expect(threadsFor(undefined, ':memory:', 1_000_000, 8)).toBe(1);
    expect(threadsFor(1, 'x.db', 1_000_000, 8)).toBe(1);
    expect(threadsFor(3, ':memory:')).toBe(1);
    expect(threadsFor(3, 'x.db')).toBe(3);
  });

  it('authtrail analyze --threads 1, 2 and 3 print the same document', () => {
    const outputs = [1, 2, 3].map((threads) => {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'authtrail.js'), 'analyze', '--db', path, '--format', 'json', '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return run.stdout;
    });
    expect(outputs[0]).toBe(expected);
    expect(outputs[1]).toBe(expected);
    expect(outputs[2]).toBe(expected);
  }, 120_000);

  it('every format people read prints from the database, on 1 and 2 threads, what it prints from the analysis in memory', () => {
    const store = openStore(path);
    const analysis = toJson(analyze(store.exchanges(), store.captures()));
    store.close();
    // The time of writing is the only thing that may differ between two runs.
    const now = (text: string) => text.split('\n').map((l) => (/generated/i.test(l) ? l.replace(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?(\.\d+)?Z?/g, 'NOW') : l)).join('\n');
    for (const format of ['table', 'markdown', 'jira', 'html', 'mermaid']) {
      const inMemory = now(RENDERERS[format]!(analysis, { width: 100 }));
      for (const threads of [1, 2]) {
        const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'authtrail.js'), 'analyze', '--db', path, '--format', format, '--threads', String(threads)], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, COLUMNS: '100' } });
        expect(run.stderr, `${format}, ${threads} threads`).toBe('');
        expect(run.status, `${format}, ${threads} threads`).toBe(0);
        expect(now(run.stdout), `${format}, ${threads} threads`).toBe(`${inMemory}\n`.replace(/\n\n$/, '\n'));
      }
    }
  }, 120_000);

  it('refuses a --threads that is not a whole number from 1 to 64, in one line, exit 2', () => {
    for (const bad of ['0', 'two', '1.5', '65']) {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'authtrail.js'), 'analyze', '--db', path, '--format', 'json', '--threads', bad], { encoding: 'utf8' });
      expect(run.status, bad).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('--threads');
      expect(run.stdout).toBe('');
    }
  }, 60_000);

  it('stops quietly when the reader of stdout goes away mid-document, leaving no temporary file', async () => {
    // Large enough that the transactions spill to a temporary file before the document is written.
    const big = join(dir, 'big.db');
    const store = openStore(big);
    await ingestRaw(store, [...generateFlows(1500, 3, 20)], 'har');
    store.close();
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'authtrail.js'), 'analyze', '--db', big, '--format', 'json', '--threads', '2'], { env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let first = '';
    // `| head -c 200`: read the first bytes, then close the pipe.
    child.stdout.once('data', (d) => {
      first = String(d).slice(0, 200);
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toContain('"schemaVersion": 1');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(tmp).filter((name) => name.startsWith('authtrail-'))).toEqual([]);
  }, 120_000);
});

describe('merging the parts of an analysis', () => {
  const finding = (rule: string, transaction: string | null, step: number | null): Finding => ({ rule, severity: 'low', transaction, step, messageId: 'm', message: `${rule} ${transaction} ${step}`, evidence: {}, docs: '' });
  const placed = (f: Finding, tx: number, i: number, phase = 0) => ({ finding: f, tx, i, phase });

  it('places findings by transaction across parts, those without a transaction first', () => {
    const a = finding('a', '1.1', 2);
    const b = finding('b', '1.3', 1);
    const c = finding('c', null, null);
    const { findings, ruleErrors } = mergeParts([
      { transactions: 2, placed: [placed(a, 0, 0)], visitErrors: [], endErrors: [] },
      { transactions: 2, placed: [placed(b, 0, 0), placed(c, -1, 1)], visitErrors: [], endErrors: [] },
    ]);
    expect(findings.map((f) => f.rule)).toEqual(['c', 'a', 'b']);
    expect(ruleErrors).toEqual([]);
  });

  it('stops a rule that failed in one part: nothing from it in later parts, and nothing from its end', () => {
    const early = finding('broken', '1.1', 1);
    const endEarly = finding('broken', '1.1', 1);
    const later = finding('broken', '1.3', 1);
    const other = finding('fine', '1.3', 1);
    const { findings, ruleErrors } = mergeParts([
      { transactions: 2, placed: [placed(early, 0, 0), placed(endEarly, 0, 1, 2)], visitErrors: [], endErrors: [] },
      { transactions: 1, placed: [], visitErrors: [{ rule: 'broken', message: 'boom' }], endErrors: [] },
      { transactions: 1, placed: [placed(later, 0, 0), placed(other, 0, 1)], visitErrors: [{ rule: 'broken', message: 'boom again' }], endErrors: [] },
    ]);
    expect(findings).toEqual([early, other]);
    expect(ruleErrors).toEqual([{ rule: 'broken', message: 'boom' }]);
  });

  it('keeps what a rule ended with before its end failed, and names the failure after every visit failure', () => {
    const kept = finding('ends', '1.1', 1);
    const dropped = finding('ends', '1.2', 1);
    const { findings, ruleErrors } = mergeParts([
      { transactions: 1, placed: [placed(kept, 0, 0, 2)], visitErrors: [], endErrors: [{ rule: 'ends', message: 'end broke' }] },
      { transactions: 1, placed: [placed(dropped, 0, 0, 2)], visitErrors: [{ rule: 'visits', message: 'visit broke' }], endErrors: [] },
    ]);
    expect(findings).toEqual([kept]);
    expect(ruleErrors.map((e) => e.rule)).toEqual(['visits', 'ends']);
  });
});
