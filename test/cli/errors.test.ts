import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/cli/commands/explain.js';
import { runCli } from '../helpers/cli.js';

describe('errors that say what to do', () => {
  it('a mistyped rule id suggests the closest one', async () => {
    const run = await runCli('explain', 'password-commited-before-mfa');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('authtrail: unknown rule "password-commited-before-mfa" (did you mean password-committed-before-mfa?); `authtrail rules` lists the rule ids');
    expect(editDistance('commited', 'committed')).toBe(1);
    expect(editDistance('abc', '')).toBe(3);
  });

  it('an id nothing like a rule falls back to ids sharing a word, or none', async () => {
    expect((await runCli('explain', 'expire')).stderr).toContain('did you mean authorization-code-expired, expired-state-token, expires-at-regressed?');
    expect((await runCli('explain', 'zzzzzz')).stderr).not.toContain('did you mean');
  });

  it('--capture abc says a capture id is a number', async () => {
    for (const command of ['analyze', 'show']) {
      const args = command === 'show' ? ['show', '1.1'] : [command];
      const run = await runCli(...args, '--capture', 'abc', '--db', ':memory:', 'samples/okta-devforum-recovery-mfa.md');
      expect([command, run.code]).toEqual([command, 2]);
      expect(run.stderr).toContain('--capture: a capture id is a number (1, 2, ...); authtrail captures lists them');
      expect(run.stdout).toBe('');
    }
  });

  it.each([
    [['import'], 'import needs <files>: give one or more files (HAR, forum transcript, curl or raw HTTP); authtrail import --help shows how'],
    [['--db', 'x.db', 'sanitize'], 'sanitize needs <input>: give the HAR file or text transcript to sanitize; authtrail sanitize --help shows how'],
    [['explain'], 'explain needs <rule>: give a rule id (`authtrail rules` lists them); authtrail explain --help shows how'],
    [['show'], 'show needs <target>: give a transaction (1.1) or a step (1.1:4); authtrail show --help shows how'],
    [['export'], 'export needs <format>: give the format to write, e.g. har; authtrail export --help shows how'],
  ])('%j without its argument names the command and what to give, in one line, exit 2', async (argv, line) => {
    const run = await runCli(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`authtrail: ${line}\n`);
    expect(run.stdout).toBe('');
  });
});
