import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/analyze/rules.js';
import { main } from '../../../src/cli/main.js';
import { join, tempDir } from '../../helpers/flow.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t.endsWith('\n') ? t : `${t}\n`), err: (t) => (err += `${t}\n`), isTTY: false });
  return { code, out, err };
}

const DEVFORUM = new URL('../../fixtures/scenarios/devforum/transcript.md', import.meta.url).pathname;

describe('authtrail rules', () => {
  it('--format json lists the 28 Classic and 18 Identity Engine catalog ids with their default severities', async () => {
    const { code, out } = await run(['rules', '--format', 'json']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as { id: string; severity: string; summary: string; docs: string }[];
    expect(list).toHaveLength(46);
    expect(list.map((r) => [r.id, r.severity])).toEqual(RULES.map((r) => [r.meta.id, r.meta.severity]));
    expect(list.find((r) => r.id === 'password-committed-before-mfa')?.severity).toBe('info');
  });

  it('shows the setting in force with --rule, and refuses an unknown id', async () => {
    const { code, out } = await run(['rules', '--format', 'json', '--rule', 'brute-force=off', '--rule', 'unpublished-link=high']);
    expect(code).toBe(0);
    const changed = (JSON.parse(out) as { id: string; severity: string; setting: string }[]).filter((r) => r.setting !== r.severity);
    expect(changed.map((r) => [r.id, r.severity, r.setting])).toEqual([
      ['brute-force', 'medium', 'off'],
      ['unpublished-link', 'low', 'high'],
    ]);
    const bad = await run(['rules', '--rule', 'nope=off']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown rule "nope"');
  });

  it('prints a table that fits 100 columns', async () => {
    const { code, out } = await run(['rules']);
    expect(code).toBe(0);
    for (const rule of RULES) expect(out).toContain(rule.meta.id);
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
  });
});

describe('authtrail explain', () => {
  it('prints the page that answers the devforum question', async () => {
    const { code, out } = await run(['explain', 'password-committed-before-mfa']);
    expect(code).toBe(0);
    expect(out).toContain('# password-committed-before-mfa');
    expect(out).toContain('It is not an Okta bug');
    expect(out).toContain('PASSWORD_RESET → MFA_REQUIRED');
    expect(out).toMatch(/developer\.okta\.com\/docs\/reference\/api\/authn\/#reset-password/);
  });

  it('refuses an unknown rule with exit 2 and the list hint', async () => {
    const { code, err, out } = await run(['explain', 'password-commited']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('unknown rule "password-commited"');
    expect(err).toContain('authtrail rules');
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe('rule settings on analyze', () => {
  it('an unknown rule id or severity is exit 2 with one clear line', async () => {
    for (const flag of ['no-such-rule=high', 'brute-force=critical']) {
      const { code, err } = await run(['analyze', DEVFORUM, '--db', ':memory:', '--rule', flag]);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a config file turns a rule off and changes another severity; --rule wins over it', async () => {
    const config = join(tempDir('authtrail-cfg-'), 'authtrail.config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'secret-exposed': 'off', 'state-token-rotated': 'low', 'identity-mismatch': 'off' } }));
    const { code, out } = await run(['analyze', DEVFORUM, '--db', ':memory:', '--format', 'json', '--config', config, '--rule', 'identity-mismatch=medium']);
    expect(code).toBe(0);
    const findings = JSON.parse(out).findings as { rule: string; severity: string }[];
    expect(findings.some((f) => f.rule === 'secret-exposed')).toBe(false);
    expect(findings.find((f) => f.rule === 'state-token-rotated')?.severity).toBe('low');
    expect(findings.find((f) => f.rule === 'identity-mismatch')?.severity).toBe('medium');
  });

  it('finds authtrail.config.json in the working directory (real binary, child process)', () => {
    const cwd = tempDir('authtrail-cwd-');
    writeFileSync(join(cwd, 'authtrail.config.json'), JSON.stringify({ rules: { 'password-changed-regressed': 'low', 'secret-exposed': 'off' } }));
    const bin = fileURLToPath(new URL('../../../bin/authtrail.js', import.meta.url));
    const run = spawnSync(process.execPath, [bin, 'analyze', DEVFORUM, '--db', ':memory:', '--format', 'json', '--fail-on', 'high'], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    const findings = JSON.parse(run.stdout).findings as { rule: string; severity: string }[];
    expect(findings.find((f) => f.rule === 'password-changed-regressed')?.severity).toBe('low');
    expect(findings.some((f) => f.rule === 'secret-exposed' || f.severity === 'high')).toBe(false);
    writeFileSync(join(cwd, 'authtrail.config.json'), '{"rules": {"no-such-rule": "off"}}');
    const bad = spawnSync(process.execPath, [bin, 'analyze', DEVFORUM, '--db', ':memory:'], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown rule "no-such-rule"');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
