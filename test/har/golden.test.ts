import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../../src/sources/index.js';
import { recordedSecrets } from './secrets.js';
import { importHarSummary } from './summary.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'har');
const work = mkdtempSync(join(tmpdir(), 'authtrail-har-golden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const producers = readdirSync(DIR).filter((f) => f.endsWith('.golden.json')).map((f) => f.replace('.golden.json', ''));

describe('HAR import golden files (regenerate: npx tsx scripts/regen-har-fixtures.ts)', () => {
  it('covers at least four producers, two real recordings (Playwright recordHar, DevTools protocol) among them', () => {
    expect(producers).toEqual(expect.arrayContaining(['playwright', 'chrome-cdp', 'chrome', 'firefox', 'mitmproxy', 'charles', 'fiddler']));
  });

  it.each(producers)('%s.har imports as its golden file says, with no clear secret in the database', async (name) => {
    const db = join(work, `${name}.db`);
    const summary = await importHarSummary(join(DIR, `${name}.har`), db, `${name}.har`);
    expect(summary).toEqual(JSON.parse(readFileSync(join(DIR, `${name}.golden.json`), 'utf8')));
    const stored = Buffer.concat(['', '-wal'].map((s) => { try { return readFileSync(db + s); } catch { return Buffer.alloc(0); } }));
    for (const secret of recordedSecrets(name === 'chrome-cdp' ? 'chrome-cdp.har' : 'playwright.har')) {
      expect(stored.includes(secret), `${name}: ${secret} stored in clear`).toBe(false);
    }
  });

  it.each(producers)('%s.har is detected as HAR by the shared format detection', async (name) => {
    const source = await openSource(join(DIR, `${name}.har`));
    expect(source.kind).toBe('har');
  });
});
