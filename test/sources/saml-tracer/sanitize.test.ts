import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ATTRIBUTE_VALUE, ENTRA_COOKIE, ENTRA_PASSWORD, SIGNATURE_VALUE } from '../../fixtures/saml-tracer/values.js';
import { runCli } from '../../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'authtrail-trace-sanitize-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const samlFindings = (doc: any) => doc.findings.filter((f: any) => f.rule.startsWith('saml-')).map((f: any) => [f.rule, f.messageId, f.transaction, f.step]);
const samlSteps = (doc: any) => doc.transactions.flatMap((t: any) => t.steps.filter((s: any) => s.saml).map(({ saml: { signed, ...rest } }: any) => rest));

describe.each([
  ['saml-tracer', 'test/fixtures/saml-tracer/okta-sp-initiated.json', 7],
  ['entra', 'test/fixtures/entra/okta-hr-acs-mismatch.json', 5],
])('authtrail sanitize of a %s export', (kind, fixture, requests) => {
  const out = join(work, `${kind}.json`);

  it('masks every secret, leaves a copy --check finds clean, keeps no assertion, signature or attribute', async () => {
    const run = await runCli('sanitize', fixture, '-o', out, '--key', join(work, 'key'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`of ${requests} requests`);
    const text = readFileSync(out, 'utf8');
    for (const needle of [SIGNATURE_VALUE, ATTRIBUTE_VALUE, ENTRA_PASSWORD, ENTRA_COOKIE.split('=')[1], 'SignatureValue', 'AttributeStatement', '_analysis']) {
      expect(text.includes(needle), `${needle} left in the copy`).toBe(false);
    }
    const check = await runCli('sanitize', '--check', out);
    expect([check.code, check.stderr.trim()]).toEqual([0, `${out}: clean (no clear secret in ${requests} requests)`]);
  });

  it('the sanitized copy is detected the same and analyzes to the same SAML steps and findings', async () => {
    const original = JSON.parse((await runCli('analyze', '--format', 'json', '--db', ':memory:', fixture)).stdout);
    const copy = await runCli('analyze', '--format', 'json', '--db', ':memory:', out);
    const doc = JSON.parse(copy.stdout);
    expect(doc.captures[0].sourceKind).toBe(kind);
    expect(samlFindings(doc)).toEqual(samlFindings(original));
    expect(samlSteps(doc)).toEqual(samlSteps(original).map((s: any) => ({ ...s, binding: 'tracer' })));
  });
});
