import { gzipSync } from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';

describe('authtrail analyze on the devforum transcript', () => {
  it('rebuilds 6 exchanges into 1 transaction with the expected operations and outcome', async () => {
    const { json, code } = await analyzeJson(SAMPLE, '--db', ':memory:');
    expect(code).toBe(0);
    expect(json.schemaVersion).toBe(1);
    expect(json.captures).toHaveLength(1);
    expect(json.captures[0].exchangeCount).toBe(6);
    expect(json.transactions).toHaveLength(1);
    const [t] = json.transactions;
    expect(t.outcome).toBe('SUCCESS');
    expect(t.steps.map((s: any) => s.operation)).toEqual([
      'recovery.password', 'recovery.token', 'recovery.answer', 'credentials.reset_password', 'factors.verify', 'factors.verify',
    ]);
    expect(t.steps[3]).toMatchObject({ statusBefore: 'PASSWORD_RESET', statusAfter: 'MFA_REQUIRED', stateToken: { rotated: true } });
  });

  it('reports the findings the forum question needs, at the right steps and severities', async () => {
    const { json } = await analyzeJson(SAMPLE, '--db', ':memory:');
    const has = (rule: string, step: number, severity?: string) =>
      json.findings.some((f: any) => f.rule === rule && f.step === step && (!severity || f.severity === severity));
    expect(has('password-committed-before-mfa', 4, 'info')).toBe(true);
    const committed = json.findings.find((f: any) => f.rule === 'password-committed-before-mfa');
    expect(committed.message).toMatch(/documents/i);
    expect(committed.message).toMatch(/PASSWORD_RESET -> MFA_REQUIRED|PASSWORD_RESET → MFA_REQUIRED/);
    expect(has('state-token-rotated', 4)).toBe(true);
    expect(has('password-changed-regressed', 5)).toBe(true);
    expect(has('expires-at-regressed', 5)).toBe(true);
    expect(has('timeline-inconsistent', 4)).toBe(true);
    expect(has('policy-violation-accepted', 4)).toBe(true);
    const exposed = json.findings.filter((f: any) => f.rule === 'secret-exposed' && f.step === 4);
    expect(exposed.map((f: any) => f.evidence.field ?? f.evidence.kind).sort()).toEqual(['newPassword', 'user id']);
    expect(json.findings.some((f: any) => f.rule === 'identity-mismatch' && [4, 5].includes(f.step))).toBe(true);
    // Nothing secret in the output: the clear password never leaves the evidence.
    expect(JSON.stringify(json)).not.toContain('PWPWPW');
  });

  it('prints the audit table by default, and exits 1 with --fail-on when findings reach the threshold', async () => {
    const table = await runCli('analyze', SAMPLE, '--db', ':memory:');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/1 transaction, 6 steps, outcome SUCCESS/);
    expect(table.stdout).toContain('password-committed-before-mfa');
    for (const line of table.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect((await runCli('analyze', SAMPLE, '--db', ':memory:', '--fail-on', 'high')).code).toBe(1);
  });

  it('gives the same findings for each copy when a thread holds the transcript twice', async () => {
    const dir = tempDir();
    const sample = readFileSync(SAMPLE, 'utf8');
    const thread = join(dir, 'thread.md');
    writeFileSync(thread, `${sample}\n\nQuoting the original post again:\n\n${sample}`);
    const { json } = await analyzeJson(thread, '--db', ':memory:');
    expect(json.transactions).toHaveLength(2);
    const per = (id: string) => json.findings.filter((f: any) => f.transaction === id).map((f: any) => `${f.rule}@${f.step}:${f.severity}`).sort();
    expect(per(json.transactions[0].id)).toEqual(per(json.transactions[1].id));
    expect(per(json.transactions[0].id).length).toBeGreaterThanOrEqual(9);
  });

  it('keeps the database file at mode 0600 and does not import the same file twice', async () => {
    const db = join(tempDir(), 'x.db');
    const first = await runCli('import', SAMPLE, '--db', db);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/capture 1: 6 Okta exchanges from .*okta-devforum-recovery-mfa\.md/);
    const again = await runCli('import', SAMPLE, '--db', db);
    expect(again.stderr).toMatch(/already imported as capture 1/);
    const { json } = await analyzeJson('--db', db);
    expect(json.captures).toHaveLength(1);
    const forced = await runCli('import', SAMPLE, '--db', db, '--force');
    expect(forced.code).toBe(0);
    const after = await analyzeJson('--db', db, '--capture', '2');
    expect(after.json.transactions).toHaveLength(1);
    const bytes = readFileSync(db).toString('latin1') + (existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`).toString('latin1') : '');
    expect(bytes).not.toContain('PWPWPW');
    expect(bytes).not.toContain('123123');
  });
});

describe('bad input', () => {
  const dir = tempDir();
  const cases: [string, () => string, RegExp][] = [
    ['an empty file', () => (writeFileSync(join(dir, 'empty.md'), ''), join(dir, 'empty.md')), /empty\.md: is empty/],
    ['a binary file', () => (writeFileSync(join(dir, 'blob.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 0])), join(dir, 'blob.bin')), /blob\.bin: is a binary file/],
    ['a gzip-compressed HAR', () => (writeFileSync(join(dir, 'flow.har.gz'), gzipSync('{"log":{"version":"1.2","entries":[]}}')), join(dir, 'flow.har.gz')), /flow\.har\.gz: is gzip-compressed; decompress it first \(gunzip -k .*flow\.har\.gz\)/],
    ['a Fiddler session archive', () => (writeFileSync(join(dir, 'login.saz'), Buffer.from('504b0304140000000800', 'hex')), join(dir, 'login.saz')), /login\.saz: is a Fiddler session archive \(\.saz\); in Fiddler, File > Export Sessions/],
    ['a zip archive', () => (writeFileSync(join(dir, 'flow.zip'), Buffer.from('504b0304140000000800', 'hex')), join(dir, 'flow.zip')), /flow\.zip: is a zip archive; unzip it/],
    ['an SQLite database given as evidence', () => (writeFileSync(join(dir, 'other.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)])), join(dir, 'other.db')), /other\.db: is an SQLite database; .*--db .*other\.db/],
    ['text with no exchange', () => (writeFileSync(join(dir, 'prose.md'), 'Hello, my login fails. Any idea?\n'), join(dir, 'prose.md')), /prose\.md: no Okta authn/],
    ['a missing path', () => join(dir, 'nope.md'), /nope\.md: no such file/],
    ['a directory', () => (mkdirSync(join(dir, 'adir'), { recursive: true }), join(dir, 'adir')), /adir: is a directory/],
  ];
  for (const [what, make, message] of cases) {
    it(`${what}: exit 2, one line naming the input, nothing written`, async () => {
      const input = make();
      const db = join(dir, `${what.replace(/\W/g, '_')}.db`);
      const run = await runCli('analyze', input, '--db', db);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(db)).toBe(false);
    });
  }

  it('an unknown option or a bad --fail-on value is a usage error (exit 2) and nothing runs', async () => {
    const db = join(dir, 'usage.db');
    for (const bad of [['--fail-on', 'critical'], ['--no-such-flag']]) {
      const run = await runCli('analyze', SAMPLE, '--db', db, ...bad);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
      expect(existsSync(db)).toBe(false);
    }
  });

  it.each([
    [['analyze', SAMPLE, '--fail-on', ''], 'authtrail: --fail-on: name a severity (info, low, medium, high) or unanalyzed, e.g. --fail-on medium'],
    [['analyze', SAMPLE, '--no-such-flag'], 'authtrail: unknown option --no-such-flag; authtrail --help lists the options'],
    [['analyze', SAMPLE, '--bogus-option', '1', '--otherOne'], 'authtrail: unknown options --bogus-option, --otherOne; authtrail --help lists the options'],
    [['import', SAMPLE, '--fail-on', 'medium'], 'authtrail: unknown option --fail-on; authtrail --help lists the options'],
    [['captures', 'extra'], 'authtrail: unexpected argument extra; authtrail --help lists the options'],
  ])('%j: one line naming each bad argument once, as written', async (argv, message) => {
    const db = join(dir, 'usage2.db');
    const run = await runCli(...argv, '--db', db);
    expect([run.code, run.stderr.trim(), run.stdout]).toEqual([2, message, '']);
    expect(existsSync(db)).toBe(false);
  });
});

describe('the installed command', () => {
  it('runs through bin/authtrail.js as npm start does, and prints the audit table', () => {
    const out = execFileSync('node', ['bin/authtrail.js', 'analyze', SAMPLE, '--db', ':memory:'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toMatch(/Transaction 1\.1 \(mary\.jane@email\.com\): SUCCESS/);
    const bad = spawnSync('node', ['bin/authtrail.js', 'analyze', 'no/such/file.md', '--db', ':memory:'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('authtrail: no/such/file.md: no such file; check the path');
  });
});
