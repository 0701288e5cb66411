import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { runMfaFlow, runRecoveryFlow } from '../../samples/mock-okta/client.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { recordInto, tempDb } from '../proxy/helpers.js';

const user = defaultUsers()[0]!;

/** The mock's System Log as Okta's log streaming writes it: one event per line. */
function jsonLines(events: unknown[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

describe('Okta System Log of a recorded SMS sign-in', () => {
  let db: ReturnType<typeof tempDb>;
  let logFile: string;
  beforeAll(async () => {
    db = tempDb();
    db.store.close();
    const mock = await startMockOkta({ scenario: 'clean' });
    try {
      const { recorder } = await recordInto(db.path, { target: mock.url });
      const flow = await runMfaFlow(recorder.url, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'sms' });
      await recorder.stop();
      expect(flow.final).toBe('SUCCESS');
      logFile = join(db.dir, 'systemlog.jsonl');
      writeFileSync(logFile, jsonLines(mock.systemLog()));
    } finally {
      await mock.stop();
    }
  });
  afterAll(() => db.cleanup());

  it('the recorder keeps X-Okta-Request-Id, and every step gets its event from the JSON-lines export', async () => {
    const stored = openStore(db.path);
    const ids = stored.exchanges().map((e) => e.responseHeaders['x-okta-request-id']);
    stored.close();
    expect(ids).toHaveLength(3);
    expect(ids.every((id) => /^[\w-]{16}$/.test(id ?? ''))).toBe(true);
    const imported = await runCli('import', logFile, '--db', db.path);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe(`capture 2: 3 System Log events from ${logFile}\n`);
    const { json } = await analyzeJson('--db', db.path);
    const steps = json.transactions.flatMap((t: any) => t.steps);
    expect(steps.map((s: any) => `${s.operation} ${s.events.map((e: any) => `${e.eventType}/${e.outcome.result}`).join(',')}`)).toEqual([
      'primary policy.evaluate_sign_on/CHALLENGE',
      'factors.verify system.sms.send_factor_verify_message/SUCCESS',
      'factors.verify user.authentication.auth_via_mfa/SUCCESS',
    ]);
    expect(steps.map((s: any) => s.events[0].requestId)).toEqual(ids);
    expect(steps.every((s: any) => s.events[0].threatSuspected === false && s.events[0].actor === user.login)).toBe(true);
    expect(json.systemLog).toMatchObject({ events: 3, joined: 3, unmatched: [], stepsWithoutEvent: [] });
    const show = await runCli('show', `${json.transactions[0].id}:3`, '--db', db.path);
    expect(show.stdout).toContain('Okta System Log:\n- user.authentication.auth_via_mfa SUCCESS · threatSuspected=false\n');
  });

  it('joins the same flow read back from a HAR, and every format shows each event on its step', async () => {
    const har = join(db.dir, 'flow.har');
    expect((await runCli('export', 'har', '--capture', '1', '-o', har, '--db', db.path)).code).toBe(0);
    const fresh = join(db.dir, 'fresh.db');
    expect((await runCli('import', har, logFile, '--db', fresh)).code).toBe(0);
    for (const format of ['table', 'markdown', 'jira', 'html']) {
      const run = await runCli('analyze', '--db', fresh, '--format', format);
      expect(run.code, run.stderr).toBeLessThan(2);
      const out = run.stdout.replace(/<[^>]+>/g, '');
      // Text formats list the events under the timeline; the HTML page puts them in each step's facts.
      expect(out, format).toContain(`${format === 'html' ? '' : 'step 3 (factors.verify): '}user.authentication.auth_via_mfa SUCCESS · threatSuspected=false`);
      expect(out, format).toContain('policy.evaluate_sign_on CHALLENGE');
      expect(out, format).toContain('3 events in the System Log, 3 joined to steps by X-Okta-Request-Id');
    }
  });
});

describe('Okta System Log joined to a recorded recovery', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(() => {
    db = tempDb();
    db.store.close();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it('says which step has no event and which event has no step, from the JSON-array export', async () => {
    mock = await startMockOkta({ scenario: 'devforum' });
    const { recorder } = await recordInto(db.path, { target: mock.url });
    await runRecoveryFlow(recorder.url, { username: user.login, answer: user.answer, newPassword: 'Fresh-Passw0rd-42!', passCode: PASSCODE, apiToken: 'test-token' });
    await recorder.stop();
    const events = mock.systemLog();
    // An event of another client's request: in the export, but in no captured response.
    const stray = { ...events[0], uuid: 'b2f6a1e0-0000-4000-8000-000000000001', debugContext: { debugData: { requestId: 'W-other-client-request', threatSuspected: 'true' } }, eventType: 'user.session.start', outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } };
    const file = join(db.dir, 'systemlog.json');
    writeFileSync(file, JSON.stringify([...events, stray], null, 2));

    expect((await runCli('import', file, '--db', db.path)).code).toBe(0);
    const { json, stdout } = await analyzeJson('--db', db.path);
    const steps = json.transactions.flatMap((t: any) => t.steps.map((s: any) => ({ tx: t.id, ...s })));
    // A trusted app's recovery/password (SSWS) returns the recoveryToken and Okta sends nothing: no event.
    expect(steps[0]).toMatchObject({ operation: 'recovery.password', events: [] });
    expect(json.systemLog.stepsWithoutEvent).toEqual([{ transaction: steps[0].tx, step: 1, requestId: expect.any(String) }]);
    expect(json.systemLog.unmatched.map((e: any) => [e.eventType, e.requestId, e.threatSuspected])).toEqual([['user.session.start', 'W-other-client-request', true]]);
    expect(steps.find((s: any) => s.operation === 'credentials.reset_password').events.map((e: any) => e.eventType)).toEqual(['user.account.reset_password']);
    expect(stdout).toContain('"systemLog"');
  });
});
