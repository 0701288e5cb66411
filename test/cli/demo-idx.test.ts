import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('authtrail demo --scenario idx-recovery', () => {
  it('drives an Identity Engine recovery through the recorder: the reset is accepted, then sign-on asks for the phone', async () => {
    const run = await runCli('demo', '--scenario', 'idx-recovery');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('client: identify → challenge-authenticator → select-authenticator-authenticate → challenge-authenticator → reset-authenticator → select-authenticator-authenticate → challenge-authenticator → issue → SUCCESS');
    // interact, introspect, identify, recover, challenge, answer (OTP), answer (reset), challenge, answer (SMS), token.
    expect(run.stdout).toMatch(/^recorded 10 exchanges /m);
  });

  it('lists the Identity Engine scenarios among the choices', async () => {
    const run = await runCli('demo', '--scenario', 'idx-nonexistent');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('idx-recovery');
    expect(run.stderr).toContain('idx-clean');
  });
});
