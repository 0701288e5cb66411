import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { join, tempDir } from '../helpers/flow.js';

/** `-` names standard input: a paste piped in (`pbpaste | authtrail analyze -`), through the real binary. */
const SAMPLE = readFileSync('samples/okta-devforum-recovery-mfa.md');
const authtrail = (args: string[], input: Buffer | string) => spawnSync(process.execPath, ['bin/authtrail.js', ...args], { input, encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
const spools = () => readdirSync(tmpdir()).filter((name) => name.startsWith('authtrail-stdin-'));

describe('- reads the evidence from standard input', () => {
  it('analyze -: the paste is read and named stdin, and its temporary copy is gone', () => {
    const run = authtrail(['analyze', '-', '--db', ':memory:', '--format', 'json'], SAMPLE);
    expect(run.stderr).toContain('capture 1: 6 Okta exchanges from stdin (imported 6 of 6 blocks)');
    const doc = JSON.parse(run.stdout);
    expect(doc.verdict.answer).toBe('not an Okta bug (documented behaviour); the evidence mixes attempts and exposes secrets.');
    expect(doc.captures.map((c: { file: string }) => c.file)).toEqual(['stdin']);
    expect(run.stdout).not.toContain('authtrail-stdin-');
    expect(spools()).toEqual([]);
  });

  it('import - into a database: the capture and its source references say stdin, not the temporary file', () => {
    const db = join(tempDir(), 'a.db');
    expect(authtrail(['import', '-', '--db', db], SAMPLE).status).toBe(0);
    const captures = authtrail(['captures', '--db', db], '');
    expect(captures.stdout).toMatch(/│ 1\s+│ transcript │ 6\s+│.*│ stdin\s+│/);
    expect(authtrail(['show', '1.1:4', '--db', db], '').stdout).toContain('source: stdin:140');
    expect(readFileSync(db).includes('authtrail-stdin-')).toBe(false);
    // The same paste again is the same content.
    const again = authtrail(['import', '-', '--db', db], SAMPLE);
    expect([again.status, again.stderr.trim()]).toEqual([0, 'stdin: already imported as capture 1 (use --force to import it again)']);
    expect(spools()).toEqual([]);
  });

  it('sanitize - -o FILE writes the masked copy', () => {
    const out = join(tempDir(), 'safe.md');
    const run = authtrail(['sanitize', '-', '-o', out], SAMPLE);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^stdin -> \S+safe\.md: 2 values masked in 2 of 238 lines/);
    expect(readFileSync(out, 'utf8')).not.toContain('PWPWPW');
  });

  it('empty or unreadable standard input is one line naming stdin, exit 2; `-` twice is a usage error', () => {
    const empty = authtrail(['analyze', '-', '--db', ':memory:'], '');
    expect([empty.status, empty.stderr.trim()]).toEqual([2, 'authtrail: stdin: is empty; give a HAR file or a transcript with request/response pairs']);
    const prose = authtrail(['analyze', '-', '--db', ':memory:'], 'my login does not work, help\n');
    expect([prose.status, prose.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(prose.stderr).toMatch(/^authtrail: stdin: no Okta authn request\/response found/);
    const twice = authtrail(['analyze', '-', '-', '--db', ':memory:'], SAMPLE);
    expect([twice.status, twice.stderr.trim()]).toEqual([2, 'authtrail: - (standard input) can be named once']);
    expect(spools()).toEqual([]);
  });
});
