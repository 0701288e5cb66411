import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMfaFlow, runRecoveryFlow } from '../../samples/mock-okta/client.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { DEFAULT_INCLUDE } from '../../src/protocols/index.js';
import { startRecorder } from '../../src/record/recorder.js';
import { formatRecordSummary } from '../../src/render/record-summary.js';
import { verdictText } from '../../src/render/verdict.js';
import { analyzeJson } from '../helpers/cli.js';
import { request, tempDb } from './helpers.js';

/**
 * The recorder's summary is made from the chains it linked while recording, without reading the capture back:
 * it must say what `authtrail analyze --capture N` says of the same database.
 */

const user = defaultUsers()[0]!;

describe('the summary at stop', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'devforum' });
    db = tempDb();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it.each([
    ['without a live view, one flow after another', false, false],
    ['with the live view, one flow after another', true, false],
    ['without a live view, flows at the same time', false, true],
    ['past the memory bound, read back from the database', true, false, 1],
  ])('agrees with authtrail analyze --capture on transactions, findings, verdict and unread calls (%s)', async (_name, liveView, together, keptBytes?: number) => {
    // /api/v1/users/me is recorded but no protocol reads it; the factors call is forwarded without recording.
    const recorder = await startRecorder({
      db: db.path,
      mode: 'reverse',
      target: mock.url,
      host: '127.0.0.1',
      port: 0,
      include: [...DEFAULT_INCLUDE, '/api/v1/users/me'],
      ...(liveView ? { onLine: () => {} } : {}),
      ...(keptBytes ? { keptBytes } : {}),
    });
    const recovery = { username: user.login, answer: user.answer, newPassword: 'PWPWPW', passCode: PASSCODE, apiToken: 'test-api-token' };
    const flows = [
      () => runRecoveryFlow(recorder.url, recovery),
      () => runMfaFlow(recorder.url, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'email' }),
      () => runRecoveryFlow(recorder.url, { ...recovery, newPassword: 'Fresh-Passw0rd-42!' }),
    ];
    if (together) await Promise.all(flows.map((flow) => flow()));
    else for (const flow of flows) await flow();
    await request(`${recorder.url}/api/v1/users/me`);
    await request(`${recorder.url}/api/v1/users/00u1abcdEFGH2345ijkl/factors`);
    const summary = await recorder.stop();

    const { json } = await analyzeJson('--db', db.path, '--capture', String(summary.captureId));
    expect(summary.transactions).toBeGreaterThanOrEqual(3);
    expect(json.findings.length).toBeGreaterThan(3);
    expect(summary.transactions).toBe(json.transactions.length);
    expect(summary.findings).toEqual(Object.fromEntries(SEVERITIES.map((s) => [s, json.findings.filter((f: { severity: string }) => f.severity === s).length])));
    expect(summary.verdict).toEqual(json.verdict);
    expect(summary.unread).toEqual({ '/api/v1/users/me': 1, '/api/v1/users/{id}/factors': 1 });
    expect(summary.unread).toEqual(json.unanalyzed.calls);
    expect(formatRecordSummary(summary)).toContain(verdictText(json.verdict).join('\n'));
  });
});
