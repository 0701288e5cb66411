import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('Okta System Log joined to a recorded capture', () => {
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

  it('gives every step of a recorded SMS sign-in its event, from the JSON-lines export', async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    const { recorder } = await recordInto(db.path, { target: mock.url });
    const flow = await runMfaFlow(recorder.url, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'sms' });
    await recorder.stop();
    expect(flow.final).toBe('SUCCESS');
    const file = join(db.dir, 'systemlog.jsonl');
    writeFileSync(file, jsonLines(mock.systemLog()));

    const imported = await runCli('import', file, '--db', db.path);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe(`capture 2: 3 System Log events from ${file}\n`);
    const { json } = await analyzeJson('--db', db.path);
    const steps = json.transactions.flatMap((t: any) => t.steps);
    expect(steps.map((s: any) => `${s.operation} ${s.events.map((e: any) => `${e.eventType}/${e.outcome.result}`).join(',')}`)).toEqual([
      'primary policy.evaluate_sign_on/CHALLENGE',
      'factors.verify system.sms.send_factor_verify_message/SUCCESS',
      'factors.verify user.authentication.auth_via_mfa/SUCCESS',
    ]);
    expect(steps.every((s: any) => s.events[0].threatSuspected === false && s.events[0].actor === user.login)).toBe(true);
    expect(json.systemLog).toMatchObject({ events: 3, joined: 3, unmatched: [], stepsWithoutEvent: [] });
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
