import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { comparableAnalysis } from './analysis.js';
import { harValidator } from './schema.js';
import { recordedSecrets } from './secrets.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'har');
const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'okta-devforum-recovery-mfa.md');
const work = mkdtempSync(join(tmpdir(), 'authtrail-har-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function exportCapture(db: string, capture: number, name: string) {
  const out = join(work, name);
  const run = await runCli('export', 'har', '--capture', String(capture), '-o', out, '--db', db);
  return { ...run, out };
}

describe('authtrail export har', () => {
  const db = join(work, 'export.db');

  it('writes HAR 1.2 that validates against the HAR schema, mode 0600, redacted', async () => {
    expect((await runCli('import', SAMPLE, join(FIXTURES, 'chrome.har'), join(FIXTURES, 'playwright.har'), '--db', db)).code).toBe(0);
    const validate = harValidator();
    for (const capture of [1, 2, 3]) {
      const run = await exportCapture(db, capture, `capture-${capture}.har`);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`capture ${capture}: \\d+ exchanges written to .*capture-${capture}\\.har \\(\\d+ bytes, redacted\\)`));
      const har = JSON.parse(readFileSync(run.out, 'utf8'));
      expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
      expect(har.log.creator.name).toBe('authtrail');
      expect(statSync(run.out).mode & 0o777).toBe(0o600);
      expect((await runCli('sanitize', '--check', run.out)).code, `capture ${capture}: export not clean`).toBe(0);
    }
    const exported = readFileSync(join(work, 'capture-3.har'), 'utf8');
    for (const secret of recordedSecrets()) expect(exported.includes(secret), `${secret} in export`).toBe(false);
  });

  it.each([
    ['the devforum transcript', 1],
    ['chrome.har (sanitized export, base64 body, aborted call)', 2],
    ['playwright.har (real recording)', 3],
  ])('importing the export of %s gives the same analysis as the capture', async (_what, capture) => {
    const original = await analyzeJson('--db', db, '--capture', String(capture));
    const file = join(work, `capture-${capture}.har`);
    const again = await analyzeJson(file, '--db', join(work, `again-${capture}.db`));
    expect(again.json.transactions.length).toBeGreaterThan(0);
    expect(comparableAnalysis(again.json)).toEqual(comparableAnalysis(original.json));
  });

  it('a transport error survives the round trip as a transport error', async () => {
    const har = JSON.parse(readFileSync(join(work, 'capture-2.har'), 'utf8'));
    const failed = har.log.entries.filter((e: any) => e.response.status === 0);
    expect(failed.map((e: any) => e._authtrail && e.response._error)).toEqual(['net::ERR_ABORTED']);
  });

  it('refuses a capture that does not exist, naming the ones that do', async () => {
    const run = await runCli('export', 'har', '--capture', '42', '-o', join(work, 'none.har'), '--db', db);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/no capture 42 to export \(captures: 1, 2, 3\); import or record one first$/);
  });

  it('warns when the capture was recorded with --raw', async () => {
    const rawDb = join(work, 'raw.db');
    await runCli('import', join(FIXTURES, 'playwright.har'), '--raw', '--db', rawDb);
    const run = await exportCapture(rawDb, 1, 'raw.har');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/recorded with --raw: .*raw\.har holds secrets in clear/);
    expect(readFileSync(run.out, 'utf8')).toContain(recordedSecrets()[0]);
  });
});
