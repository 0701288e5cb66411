import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../src/render/bundle.js';
import { recordedSecrets } from '../har/secrets.js';
import { harValidator } from '../har/schema.js';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/flow.js';
import { INPUTS } from './inputs.js';

const CLEAR_TRANSCRIPT = 'test/fixtures/render/devforum-clear.md';
const PLAYWRIGHT_HAR = 'test/fixtures/har/playwright.har';

/** Every clear secret of the clear transcript: the values its masks hid in the sample. */
const TRANSCRIPT_SECRETS = [
  'dfplr0IJ9vQ3nW8kZt5Lm2Xc',
  '00WSySIHd8o8EUT9o1bo08jk8bb4oQlsQr7TnB2vKx',
  '00wyJMOMFNYq-Ykq43IWGtsq7iZ5AsKsoH4pLw9QzE',
  '20111c-rqAF0iA3z2apKbk8JiM2uH652yPsQjqi7hBEdpeT6yUu1Rs',
  'broccoli and liver',
  'Sunflower#Orbit42',
  '"918273"',
];

/** The secrets of a HAR with clear values: every password, passCode, answer and token its bodies hold. */
function harSecrets(path: string): string[] {
  const secrets = new Set<string>();
  const har = JSON.parse(readFileSync(path, 'utf8'));
  for (const entry of har.log.entries) {
    for (const text of [entry.request.postData?.text, entry.response.content?.text]) {
      if (!text) continue;
      const body = JSON.parse(text);
      for (const key of ['password', 'passCode', 'answer', 'stateToken', 'sessionToken', 'recoveryToken']) {
        const value = body[key];
        if (typeof value === 'string' && !value.includes('*')) secrets.add(key === 'passCode' ? `"${value}"` : value);
      }
    }
  }
  return [...secrets];
}

/**
 * Every way a secret could survive: whole, or the part of a token past the few characters a fingerprint
 * label may show.
 */
function leaks(file: string, secrets: readonly string[]): string[] {
  // Bodies inside HAR and JSON files are JSON strings: `"PWPWPW"` stands there as `\"PWPWPW\"`.
  const text = `${file}\n${file.replace(/\\(["\\/])/g, '$1')}`;
  const found: string[] = [];
  for (const secret of secrets) {
    const tail = secret.length > 20 ? secret.slice(8) : null;
    if (text.includes(secret) || (tail && text.includes(tail))) found.push(secret);
  }
  return found;
}

function bundleOf(dir: string): Map<string, string> {
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile());
  return new Map(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('authtrail report', () => {
  it('writes the five files of the bundle for the devforum transcript, each mode 0600, in a new 0700 directory', async () => {
    const out = join(tempDir(), 'ticket');
    const run = await runCli('report', INPUTS.devforum, '--db', ':memory:', '--out', out);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...BUNDLE_FILES, 'rules'].sort());
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const name of BUNDLE_FILES) expect([name, statSync(join(out, name)).mode & 0o777]).toEqual([name, 0o600]);
    expect(run.stdout).toContain('1 transaction, 6 steps, outcome SUCCESS');
    for (const name of BUNDLE_FILES) expect(run.stdout).toContain(join(out, name));

    const ticket = readFileSync(join(out, 'ticket.md'), 'utf8');
    const [title, , verdict] = ticket.split('\n');
    expect(title).toBe('# Okta authn flow: what happened');
    expect(verdict).toBe('## Verdict');
    expect(ticket).toContain('**Answer:** not an Okta bug (documented behaviour); the evidence mixes attempts and exposes secrets.');
    expect(run.stdout).toContain('Answer: not an Okta bug');
    const opening = ticket.split('\n').find((l) => l.startsWith('Transaction '))!;
    expect(opening).toMatch(/went START → RECOVERY → PASSWORD_RESET → MFA_REQUIRED → MFA_CHALLENGE → SUCCESS in 6 steps/);
    expect(ticket).toMatch(/\*\*Findings that matter \(medium and high\):\*\*\n\n- high password-changed-regressed at step 5/);
    expect(ticket).toContain('Okta documents this edge (PASSWORD_RESET -> MFA_REQUIRED)');
    expect(ticket).toMatch(/\*\*What Okta documents:\*\*/);
    expect(ticket).toMatch(/\| Step \| Operation \| Status \|/);
    expect(ticket).toContain('```mermaid\nsequenceDiagram');

    expect(readFileSync(join(out, 'timeline.mmd'), 'utf8')).toMatch(/^sequenceDiagram\n/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('copies the pages of the rules that fired into rules/, links them there, and keeps ticket.md tables to 6 columns', async () => {
    const out = join(tempDir(), 'ticket');
    expect((await runCli('report', INPUTS.devforum, '--db', ':memory:', '--out', out)).code).toBe(0);
    const analysis = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    const fired = [...new Set<string>(analysis.findings.map((f: { rule: string }) => f.rule))].sort();
    expect(readdirSync(join(out, 'rules')).sort()).toEqual(fired.map((r) => `${r}.md`));
    const ticket = readFileSync(join(out, 'ticket.md'), 'utf8');
    for (const rule of fired) {
      expect(readFileSync(join(out, 'rules', `${rule}.md`), 'utf8')).toBe(readFileSync(`docs/rules/${rule}.md`, 'utf8'));
      expect(statSync(join(out, 'rules', `${rule}.md`)).mode & 0o777).toBe(0o600);
      expect(ticket).toContain(`](rules/${rule}.md)`);
    }
    // Every link is relative and lands on a file of the bundle.
    for (const [, target] of ticket.matchAll(/\]\(([^)]+)\)/g)) expect(existsSync(join(out, target!))).toBe(true);
    const rows = ticket.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length - 2).toBeLessThanOrEqual(6);
    expect(ticket).toContain('- Step 4: passwordChanged 2022-11-03 09:22:47Z **(advanced)**; expiresAt 2022-11-02 15:56:22Z; source samples/okta-devforum-recovery-mfa.md:140');
    expect(ticket).not.toContain(process.cwd());
  });

  it('analysis.json is the analyze JSON, and evidence.har is valid HAR 1.2 that analyzes the same', async () => {
    const dir = tempDir();
    const out = join(dir, 'ticket');
    expect((await runCli('report', INPUTS['push-rejected'], '--db', join(dir, 'a.db'), '--out', out)).code).toBe(0);
    const bundled = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    const direct = (await analyzeJson('--db', join(dir, 'a.db'), '--capture', '1')).json;
    expect(bundled).toEqual(direct);

    const har = JSON.parse(readFileSync(join(out, 'evidence.har'), 'utf8'));
    const validate = harValidator();
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    expect(har.log.entries).toHaveLength(7);
    const again = (await analyzeJson('--db', ':memory:', join(out, 'evidence.har'))).json;
    const shape = (a: typeof direct) => a.transactions.map((t: any) => [t.outcome, t.steps.map((s: any) => [s.operation, s.statusAfter, s.factorResult])]);
    expect(shape(again)).toEqual(shape(direct));
  });

  it.each([
    ['a forum transcript with clear tokens, answer, password and passCode', CLEAR_TRANSCRIPT, () => TRANSCRIPT_SECRETS],
    ['a HAR with clear password, stateToken and sessionToken', INPUTS['push-rejected'], () => harSecrets(INPUTS['push-rejected'])],
    ['a real Playwright recording with an SSWS key, cookies and a recoveryToken', PLAYWRIGHT_HAR, recordedSecrets],
  ])('no file of the bundle holds a clear secret of %s, even from a --raw capture', async (_label, input, secretsOf) => {
    const secrets = secretsOf();
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    // The control: the input does hold them, so finding none in the bundle means something.
    expect(leaks(readFileSync(input, 'utf8'), secrets)).toEqual(secrets);
    for (const raw of [[], ['--raw']]) {
      const dir = tempDir();
      const out = join(dir, 'ticket');
      const run = await runCli('report', input, '--db', join(dir, 'evidence.db'), ...raw, '--out', out);
      expect(run.code, run.stderr).toBe(0);
      const bundle = bundleOf(out);
      // The five files and the pages of the rules that fired.
      expect([...bundle.keys()].filter((n) => !n.startsWith('rules/')).sort()).toEqual([...BUNDLE_FILES].sort());
      for (const [name, text] of bundle) expect([raw.join(''), name, leaks(text, secrets)]).toEqual([raw.join(''), name, []]);
    }
  });

  it('bundles several captures: one diagram with a block per transaction, one valid HAR with a page per evidence unit', async () => {
    const dir = tempDir();
    const out = join(dir, 'both');
    const run = await runCli('report', INPUTS.devforum, INPUTS['push-rejected'], '--db', join(dir, 'a.db'), '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 transactions, 13 steps, outcomes 2 SUCCESS');
    const mmd = readFileSync(join(out, 'timeline.mmd'), 'utf8');
    expect(mmd.match(/^ {2}rect /gm)).toHaveLength(2);
    const har = JSON.parse(readFileSync(join(out, 'evidence.har'), 'utf8'));
    const validate = harValidator();
    expect(validate(har), JSON.stringify(validate.errors)).toBe(true);
    expect(har.log.entries).toHaveLength(13);
    expect(har.log.pages.map((p: { title: string }) => p.title)).toEqual([expect.stringMatching(/^capture 1: /), expect.stringMatching(/^capture 2: /)]);
  });

  it('reports on stored captures with --capture and shows times in --tz', async () => {
    const dir = tempDir();
    const db = join(dir, 'evidence.db');
    expect((await runCli('import', INPUTS.devforum, INPUTS['clean-mfa-signin'], '--db', db)).code).toBe(0);
    const out = join(dir, 'clean');
    const run = await runCli('report', '--capture', '2', '--tz', 'America/New_York', '--db', db, '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const ticket = readFileSync(join(out, 'ticket.md'), 'utf8');
    expect(ticket).toContain('Times in America/New_York');
    expect(ticket).toContain('| 3 | 2026-11-20 09:02:34-05:00 (+27s) |');
    expect(ticket).not.toContain('recovery.password');
    const analysis = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
    expect(analysis.captures.map((c: { id: number }) => c.id)).toEqual([2]);
  });

  it('replaces an older bundle file and narrows its mode to 0600', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'ticket.md'), 'old', { mode: 0o644 });
    expect((await runCli('report', INPUTS.devforum, '--db', ':memory:', '--out', out)).code).toBe(0);
    expect(statSync(join(out, 'ticket.md')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(out, 'ticket.md'), 'utf8')).not.toBe('old');
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['an unknown --tz', (dir: string) => [INPUTS.devforum, '--tz', 'Mars/Olympus_Mons', '--out', join(dir, 'out')], /--tz Mars\/Olympus_Mons: not a time zone/],
    ['a missing input file', (dir: string) => [join(dir, 'nope.md'), '--out', join(dir, 'out')], /nope\.md/],
    ['an --out that is a file', (dir: string) => [INPUTS.devforum, '--out', join(dir, 'file.txt')], /--out .*file\.txt: not a directory/],
    ['no --out', () => [INPUTS.devforum], /out/],
    ['a capture that does not exist', (dir: string) => ['--capture', '9', '--out', join(dir, 'out')], /no capture 9|no database/],
  ])('%s is exit 2 with one line, and nothing is written', async (_label, argv, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file.txt'), 'not a directory');
    mkdirSync(join(dir, 'db'));
    const run = await runCli('report', '--db', join(dir, 'db', 'evidence.db'), ...argv(dir));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readFileSync(join(dir, 'file.txt'), 'utf8')).toBe('not a directory');
  });
});
