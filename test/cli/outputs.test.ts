import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';

describe('a file to write that cannot be written', () => {
  it.each([
    ['sanitize into a directory that does not exist', (dir: string) => ['sanitize', SAMPLE, '-o', join(dir, 'missing', 'safe.md')], /^authtrail: -o \S+missing\/safe\.md: directory \S+missing does not exist; create it first/],
    ['sanitize onto a directory', (dir: string) => ['sanitize', SAMPLE, '-o', join(dir, 'sub')], /^authtrail: -o \S+sub: is a directory; name a file to write$/],
    ['export har into a directory that does not exist', (dir: string) => ['export', 'har', '--db', join(dir, 'a.db'), '-o', join(dir, 'missing', 'x.har')], /^authtrail: -o \S+x\.har: directory \S+missing does not exist/],
    ['export har onto a directory', (dir: string) => ['export', 'har', '--db', join(dir, 'a.db'), '-o', join(dir, 'sub')], /^authtrail: -o \S+sub: is a directory; name a file to write$/],
  ])('%s: one line, exit 2, nothing left behind', async (_name, argv, message) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    expect((await runCli('import', SAMPLE, '--db', join(dir, 'a.db'))).code).toBe(0);
    const before = readdirSync(dir).sort();
    const run = await runCli(...argv(dir));
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stderr).not.toMatch(/internal error|\.tmp/);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('the same commands write the file when the directory exists', async () => {
    const dir = tempDir();
    expect((await runCli('import', SAMPLE, '--db', join(dir, 'a.db'))).code).toBe(0);
    expect((await runCli('sanitize', SAMPLE, '-o', join(dir, 'safe.md'))).code).toBe(0);
    expect((await runCli('export', 'har', '--db', join(dir, 'a.db'), '-o', join(dir, 'x.har'))).code).toBe(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['safe.md', 'x.har']));
  });
});

describe('--help', () => {
  it.concurrent.each(['analyze', 'import', 'show', 'report', 'migration', 'record'])('%s: --include names the default it replaces, every protocol', async (command) => {
    // The real binary, as a user runs it: yargs prints help itself.
    const run = spawnSync(process.execPath, ['bin/authtrail.js', command, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
    expect(run.status).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    const include = help.slice(help.indexOf('--include'), help.indexOf('[array]', help.indexOf('--include')));
    expect(include).toContain('replacing the default');
    for (const glob of ['/api/v1/authn/**', '/idp/idx/**', '/oauth2/**', '/login/token/redirect', 'SAML']) expect(include).toContain(glob);
    expect(include).not.toContain('(default /api/v1/authn/**)');
  });
});

describe('counts in one line', () => {
  it('sanitize --check says 1 clear secret in 1 line', async () => {
    const dir = tempDir();
    const file = join(dir, 'one.txt');
    writeFileSync(file, 'POST /api/v1/authn {"username":"a@b.c","password":"Tr0ub4dor&3x"}\n');
    const run = await runCli('sanitize', '--check', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: 1 clear secret in 1 line; run authtrail sanitize`);
  });
});
