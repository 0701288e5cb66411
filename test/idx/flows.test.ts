import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { AnalysisJson } from '../../src/model/analysis.js';
import { atLeast } from '../../src/model/severity.js';
import { openStore } from '../../src/store/store.js';
import { sameToken } from '../../src/redact/token.js';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';
import { otpChallenge, signInFactorChoice } from '../rules/support/idx-steps.js';
import { type Call, CODE, H, body, interact, introspect, token, writeHar } from './flows.js';

/**
 * The shared SDK fixtures chained into Identity Engine flows, written as HAR files and analyzed by the CLI
 * (HAR import, redaction, SQLite, linking, timelines, rules), as a user would run it.
 */

const h = H.a;
const identify = (handle = h): Call => ({ path: '/idp/idx/identify', request: { identifier: 'ann@example.com', stateHandle: handle }, status: 200, response: body('02', handle) });
const answer = (passcode: string, response: unknown, status = 200, handle = h): Call => ({ path: '/idp/idx/challenge/answer', request: { credentials: { passcode }, stateHandle: handle }, status, response });
const recover = (response: unknown = body('07', h)): Call => ({ path: '/idp/idx/recover', request: { stateHandle: h }, status: 200, response });
const selectEmail = (response: unknown = otpChallenge(h)): Call => ({ path: '/idp/idx/challenge', request: { authenticator: { id: 'aidtm56L8gXXHI1SD0g3', methodType: 'email' }, stateHandle: h }, status: 200, response });
const resume = (response: unknown = body('01', h)): Call => ({ path: '/idp/idx/introspect', request: { stateToken: h }, status: 200, response });

const signIn = (): Call[] => [interact(), introspect(body('01', h)), identify(), answer('Secret-pass-1', body('03', h)), token()];
const toReset = (): Call[] => [resume(), identify(), recover(), selectEmail(), answer('123456', body('08', h))];

async function run(calls: Call[]): Promise<AnalysisJson> {
  const { json } = await analyzeJson(writeHar(calls), '--db', ':memory:');
  expect(json.ruleErrors).toEqual([]);
  return json;
}

/** Findings at low or above, except secret-exposed: a HAR file holds the passcode and handles in clear, and saying so is right. */
const loud = (json: AnalysisJson) => json.findings.filter((f) => atLeast(f.severity, 'low') && f.rule !== 'secret-exposed').map((f) => `${f.rule}@${f.step}:${f.severity}`);

describe('Identity Engine flows from SDK fixtures, through HAR import', () => {
  it('embedded sign-in: one transaction, the remediations of each step, SUCCESS, nothing above info', async () => {
    const json = await run(signIn());
    expect(json.transactions).toHaveLength(1);
    const [tx] = json.transactions;
    expect(tx.outcome).toBe('SUCCESS');
    expect(tx.steps.map((s) => s.operation)).toEqual(['interact', 'introspect', 'identify', 'challenge-authenticator', 'successWithInteractionCode']);
    expect(tx.steps.map((s) => s.statusAfter)).toEqual(['INTERACTION_HANDLE', 'identify', 'challenge-authenticator', 'SUCCESS_PENDING_EXCHANGE', 'TOKENS']);
    expect(loud(json)).toEqual([]);
  });

  it('password recovery with an email code: reset-authenticator matched on the shared /challenge/answer, clean', async () => {
    const json = await run([...toReset(), answer('New-pass-2026!', body('09', h))]);
    expect(json.transactions).toHaveLength(1);
    const [tx] = json.transactions;
    expect(tx.steps.map((s) => s.operation)).toEqual(['introspect', 'identify', 'currentAuthenticatorEnrollment-recover', 'select-authenticator-authenticate', 'challenge-authenticator', 'reset-authenticator']);
    expect(tx.steps.map((s) => s.statusAfter)).toEqual(['identify', 'challenge-authenticator', 'select-authenticator-authenticate', 'challenge-authenticator', 'reset-authenticator', 'TERMINAL_INFO']);
    expect(tx.outcome).toBe('SUCCESS');
    expect(loud(json)).toEqual([]);
  });

  it('the seed question: a reset committed while sign-in still needs another authenticator', async () => {
    const json = await run([...toReset(), answer('New-pass-2026!', signInFactorChoice(h))]);
    expect(json.transactions).toHaveLength(1);
    expect(json.transactions[0].outcome).toBe('MFA_PENDING');
    expect(loud(json)).toEqual(['idx-reset-committed-before-mfa@6:medium']);
  });

  it('the timelines of every format show the remediations where Classic shows statuses', async () => {
    const har = writeHar([...toReset(), answer('New-pass-2026!', signInFactorChoice(h))]);
    const markdown = await runCli('analyze', har, '--db', ':memory:', '--format', 'markdown');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('`reset-authenticator` → `select-authenticator-authenticate`');
    expect(markdown.stdout).toContain('idx-reset-committed-before-mfa');
    const table = await runCli('analyze', har, '--db', ':memory:');
    // Remediation names wrap at their hyphens in the status column instead of being cut.
    expect(table.stdout).toMatch(/│ reset-\s+│/);
    expect(table.stdout).not.toMatch(/select-authenti…|challenge-authe…/);
    for (const line of table.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    const html = await runCli('analyze', har, '--db', ':memory:', '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('select-authenticator-authenticate');
  });

  it('a reset straight after recover, with no code answered', async () => {
    const json = await run([resume(), identify(), recover(body('08', h)), answer('New-pass-2026!', body('09', h))]);
    expect(loud(json)).toEqual(['idx-reset-without-verification@4:high']);
  });

  it('session expired, then the old handle again', async () => {
    const expired = body('10', h);
    const json = await run([resume(), identify(), answer('Secret-pass-1', expired, 401), { ...identify(), status: 401, response: expired }]);
    expect(json.transactions).toHaveLength(1);
    expect(json.transactions[0].outcome).toBe('FAILED');
    expect(json.transactions[0].steps.map((s) => s.errorCode)).toEqual([null, null, 'idx.session.expired', 'idx.session.expired']);
    expect(loud(json)).toEqual(['idx-handle-after-end@4:low']);
  });

  it('three rejected answers, then the interaction code replayed', async () => {
    const wrong = () => answer('guess', body('04', h), 401);
    const json = await run([interact(), introspect(body('01', h)), identify(), wrong(), wrong(), wrong(), answer('Secret-pass-1', body('03', h)), token(), token(400, CODE)]);
    expect(json.transactions).toHaveLength(1);
    expect(loud(json)).toEqual(['idx-credential-guessing@6:medium', 'idx-interaction-code-reuse@9:medium']);
  });

  it('cancel starts a new transaction, linked to the cancelled one by the handle the cancel issued', async () => {
    const calls: Call[] = [resume(), { path: '/idp/idx/cancel', request: { stateHandle: h }, status: 200, response: body('05', H.b) }, identify(H.b), answer('Secret-pass-1', body('03', H.b), 200, H.b)];
    const db = join(tempDir('authtrail-idx-db-'), 'idx.db');
    const { json } = await analyzeJson(writeHar(calls), '--db', db);
    expect(json.transactions.map((t: any) => [t.outcome, t.steps.map((s: any) => s.operation)])).toEqual([
      ['CANCELLED', ['introspect', 'cancel']],
      ['SUCCESS', ['identify', 'challenge-authenticator']],
    ]);
    expect(loud(json)).toEqual([]);
    // The restart link, read back from the SQLite file the CLI wrote.
    const store = openStore(db);
    try {
      const [cancelled, restarted] = analyze(store.exchanges(), store.captures()).transactions;
      expect(cancelled.protocol).toBe('okta-idx');
      const issued = cancelled.steps[1].idx!.restartHandle;
      expect(issued).not.toBeNull();
      expect(sameToken(issued, restarted.steps[0].idx!.requestHandle)).toBe(true);
      expect(sameToken(issued, cancelled.steps[0].idx!.requestHandle)).toBe(false);
    } finally {
      store.close();
    }
  });
});
