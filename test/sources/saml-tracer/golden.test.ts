import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../src/sources/index.js';
import { openStore } from '../../../src/store/store.js';
import { ATTRIBUTE_VALUE, SIGNATURE_VALUE } from '../../fixtures/saml-tracer/values.js';
import { runCli } from '../../helpers/cli.js';
import { analyzeStable, expectGolden, storedBytes } from '../traces.js';

// Relative to the repository root (where vitest runs), so sourceRefs in the golden file are stable.
const FIXTURE = 'test/fixtures/saml-tracer/okta-sp-initiated.json';
const GOLDEN = 'test/fixtures/saml-tracer/okta-sp-initiated.golden.json';
const work = mkdtempSync(join(tmpdir(), 'authtrail-saml-tracer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('SAML-tracer export (default mask profile)', () => {
  it('is detected by shape, although its name ends in .json like a HAR', async () => {
    expect((await openSource(FIXTURE)).kind).toBe('saml-tracer');
  });

  it('analyzes as its golden file says: request and response linked, the stale response flagged', async () => {
    const doc = (await analyzeStable(FIXTURE, join(work, 'golden.db'))) as any;
    expectGolden(doc, GOLDEN);
    const [login] = doc.transactions;
    expect(login.steps.map((s: any) => [s.operation, s.saml.answersStep])).toEqual([['saml.AuthnRequest', null], ['saml.Response', 1]]);
    expect(login.steps[1].saml).toMatchObject({ binding: 'tracer', status: 'Success', nameId: 'ma***@email.com', signed: true });
    expect(doc.findings.map((f: any) => f.rule).sort()).toEqual(expect.arrayContaining(['saml-assertion-expired', 'saml-unknown-request']));
  });

  it('keeps neither the assertion, its signature, its attributes nor the subject on disk', async () => {
    const db = join(work, 'scan.db');
    const run = await runCli('import', '--db', db, FIXTURE);
    expect(run.code, run.stderr).toBe(0);
    const bytes = storedBytes(db);
    const tracer = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    const saml = tracer.requests.filter((r: any) => r?.saml);
    expect(saml.length).toBe(3);
    for (const needle of [SIGNATURE_VALUE, ATTRIBUTE_VALUE, 'mary.jane@email.com', 'Assertion', tracer.requests[1].get[0][1].slice(12, 60)]) {
      expect(bytes.includes(needle), `${needle} stored`).toBe(false);
    }
    const store = openStore(db);
    try {
      const refs = store.exchanges([1]).map((e) => e.sourceRef);
      expect(refs).toEqual([`${FIXTURE}#requests[1]`, `${FIXTURE}#requests[3]`, `${FIXTURE}#requests[4]`, `${FIXTURE}#requests[6]`]);
    } finally {
      store.close();
    }
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2), /not valid JSON, so not a SAML-tracer export .*export it again from SAML-tracer$/],
    ['requests is not an array', () => '{"requests": [], "timestamp": 1}'.replace('[]', '{}'), /no "requests" array/],
    ['a request without url', (t: string) => t.replace('"url": "https://payroll.example.com/reports/q3",', ''), /requests\[0\] has no url or method/],
  ])('a malformed export (%s) is one line on stderr, exit 2, nothing written', async (_name, damage, message) => {
    const file = join(work, `bad-${_name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, (damage as (t: string) => string)(readFileSync(FIXTURE, 'utf8')));
    const db = join(work, `bad-${_name.replace(/\W+/g, '-')}.db`);
    const run = await runCli('import', '--db', db, '--format', 'saml-tracer', file);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message as RegExp);
    const store = openStore(db);
    try {
      expect(store.captures()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
