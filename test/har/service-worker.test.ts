import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'har', 'chrome.har');
const work = mkdtempSync(join(tmpdir(), 'authtrail-har-sw-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Entry = { startedDateTime: string; time: number; response: Record<string, unknown>; request: { url: string } };

/** chrome.har with entry `at` (recovery/answer) recorded twice, as Chrome does for a fetch a service worker handles. */
function withCopy(at: number, mark: boolean, offsetMs: number): string {
  const har = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { log: { entries: Entry[] } };
  const entries = har.log.entries;
  const page = structuredClone(entries[at]!);
  if (mark) page.response._fetchedViaServiceWorker = true;
  const copy = structuredClone(entries[at]!);
  copy.startedDateTime = new Date(Date.parse(page.startedDateTime) + offsetMs).toISOString();
  copy.time = Math.max(1, page.time - offsetMs - 3);
  entries.splice(at, 1, page, copy);
  const path = join(work, `sw-${at}-${mark}-${offsetMs}.har`);
  writeFileSync(path, JSON.stringify(har));
  return path;
}

const rules = (json: { findings: { rule: string }[] }) => json.findings.map((f) => f.rule);

describe("a service worker's copy of the page's request", () => {
  it('is read once and named, so it is no replay or race', async () => {
    const base = await analyzeJson(FIXTURE, '--db', ':memory:');
    const run = await analyzeJson(withCopy(4, true, 3), '--db', ':memory:');
    expect(run.stderr).toMatch(/entries\[5\]: the same POST request as entries\[4\], recorded twice because a service worker fetched it/);
    expect(run.json.transactions[0].steps.length).toBe(base.json.transactions[0].steps.length);
    expect(rules(run.json).sort()).toEqual(rules(base.json).sort());
  });

  it('is still two requests when Chrome did not mark a service worker, or the second started after the first ended', async () => {
    for (const path of [withCopy(4, false, 3), withCopy(4, true, 1000)]) {
      const run = await analyzeJson(path, '--db', ':memory:');
      expect(run.stderr).not.toMatch(/service worker/);
      expect(rules(run.json)).toContain('illegal-transition');
    }
  });
});
