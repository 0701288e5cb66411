import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { analyzeJson, runCli } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'har', 'playwright.har');
const work = mkdtempSync(join(tmpdir(), 'authtrail-har-errors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function file(name: string, text: string): string {
  const path = join(work, `${n++}-${name}`);
  writeFileSync(path, text);
  return path;
}

/** Imports one file into a fresh database; returns the run and how many captures the database holds after. */
async function importOne(path: string, ...flags: string[]) {
  const db = join(work, `db-${n++}.sqlite`);
  const run = await runCli('import', path, '--db', db, ...flags);
  let captures = 0;
  if (existsSync(db)) {
    const store = openStore(db);
    captures = store.captures().length;
    store.close();
  }
  return { ...run, captures, db };
}

describe('bad HAR input: one clear line, exit 2, nothing kept', () => {
  it.each([
    ['not JSON', 'login.har', 'this is not json at all', /login\.har: not JSON, so not a HAR file/],
    ['JSON that is not HAR', 'data.json', '{"results": [1, 2, 3]}', /data\.json: JSON but not a HAR file \(no "log.entries" array\)/],
    ['a top-level array', 'list.har', '[{"log": {}}]', /list\.har: JSON but not a HAR file \(the top level is not an object\)/],
    ['log.entries not an array', 'odd.har', '{"log": {"version": "1.2", "entries": {}}}', /odd\.har: JSON but not a HAR file \("log.entries" is not an array\)/],
    ['an unsupported version', 'v3.har', '{"log": {"version": "3.0", "creator": {"name": "x", "version": "1"}, "entries": []}}', /v3\.har: HAR version "3.0" is not supported/],
  ])('%s', async (_what, name, text, message) => {
    const run = await importOne(file(name, text));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.captures).toBe(0);
  });

  it('a version given after the entries is still checked, and nothing of the entries is kept', async () => {
    const har = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const text = JSON.stringify({ log: { entries: har.log.entries, version: '0.9' } });
    const run = await importOne(file('late-version.har', text));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/HAR version "0.9" is not supported/);
    expect(run.captures).toBe(0);
  });

  it('a truncated file is refused with how many entries were read, and kept only with --partial', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const cut = text.indexOf('"url": "https://dev-123456.okta.com/api/v1/authn/credentials/reset_password"');
    const path = file('cut.har', text.slice(0, cut));
    const refused = await importOne(path);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/cut\.har: truncated after 4 entries; rerun with --partial to keep them$/);
    expect(refused.captures).toBe(0);

    const kept = await importOne(path, '--partial');
    expect(kept.code).toBe(0);
    expect(kept.stderr).toMatch(/warning: .*cut\.har#entries\[4\]: file truncated or damaged after 4 entries/);
    expect(kept.stderr).toMatch(/capture 1: 3 Okta exchanges/);
    const store = openStore(kept.db);
    expect(store.exchanges().map((e) => new URL(e.url).pathname)).toEqual([
      '/api/v1/authn/recovery/password', '/api/v1/authn/recovery/token', '/api/v1/authn/recovery/answer',
    ]);
    store.close();

    // The verdict says the evidence is cut short, and does not clear Okta on what was never read.
    const { json } = await analyzeJson('--db', kept.db);
    expect(json.captures[0].incomplete).toMatch(/cut\.har is cut short after 4 entries \(read with --partial\)/);
    expect(json.verdict.evidence[0].text).toBe(json.captures[0].incomplete);
    expect(json.verdict.answer).toMatch(/the evidence is cut short \(a file read with --partial\)/);
    expect(json.verdict.answer).not.toMatch(/not an Okta bug/);
  });
});

describe('tolerated HAR quirks', () => {
  it('an undecodable body is kept as received and marked, the rest of the entry imported', async () => {
    const har = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const entry = har.log.entries.find((e: any) => e.request.url.endsWith('/recovery/answer'));
    entry.response.content = { size: 4, mimeType: 'application/json', encoding: 'base64', text: Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64') };
    const { json } = await analyzeJson(file('binary.har', JSON.stringify(har)), '--db', ':memory:');
    const step = json.transactions.flatMap((t: any) => t.steps).find((s: any) => s.operation === 'recovery.answer');
    expect(step).toBeDefined();
    const db = await importOne(file('binary2.har', JSON.stringify(har)));
    const store = openStore(db.db);
    const stored = store.exchanges().find((e) => e.url.endsWith('/recovery/answer'))!;
    store.close();
    expect(stored.notes).toEqual(['response body undecodable (binary, not UTF-8), kept as base64']);
    expect(stored.responseBody).toBe('//4AgQ==');
  });

  it('only --include paths become exchanges; the others are counted', async () => {
    const run = await importOne(FIXTURE, '--include', '/api/v1/authn/factors/**');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/capture 1: 2 Okta exchanges from .*playwright\.har \(9 entries, 7 outside --include, of which 5 to the Okta org, not analyzed: \/api\/v1\/authn\/cancel ×1, .*, 2 more\)/);
  });
});
