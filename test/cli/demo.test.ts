import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** The audit's tables without the lines that change run to run (ports, times, token fingerprints). */
const audit = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('│') && !/#[0-9a-f]{8}|\d{4}-\d\d-\d\d/.test(l)).join('\n');

describe('authtrail demo scenarios show what they are named for', () => {
  it('push-rejected: a push REJECTED, a new push sent and approved', async () => {
    const run = await runCli('demo', '--scenario', 'push-rejected');
    expect(run.code).toBe(0);
    const status = run.stdout.split('\n').filter((l) => /^│ \d+ /.test(l) || /^│\s+│/.test(l));
    const text = status.join('\n');
    expect(text).toContain('(REJECTED)');
    expect(text).toMatch(/factors\.verify\.\s/);
    expect(run.stdout).toMatch(/→ SUCCESS/);
    const devforum = await runCli('demo');
    expect(audit(run.stdout)).not.toBe(audit(devforum.stdout));
    expect(devforum.stdout).not.toContain('(REJECTED)');
  });

  it('short-ttl: the stateToken expires and reset_password gets 401 E0000011', async () => {
    const run = await runCli('demo', '--scenario', 'short-ttl');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('E0000011');
    expect(run.stdout).toMatch(/│ 401 {2}│/);
  });
});
