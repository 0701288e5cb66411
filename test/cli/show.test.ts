import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../../src/store/store.js';
import { generateFlows } from '../../bench/flows.js';
import { ingestRaw, join, tempDir } from '../helpers/flow.js';

const dir = tempDir('authtrail-show-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';

describe('authtrail show', () => {
  it('1.1 lists the steps of one transaction with their findings counted', async () => {
    const run = await runCli('show', '1.1', SAMPLE, '--db', ':memory:');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Transaction 1.1 (mary.jane@email.com): SUCCESS');
    expect(lines.find((l) => l.startsWith('4 '))).toMatch(/^4\s+credentials\.reset_password\s+PASSWORD_RESET → MFA_REQUIRED\s+200\s+6$/);
  });

  it('1.1:4 prints the redacted exchange, the status move and the findings on that step', async () => {
    const run = await runCli('show', '1.1:4', SAMPLE, '--db', ':memory:');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Step 4 of 1\.1: credentials\.reset_password, PASSWORD_RESET → MFA_REQUIRED\n/);
    expect(run.stdout).toContain('POST /api/v1/authn/credentials/reset_password');
    expect(run.stdout).toContain('"newPassword": "[redacted newPassword len=6]"');
    expect(run.stdout).toContain('"status": "MFA_REQUIRED"');
    expect(run.stdout).toContain('- medium policy-violation-accepted:');
    expect(run.stdout).not.toContain('- high password-changed-regressed');
  });

  it('--format json and markdown', async () => {
    const json = JSON.parse((await runCli('show', '1.1:5', SAMPLE, '--db', ':memory:', '--format', 'json')).stdout);
    expect(json.step).toMatchObject({ step: 5, statusBefore: 'MFA_REQUIRED', statusAfter: 'MFA_CHALLENGE' });
    expect(json.findings.map((f: { rule: string }) => f.rule)).toContain('password-changed-regressed');
    expect(json.response.status).toBe(200);
    const md = (await runCli('show', '1.1:5', SAMPLE, '--db', ':memory:', '--format', 'markdown')).stdout;
    expect(md).toMatch(/^## Step 5 of 1\.1: `factors\.verify`\n/);
    expect(md).toContain('### Request');
    expect(md).toContain('### Findings');
  });

  it('a bad target, a missing transaction or step is exit 2 with one line', async () => {
    for (const [target, message] of [
      ['one', /one: not a transaction or step; write it as 1\.1/],
      ['2.1', /2\.1: no such transaction \(there are 1\.1\)/],
      ['1.1:9', /1\.1:9: transaction 1\.1 has steps 1 to 6/],
    ] as const) {
      const run = await runCli('show', target, SAMPLE, '--db', ':memory:');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  it('in a database of many transactions: one step and its exchange read by id, as analyze lists it; a wrong id names a few, not all', async () => {
    const db = join(dir, 'many.db');
    const store = openStore(db);
    await ingestRaw(store, [...generateFlows(300, 3, 7)], 'har');
    store.close();
    const listed = JSON.parse((await runCli('analyze', '--db', db, '--format', 'json')).stdout);
    const many = listed.transactions.length;
    expect(many).toBeGreaterThan(100);
    const last = listed.transactions.at(-1);
    const step = await runCli('show', `${last.id}:2`, '--db', db, '--format', 'json');
    expect(step.code, step.stderr).toBe(0);
    const view = JSON.parse(step.stdout);
    expect(view.step).toEqual(last.steps[1]);
    expect(view.request.url).toContain(last.steps[1].path);
    expect(view.response.status).toBe(last.steps[1].httpStatus);
    const wrong = await runCli('show', '9.9', '--db', db);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toContain(`9.9: no such transaction (there are ${many.toLocaleString('en-US')}: 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, …, ${last.id}); authtrail analyze lists them`);
  }, 60_000);
});
