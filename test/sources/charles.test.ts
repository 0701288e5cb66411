import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';

// Charles Proxy's JSON session export (test/fixtures/charles/make.mjs writes it).
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'charles', 'okta-signin.chlsj');
const PLANTED = ['ChlsjPlantedPw9', '00ChlsjStateToken0123456789abcdefghijklmno', '593017', '20111ChlsjSessionToken0123456789', 'ChlsjPlantedCookie9', '102ChlsjSession9xyz'];
const work = mkdtempSync(join(tmpdir(), 'authtrail-charles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const steps = (json: { transactions: { steps: { operation: string; httpStatus: number | null }[] }[] }) => json.transactions.flatMap((t) => t.steps.map((s) => `${s.operation} ${s.httpStatus}`));

/** The session's text with every base64 body decoded beside it. */
function decoded(path: string): string {
  const text = readFileSync(path, 'utf8');
  return [text, ...[...text.matchAll(/"encoded":\s*"([^"]*)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'))].join('\n');
}

describe('Charles JSON session (.chlsj)', () => {
  it('is detected (also saved as .json) and read: bodies as text or base64, times, a failed call as a transport error', async () => {
    const { json, stderr } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(stderr).toMatch(/capture 1: 3 Okta exchanges from .*okta-signin\.chlsj \(4 transactions, 1 outside --include\)/);
    expect(steps(json)).toEqual(['primary 200', 'factors.verify 200', 'cancel null']);
    expect(json.transactions[0].outcome).toBe('SUCCESS');
    expect(json.transactions[0].steps[1].startedAt).toBe('2026-11-30T10:00:09.000Z');
    const doc = JSON.stringify(json);
    for (const s of PLANTED) expect(doc, s).not.toContain(s);
    const asJson = join(work, 'session.json');
    copyFileSync(FIXTURE, asJson);
    expect(steps((await analyzeJson(asJson, '--db', ':memory:')).json)).toEqual(steps(json));
  });

  it('sanitize masks every planted secret, the base64 body too, and the copy reads the same', async () => {
    const out = join(work, 'clean.chlsj');
    expect((await runCli('sanitize', FIXTURE, '-o', out)).code).toBe(0);
    const text = decoded(out);
    for (const s of PLANTED) expect(text, s).not.toContain(s);
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
    expect(steps((await analyzeJson(out, '--db', ':memory:')).json)).toEqual(['primary 200', 'factors.verify 200', 'cancel null']);
  });
});
