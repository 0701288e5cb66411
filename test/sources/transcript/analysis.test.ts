import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze/index.js';
import { ingestSource } from '../../../src/ingest/pipeline.js';
import { openSource } from '../../../src/sources/index.js';
import { openStore } from '../../../src/store/store.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, renderLikeForum, SAMPLE } from './helpers.js';

/** Imports one file through the real pipeline and analyzes it; findings per transaction as `rule@step/severity`. */
async function findingsOf(path: string, steps: number[] = []): Promise<string[][]> {
  const store = openStore(':memory:');
  await ingestSource(store, await openSource(path));
  const result = analyze(store.exchanges(), store.captures());
  store.close();
  steps.push(...result.transactions.map((t) => t.steps.length));
  return result.transactions.map((t) =>
    result.findings
      .filter((f) => f.transaction === t.id)
      .map((f) => `${f.rule}@${f.step}/${f.severity}`)
      .sort(),
  );
}

describe('renderings of the devforum transcript analyze the same', () => {
  it.each([
    'test/fixtures/transcripts/forum-rendered.md',
    'test/fixtures/transcripts/forum-flat.md',
    'test/fixtures/transcripts/forum-joined.md',
    'test/fixtures/transcripts/forum-numbers-lost.md',
  ])('%s gives the sample findings', async (path) => {
    const [expected] = await findingsOf(SAMPLE);
    expect(expected).toEqual(expect.arrayContaining(['password-committed-before-mfa@4/info', 'state-token-rotated@4/info']));
    expect(await findingsOf(path)).toEqual([expected]);
  });

  it('a thread holding it twice gives two transactions with the sample findings each', async () => {
    const [expected] = await findingsOf(SAMPLE);
    expect(await findingsOf('test/fixtures/transcripts/thread-twice.md')).toEqual([expected, expected]);
  });

  it.each(['test/fixtures/transcripts/devforum-curl.md', 'test/fixtures/transcripts/devforum-http.md'])(
    '%s (the same calls as curl / raw HTTP) gives the sample findings plus the credentials its headers expose',
    async (path) => {
      const [expected] = await findingsOf(SAMPLE);
      const [found] = await findingsOf(path);
      expect(found).toEqual(expect.arrayContaining(expected!));
      expect(found!.filter((f) => !expected!.includes(f)).every((f) => f.startsWith('secret-exposed@'))).toBe(true);
    },
  );
});

describe('the devforum transcript rendered the way a forum page shows it (issue 10)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-rendered-'));
  const rendered = (path: string) => {
    const out = join(dir, path.replace(/\//g, '_'));
    writeFileSync(out, renderLikeForum(load(path)[0]));
    return out;
  };

  it('the rendering does what a forum does to it', () => {
    const text = renderLikeForum(load(SAMPLE)[0]);
    expect(text).toContain('**4. …/api/v1/authn/credentials/reset_password**');
    expect(text).toMatch(/“login”: “mary\.jane@email\.com,\n/);
    expect(text).not.toMatch(/^[ \t]+\S/m);
    expect(text).not.toContain('"');
    expect(text).toMatch(/“_links”: \{\n\n\}/);
  });

  it('flattened, typographic, elisions gone to empty lines, e-mails auto-linked: 6 steps and the sample findings', async () => {
    const [expected] = await findingsOf(SAMPLE);
    const steps: number[] = [];
    expect(await findingsOf(rendered(SAMPLE), steps)).toEqual([expected]);
    expect(steps).toEqual([6]);
  });

  it('the whole thread rendered the same way: two transactions of 6 steps, the sample findings each', async () => {
    const [expected] = await findingsOf(SAMPLE);
    const steps: number[] = [];
    expect(await findingsOf(rendered('test/fixtures/transcripts/thread-twice.md'), steps)).toEqual([expected, expected]);
    expect(steps).toEqual([6, 6]);
  });
});
