/**
 * Regenerates the HAR fixtures of test/fixtures/har and their golden files.
 *
 *   npx tsx scripts/regen-har-fixtures.ts            derive the producer fixtures from playwright.har, rewrite goldens
 *   npx tsx scripts/regen-har-fixtures.ts --record   first record playwright.har and chrome-cdp.har again
 *                                                    (chromium + mock Okta; the second through the DevTools protocol)
 *
 * Review the golden diffs before committing them: they are the expected imports.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importHarSummary } from '../test/har/summary.js';
import { recordCdpHar, recordPlaywrightHar } from './har-record.js';
import { type Har, charles, chrome, fiddler, firefox, mitmproxy, pairs, stableOrigin } from './har-producers.js';

const DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'har');
const PRODUCERS: Record<string, (src: Har) => Har | { text: string }> = { chrome, firefox, mitmproxy, charles, fiddler, pairs };

async function main(): Promise<void> {
  const recorded = join(DIR, 'playwright.har');
  const recorders = { 'playwright.har': recordPlaywrightHar, 'chrome-cdp.har': recordCdpHar };
  for (const [file, record] of Object.entries(recorders)) {
    const target = join(DIR, file);
    if (!process.argv.includes('--record') && existsSync(target)) continue;
    const raw = join(tmpdir(), `authtrail-${process.pid}-${file}`);
    await record(raw);
    writeFileSync(target, `${JSON.stringify(stableOrigin(JSON.parse(readFileSync(raw, 'utf8'))), null, 2)}\n`);
    rmSync(raw, { force: true });
    process.stdout.write(`recorded ${target}\n`);
  }
  const source = JSON.parse(readFileSync(recorded, 'utf8')) as Har;
  for (const [name, make] of Object.entries(PRODUCERS)) {
    const made = make(source);
    writeFileSync(join(DIR, `${name}.har`), 'text' in made ? made.text : `${JSON.stringify(made, null, 2)}\n`);
  }
  const work = mkdtempSync(join(tmpdir(), 'authtrail-golden-'));
  try {
    for (const name of ['playwright', 'chrome-cdp', ...Object.keys(PRODUCERS)]) {
      const file = `${name}.har`;
      const summary = await importHarSummary(join(DIR, file), join(work, `${name}.db`), file);
      writeFileSync(join(DIR, `${name}.golden.json`), `${JSON.stringify(summary, null, 2)}\n`);
      process.stdout.write(`${file}: ${summary.exchanges.length} exchanges, ${summary.transactions.length} transactions\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
