import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'har', 'chrome.har');
const work = mkdtempSync(join(tmpdir(), 'authtrail-har-order-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function variant(name: string, change: (entries: { startedDateTime?: string; request: { url: string } }[]) => void): string {
  const har = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  change(har.log.entries);
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(har));
  return path;
}

const shape = (json: { transactions: { steps: { operation: string }[] }[] }) => json.transactions.map((t) => t.steps.map((s) => s.operation));

describe('a HAR written newest first', () => {
  it('reads as the same flow, with every entry dated or with one undated', async () => {
    const base = shape((await analyzeJson(FIXTURE, '--db', ':memory:')).json);
    expect(base).toHaveLength(1);
    const reversed = variant('reversed.har', (e) => e.reverse());
    expect(shape((await analyzeJson(reversed, '--db', ':memory:')).json)).toEqual(base);
    const undated = variant('reversed-undated.har', (e) => {
      e.reverse();
      delete e.find((x) => x.request.url.endsWith('/recovery/token'))!.startedDateTime;
    });
    const run = await analyzeJson(undated, '--db', ':memory:');
    expect(run.stderr).toMatch(/no startedDateTime/);
    expect(shape(run.json)).toEqual(base);
  });

  it('an undated entry in a file in time order keeps its place', async () => {
    const base = shape((await analyzeJson(FIXTURE, '--db', ':memory:')).json);
    const undated = variant('undated.har', (e) => {
      delete e.find((x) => x.request.url.endsWith('/recovery/answer'))!.startedDateTime;
    });
    expect(shape((await analyzeJson(undated, '--db', ':memory:')).json)).toEqual(base);
  });
});
