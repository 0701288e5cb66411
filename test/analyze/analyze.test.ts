import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { RULES } from '../../src/analyze/rules.js';
import type { Rule } from '../../src/model/rule.js';
import { openStore } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { ingestRaw, join, post, tempDir } from '../helpers/flow.js';

const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';

describe('analyze()', () => {
  it('goes on when a rule throws, and names the failed rule', async () => {
    const store = openStore(':memory:');
    await ingestRaw(store, [post('/api/v1/authn', { username: 'u@x.io', password: 'Aa1!aaaaaaaa' }, 200, { status: 'WEIRD_NEW_STATUS', stateToken: '00aaaaaaaaaaaaaaaaaaaa' })]);
    // A Classic rule's shape: it is handed the authn transaction this case has.
    const classic = RULES.find((r) => r.meta.protocol === 'okta-authn')!;
    const broken: Rule = { ...classic, meta: { ...classic.meta, id: 'broken-rule' }, create: () => ({ transaction: () => { throw new Error('boom'); } }) };
    const result = analyze(store.exchanges(), store.captures(), { rules: [broken, ...RULES] });
    expect(result.ruleErrors).toEqual([{ rule: 'broken-rule', message: 'boom' }]);
    expect(result.findings.some((f) => f.rule === 'unknown-status')).toBe(true);
  });
});

describe('rule settings on the command line and in authtrail.config.json', () => {
  it('--rule turns a rule off or changes its severity', async () => {
    const run = await runCli('analyze', SAMPLE, '--db', ':memory:', '--format', 'json', '--rule', 'secret-exposed=off', '--rule', 'state-token-rotated=high');
    const json = JSON.parse(run.stdout);
    expect(json.findings.some((f: any) => f.rule === 'secret-exposed')).toBe(false);
    expect(json.findings.find((f: any) => f.rule === 'state-token-rotated').severity).toBe('high');
  });

  it('reads --config, and refuses unknown ids and severities with exit 2', async () => {
    const config = join(tempDir(), 'authtrail.config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'password-changed-regressed': 'low' } }));
    const run = await runCli('analyze', SAMPLE, '--db', ':memory:', '--format', 'json', '--config', config);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings.find((f: any) => f.rule === 'password-changed-regressed').severity).toBe('low');
    const unknown = await runCli('analyze', SAMPLE, '--db', ':memory:', '--rule', 'no-such-rule=high');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown rule "no-such-rule"/);
    const badSeverity = await runCli('analyze', SAMPLE, '--db', ':memory:', '--rule', 'secret-exposed=critical');
    expect(badSeverity.code).toBe(2);
  });
});
