import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { openHarSource } from '../../src/sources/har/source.js';
import { sanitizeHarChunks } from '../../src/sanitize/har.js';
import { Tally } from '../../src/sanitize/tally.js';
import { Redactor } from '../../src/redact/redactor.js';
import type { RawExchange } from '../../src/model/exchange.js';
import { recordedSecrets } from './secrets.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'har', 'playwright.har');
const work = mkdtempSync(join(tmpdir(), 'authtrail-har-encodings-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const key = join(work, 'sanitize.key');

type Har = { log: { version: string; entries: any[] } };
const fixture = (): Har => JSON.parse(readFileSync(FIXTURE, 'utf8'));
let n = 0;
function write(name: string, har: Har | string): string {
  const path = join(work, `${n++}-${name}`);
  writeFileSync(path, typeof har === 'string' ? har : JSON.stringify(har, null, 2));
  return path;
}

const CODERS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;
const DECODERS = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync } as const;
type Coding = keyof typeof CODERS;

/** Saves every JSON response body as Proxyman does: the wire bytes (compressed), base64, under Content-Encoding. */
function compressed(coding: (i: number) => Coding | 'gzip-no-header'): Har {
  const har = fixture();
  har.log.entries.forEach((e, i) => {
    const c = e.response.content;
    if (typeof c.text !== 'string' || c.text === '') return;
    const how = coding(i);
    const algo = how === 'gzip-no-header' ? 'gzip' : how;
    c.text = CODERS[algo](Buffer.from(c.text, 'utf8')).toString('base64');
    c.encoding = 'base64';
    e.response.headers = e.response.headers.filter((h: any) => h.name.toLowerCase() !== 'content-encoding');
    if (how !== 'gzip-no-header') e.response.headers.push({ name: 'Content-Encoding', value: how });
  });
  return har;
}

/** The file's bytes plus every base64 body decoded and decompressed: a secret hidden in gzip is still a secret. */
function allText(path: string): string {
  const har = JSON.parse(readFileSync(path, 'utf8')) as Har;
  const out = [readFileSync(path, 'utf8')];
  for (const e of har.log.entries) {
    const c = e.response.content;
    if (c.encoding !== 'base64') continue;
    const bytes = Buffer.from(c.text, 'base64');
    out.push(bytes.toString('utf8'));
    for (const decode of Object.values(DECODERS)) {
      try {
        out.push(decode(bytes).toString('utf8'));
      } catch {
        // Not this coding.
      }
    }
  }
  return out.join('\n');
}

/** What analysis made of each step: enough to tell a flow read from one whose answers were not seen. */
const stepsOf = (json: any) => json.transactions.map((t: any) => [t.outcome, t.steps.map((s: any) => `${s.operation}:${s.statusBefore}->${s.statusAfter}`)]);

describe('compressed base64 bodies (Proxyman: gzip, deflate, br as received)', () => {
  const mixed = (i: number): Coding | 'gzip-no-header' => (['gzip', 'deflate', 'br', 'gzip-no-header'] as const)[i % 4];

  it('are decoded on import: the analysis is that of the plain recording', async () => {
    const plain = await analyzeJson(FIXTURE, '--db', ':memory:');
    const coded = await analyzeJson(write('coded.har', compressed(mixed)), '--db', ':memory:');
    expect(stepsOf(coded.json)).toEqual(stepsOf(plain.json));
    expect(coded.json.transactions[0].outcome).toBe('SUCCESS');
    expect(coded.stderr).not.toMatch(/warning/);
  });

  it('are masked by sanitize: no secret left in the bytes or inside any body, and --check says so', async () => {
    const input = write('coded-sanitize.har', compressed(mixed));
    const before = await runCli('sanitize', '--check', input);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/entries\[1\] response\.body recoveryToken/);
    expect(before.stdout).toMatch(/entries\[3\] response\.body stateToken/);
    expect(before.stdout).toMatch(/entries\[6\] response\.body sessionToken/);

    const out = join(work, 'coded.safe.har');
    const run = await runCli('sanitize', input, '-o', out, '--key', key);
    expect(run.code, run.stderr).toBe(0);
    const text = allText(out);
    for (const secret of recordedSecrets()) expect(text.includes(secret), `${secret} left in the sanitized file`).toBe(false);
    const check = await runCli('sanitize', '--check', out);
    expect(check.code, check.stdout).toBe(0);

    // Stored as it came, masked: base64 of the body compressed again with its own coding; the copy analyzes as the original.
    const entries = (JSON.parse(readFileSync(out, 'utf8')) as Har).log.entries;
    for (const [i, coding, status] of [[1, 'deflate', 'RECOVERY'], [2, 'br', 'RECOVERY'], [3, 'gzip', 'PASSWORD_RESET']] as const) {
      const content = entries[i].response.content;
      expect(content.encoding).toBe('base64');
      // Entry 3's gzip has no header (found by its magic number), and none is added.
      expect(entries[i].response.headers.find((h: any) => h.name === 'Content-Encoding')?.value).toBe(i === 3 ? undefined : coding);
      expect(JSON.parse(DECODERS[coding](Buffer.from(content.text, 'base64')).toString('utf8')).status).toBe(status);
      expect(content.comment).toBeUndefined();
    }
    const safe = await analyzeJson(out, '--db', ':memory:');
    expect(stepsOf(safe.json)).toEqual(stepsOf((await analyzeJson(FIXTURE, '--db', ':memory:')).json));
  });

  it('a body that claims gzip and does not decode is named, removed by sanitize, and never passed as clean', async () => {
    const har = compressed(() => 'gzip');
    const bad = har.log.entries[6].response.content;
    const bytes = Buffer.from(bad.text, 'base64');
    bad.text = Buffer.concat([bytes.subarray(0, 12), Buffer.alloc(40, 0xa5)]).toString('base64');
    const input = write('bad-gzip.har', har);

    const check = await runCli('sanitize', '--check', input);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/entries\[6\] response\.body undecodable body \(gzip that does not decode\)/);

    const out = join(work, 'bad-gzip.safe.har');
    const run = await runCli('sanitize', input, '-o', out, '--key', key);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\s+undecodable body\s+1$/m);
    const content = (JSON.parse(readFileSync(out, 'utf8')) as Har).log.entries[6].response.content;
    expect(content.text).toBe('');
    expect(content.comment).toMatch(/could not be checked for secrets/);
    expect(readFileSync(out, 'utf8').includes(bad.text)).toBe(false);

    const imported = await runCli('import', input, '--db', join(work, 'bad-gzip.db'));
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/warning: .*bad-gzip\.har#entries\[6\]: response body is gzip that does not decode/);
  });
});

/** Every exchange a HAR source yields, without the file-specific reference. */
async function rawExchanges(path: string): Promise<{ exchanges: Omit<RawExchange, 'sourceRef'>[]; warnings: string[] }> {
  const source = await openHarSource(path);
  const exchanges: Omit<RawExchange, 'sourceRef'>[] = [];
  for await (const { sourceRef: _ref, ...rest } of source.exchanges as AsyncIterable<RawExchange>) exchanges.push(rest);
  return { exchanges, warnings: source.report.warnings.map((w) => `${w.ref}: ${w.message}`) };
}

async function sanitized(path: string): Promise<{ text: string; total: number }> {
  const tally = new Tally();
  let text = '';
  for await (const chunk of sanitizeHarChunks(path, path, new Redactor(Buffer.alloc(32, 7)), tally)) text += chunk;
  return { text, total: tally.total };
}

describe('UTF-16 HAR files (byte-order mark first, or told by their NUL bytes)', () => {
  const utf8 = readFileSync(FIXTURE, 'utf8');
  const bomLE = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
  const bomBE = Buffer.from(bomLE);
  bomBE.swap16();
  const bareLE = Buffer.from(utf8, 'utf16le');

  it.each([
    ['UTF-16LE', bomLE],
    ['UTF-16BE', bomBE],
    ['UTF-16LE-without-BOM', bareLE],
  ])('%s is read as the UTF-8 file is, by the importer and by sanitize', async (name, bytes) => {
    const path = join(work, `${name}.har`);
    writeFileSync(path, bytes);
    const expected = await rawExchanges(FIXTURE);
    const got = await rawExchanges(path);
    expect(got.exchanges.length).toBe(expected.exchanges.length);
    expect(got.exchanges).toEqual(expected.exchanges);

    const clear = await sanitized(FIXTURE);
    const coded = await sanitized(path);
    expect(coded.total).toBe(clear.total);
    expect(coded.total).toBeGreaterThan(10);
    // The sanitized copy is UTF-8 JSON, identical to the one made from the UTF-8 file.
    expect(coded.text).toBe(clear.text);
  });

  it.each([
    ['UTF-16LE', bomLE],
    ['UTF-16BE', bomBE],
    ['UTF-16LE-without-BOM', bareLE],
  ])('%s through the CLI: analyze reads it (not "a binary file") and sanitize writes a clean UTF-8 copy', async (name, bytes) => {
    const path = join(work, `cli-${name}.har`);
    writeFileSync(path, bytes);
    const { json } = await analyzeJson(path, '--db', ':memory:');
    const { json: plain } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(json.transactions.flatMap((t: any) => t.steps).length).toBe(plain.transactions.flatMap((t: any) => t.steps).length);
    const out = join(work, `cli-${name}.safe.har`);
    const run = await runCli('sanitize', path, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).log.entries.length).toBeGreaterThan(0);
  });
});

describe('log.version and startedDateTime', () => {
  it('an empty log.version is HAR 1.1 (the spec\'s default) and imports', async () => {
    const har = fixture();
    har.log.version = '';
    const run = await runCli('import', write('version-empty.har', har), '--db', join(work, 'version.db'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/7 exchanges|imported|capture/);
    expect(run.stderr).not.toMatch(/not supported/);
  });

  it.each([
    ['empty', (e: any) => (e.startedDateTime = ''), /an empty startedDateTime/],
    ['missing', (e: any) => delete e.startedDateTime, /no startedDateTime/],
    ['Fiddler\'s zero date', (e: any) => (e.startedDateTime = '0001-01-01T00:00:00'), /startedDateTime "0001-01-01T00:00:00"/],
    ['not a date', (e: any) => (e.startedDateTime = 'yesterday'), /startedDateTime "yesterday"/],
  ])('%s: a warning names the entry, its time is unknown, the flow stays one transaction', async (_what, spoil, message) => {
    const har = fixture();
    spoil(har.log.entries[4]);
    const path = write('dates.har', har);
    const { json, stderr } = await analyzeJson(path, '--db', ':memory:');
    expect(stderr).toMatch(new RegExp(`warning: .*dates\\.har#entries\\[4\\]: ${message.source}.*start time is unknown`));
    expect(stepsOf(json)).toEqual(stepsOf((await analyzeJson(FIXTURE, '--db', ':memory:')).json));
    const step = json.transactions.flatMap((t: any) => t.steps).find((s: any) => s.sourceRef.endsWith('#entries[4]'));
    expect(step.startedAt).toBeNull();
  });

  it('many entries without a time: ten are named, the rest counted in one line', async () => {
    const har = fixture();
    const one = har.log.entries[1];
    har.log.entries = Array.from({ length: 14 }, () => ({ ...structuredClone(one), startedDateTime: '' }));
    const { warnings } = await rawExchanges(write('many-undated.har', har));
    expect(warnings.filter((w) => /#entries\[\d+\]: an empty startedDateTime/.test(w))).toHaveLength(10);
    expect(warnings).toContainEqual(expect.stringMatching(/4 more entries have no valid startedDateTime/));
  });
});
