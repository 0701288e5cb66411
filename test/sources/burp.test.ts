import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';

// Burp Suite "Save items" XML (test/fixtures/burp/make.mjs writes it): base64 raw messages, a gzip response.
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'burp', 'okta-signin.xml');
const PLANTED = ['BurpPlantedPw9', '00BurpStateToken0123456789abcdefghijklmnopq', '20111BurpSessionToken0123456789ab', '482913', '102BurpSessionValue9xyz', '8F3A0C1D2E4B5A69'];
const work = mkdtempSync(join(tmpdir(), 'authtrail-burp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The file's text with every CDATA decoded from base64 beside it, a gzip body inflated: where a secret could hide. */
function decoded(path: string): string {
  const text = readFileSync(path, 'utf8');
  const messages = [...text.matchAll(/<!\[CDATA\[([^\]]*)\]\]>/g)].map((m) => Buffer.from(m[1]!, 'base64'));
  const inflated = messages.flatMap((b) => {
    const at = b.indexOf('\r\n\r\n');
    try {
      return at >= 0 ? [gunzipSync(b.subarray(at + 4)).toString('utf8')] : [];
    } catch {
      return [];
    }
  });
  return [text, ...messages.map((b) => b.toString('utf8')), ...inflated].join('\n');
}

const operations = (json: { transactions: { steps: { operation: string; httpStatus: number }[] }[] }) => json.transactions.flatMap((t) => t.steps.map((s) => `${s.operation} ${s.httpStatus}`));

describe('Burp Suite saved items (XML)', () => {
  it('is detected and read item by item: the raw messages decoded, a gzip body inflated, assets outside --include', async () => {
    const { json, stderr } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(stderr).toMatch(/capture 1: 2 Okta exchanges from .*okta-signin\.xml \(3 items, 1 outside --include\)/);
    expect(operations(json)).toEqual(['primary 200', 'factors.verify 200']);
    expect(json.transactions[0].outcome).toBe('SUCCESS');
    expect(json.transactions[0].steps[0].startedAt).toBe('2026-11-30T10:00:01.000Z');
    expect(json.findings.filter((f: { rule: string }) => f.rule === 'secret-exposed').length).toBeGreaterThan(0);
    const doc = JSON.stringify(json);
    for (const s of PLANTED) expect(doc).not.toContain(s);
  });

  it('sanitize masks the secrets inside the base64 messages, the copy reads the same and --check finds it clean', async () => {
    const out = join(work, 'clean.xml');
    const run = await runCli('sanitize', FIXTURE, '-o', out);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/values? masked in \d+ of \d+ messages/);
    const text = decoded(out);
    for (const s of PLANTED) expect(text, s).not.toContain(s);
    // The gzip response is stored as Burp had it: compressed again, its Content-Encoding kept.
    expect(text).toMatch(/content-encoding: gzip/i);
    expect(text).toMatch(/"stateToken":"00Burp\*{4}#[0-9a-f]{12}","expiresAt"/);
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
    const original = await runCli('sanitize', '--check', FIXTURE);
    expect(original.code).toBe(1);
    expect(original.stdout).toMatch(/items\[1\] request/);
    expect(operations((await analyzeJson(out, '--db', ':memory:')).json)).toEqual(['primary 200', 'factors.verify 200']);
  });

  it('a gzip bomb in a response is not inflated past the ceiling: import keeps going, sanitize removes the body and --check counts it', async () => {
    const request = Buffer.from('POST /api/v1/authn HTTP/1.1\r\nHost: dev-1.okta.com\r\nContent-Type: application/json\r\n\r\n{"username":"a@b.c","password":"BombPlantedPw9"}');
    const response = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n\r\n'), gzipSync(Buffer.alloc(80 * 2 ** 20))]);
    const bomb = join(work, 'bomb.xml');
    writeFileSync(bomb, `<?xml version="1.0"?>\n<items burpVersion="2023.1">\n<item><url><![CDATA[https://dev-1.okta.com/api/v1/authn]]></url><request base64="true"><![CDATA[${request.toString('base64')}]]></request><response base64="true"><![CDATA[${response.toString('base64')}]]></response></item>\n</items>\n`);
    const { json } = await analyzeJson(bomb, '--db', ':memory:');
    expect(operations(json)).toEqual(['primary 200']);
    const out = join(work, 'bomb.clean.xml');
    expect((await runCli('sanitize', bomb, '-o', out)).code).toBe(0);
    expect(decoded(out)).not.toContain('BombPlantedPw9');
    expect(readFileSync(out).length).toBeLessThan(4096);
    const check = await runCli('sanitize', '--check', bomb);
    expect(check.stdout).toMatch(/items\[0\] response .*undecodable body/);
  });

  it('an export with no items, or with none an Okta call, is refused in one line, exit 2', async () => {
    const empty = join(work, 'empty.xml');
    writeFileSync(empty, '<?xml version="1.0"?>\n<items burpVersion="2023.10.3.4" exportTime="x">\n</items>\n');
    const run = await runCli('analyze', empty, '--db', ':memory:');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/empty\.xml: a Burp Suite export with no items$/);
  });
});
