import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../src/sources/index.js';
import { openStore } from '../../../src/store/store.js';
import { ATTRIBUTE_VALUE, ENTRA_COOKIE, ENTRA_PASSWORD, SIGNATURE_VALUE } from '../../fixtures/saml-tracer/values.js';
import { runCli } from '../../helpers/cli.js';
import { analyzeStable, expectGolden, storedBytes } from '../traces.js';

const FIXTURE = 'test/fixtures/entra/okta-hr-acs-mismatch.json';
const GOLDEN = 'test/fixtures/entra/okta-hr-acs-mismatch.golden.json';
const work = mkdtempSync(join(tmpdir(), 'authtrail-entra-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const exported = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const samlResponse: string = exported.requests[3].request_body.data.SAMLResponse[0];

describe('Entra Auth Tracer export (clear bodies)', () => {
  it('is detected by shape', async () => {
    expect((await openSource(FIXTURE)).kind).toBe('entra');
  });

  it('analyzes as its golden file says: the response posted to another ACS URL than it names', async () => {
    const doc = (await analyzeStable(FIXTURE, join(work, 'golden.db'))) as any;
    expectGolden(doc, GOLDEN);
    const mismatch = doc.findings.filter((f: any) => f.rule === 'saml-destination-mismatch').map((f: any) => f.messageId);
    expect(mismatch.sort()).toEqual(['deliveredElsewhere', 'notRequestedAcs']);
    expect(doc.transactions[0].steps.map((s: any) => s.startedAt)).toEqual(['2026-03-27T09:00:41.000Z', '2026-03-27T09:00:52.500Z']);
    // What stood in clear is reported so the original export can be cleaned.
    const exposed = doc.findings.filter((f: any) => f.rule === 'secret-exposed').map((f: any) => f.evidence.field);
    expect(exposed).toEqual(expect.arrayContaining(['password', 'cookie', 'SAMLResponse']));
  });

  it('show prints the decoded fields of a SAML step on one line', async () => {
    const run = await runCli('show', '1.1:2', '--db', ':memory:', FIXTURE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[2]).toBe(
      'SAML Response id99017263548190382716450, from http://www.okta.com/exk9hr0aBc2dEf3g4h5, to https://hr.example.net/saml/acs, answers ONELOGIN_4f6a2b9c1d3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a (step 1), status Success, NotOnOrAfter 2026-03-27T09:05:52.410Z, subject al***@example.net, signed',
    );
  });

  it('redacts the clear password, cookie and SAMLResponse before anything is written (byte scan of the SQLite file)', async () => {
    const db = join(work, 'scan.db');
    const run = await runCli('import', '--db', db, FIXTURE);
    expect(run.code, run.stderr).toBe(0);
    const bytes = storedBytes(db);
    const cookieValue = ENTRA_COOKIE.split('=')[1];
    for (const needle of [ENTRA_PASSWORD, cookieValue, samlResponse.slice(6, 80), samlResponse.slice(-60), SIGNATURE_VALUE, ATTRIBUTE_VALUE, 'alice.smith@example.net</']) {
      expect(bytes.includes(needle), `${needle} stored`).toBe(false);
    }
    const store = openStore(db);
    try {
      const stored = store.exchanges([1]);
      expect(stored.map((e) => e.sourceRef)).toEqual([0, 1, 3, 4].map((i) => `${FIXTURE}#requests[${i}]`));
      expect(stored[1].requestBody).toMatchObject({ username: 'alice.smith@example.net', password: '[redacted password len=20]' });
      expect(stored[2].evidence.saml).toMatchObject({ destination: 'https://hr.example.net/saml/acs', nameId: 'al***@example.net' });
    } finally {
      store.close();
    }
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, 3000), /not valid JSON, so not an Entra Auth Tracer export/],
    ['no extension_version', (t: string) => t.replace('"extension_version": "1.0.0",', ''), /no "export_metadata.extension_version"/],
  ])('a malformed export (%s) is one line on stderr, exit 2, nothing written', async (name, damage, message) => {
    const base = join(work, `bad-${name.replace(/\W+/g, '-')}`);
    writeFileSync(`${base}.json`, damage(readFileSync(FIXTURE, 'utf8')));
    const run = await runCli('import', '--db', `${base}.db`, `${base}.json`);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    const store = openStore(`${base}.db`);
    try {
      expect(store.captures()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
