import { describe, expect, it } from 'vitest';
import { runMfaFlow, runRecoveryFlow } from '../../samples/mock-okta/client.js';
import { startMockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { analyze } from '../../src/analyze/index.js';
import { LiveAnalysis } from '../../src/analyze/live.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { DEFAULT_INCLUDE } from '../../src/protocols/index.js';
import { startRecorder } from '../../src/record/recorder.js';
import { openStore } from '../../src/store/store.js';
import { formatRecordSummary } from '../../src/render/record-summary.js';
import { verdictText } from '../../src/render/verdict.js';
import { analyzeJson } from '../helpers/cli.js';
import { mockAndDbEach, request, tempDb } from './helpers.js';

/**
 * The recorder's summary is made from the chains it linked while recording, without reading the capture back:
 * it must say what `authtrail analyze --capture N` says of the same database.
 */

const user = defaultUsers()[0]!;

describe('the summary at stop', () => {
  const env = mockAndDbEach('devforum');

  it.each([
    ['without a live view, one flow after another', false, false],
    ['with the live view, one flow after another', true, false],
    ['without a live view, flows at the same time', false, true],
    ['past the memory bound, read back from the database', true, false, 1],
    ['without a live view, pauses between flows and a replay into a settled chain', false, false, undefined, true],
  ])('agrees with authtrail analyze --capture on transactions, findings, verdict and unread calls (%s)', async (_name, liveView, together, keptBytes?: number, pauses?: boolean) => {
    // /api/v1/users/me is recorded but no protocol reads it; the factors call is forwarded without recording.
    const recorder = await startRecorder({
      db: env.db.path,
      mode: 'reverse',
      target: env.mock.url,
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
    // A pause lets the worker settle the chains so far (LiveAnalysis.settle, every 100 ms); a replay then grows one.
    const pause = () => (pauses ? new Promise((resolve) => setTimeout(resolve, 800)) : undefined);
    if (together) await Promise.all(flows.map((flow) => flow()));
    else {
      for (const flow of flows) {
        const { steps } = await flow();
        await pause();
        // The flow's first stateToken, sent again after the flow ended: a replay, linked into the settled chain.
        const first = steps.find((s) => typeof s.body.stateToken === 'string');
        if (pauses && first) {
          await request(`${recorder.url}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stateToken: first.body.stateToken }) });
          await pause();
        }
      }
    }
    await request(`${recorder.url}/api/v1/users/me`);
    await request(`${recorder.url}/api/v1/users/00u1abcdEFGH2345ijkl/factors`);
    const summary = await recorder.stop();

    const { json } = await analyzeJson('--db', env.db.path, '--capture', String(summary.captureId));
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

describe('the analysis made ahead of the stop', () => {
  it('gives what analyze gives when chains grow after they were settled, wherever the recording is cut', async () => {
    const mock = await startMockOkta({ scenario: 'devforum' });
    const db = tempDb();
    try {
      const recorder = await startRecorder({ db: db.path, mode: 'reverse', target: mock.url, host: '127.0.0.1', port: 0 });
      const recovery = { username: user.login, answer: user.answer, newPassword: 'PWPWPW', passCode: PASSCODE, apiToken: 'test-api-token' };
      // One flow after another, so that findings fall on later transactions too (their ids are given at stop).
      await runMfaFlow(recorder.url, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'email' });
      await runRecoveryFlow(recorder.url, recovery);
      await runRecoveryFlow(recorder.url, { ...recovery, newPassword: 'Fresh-Passw0rd-42!' });
      const { captureId } = await recorder.stop();
      const store = openStore(db.path);
      const exchanges = store.exchanges([captureId]);
      const captures = store.captures([captureId]);
      store.close();
      const expected = analyze(exchanges, captures);
      expect(new Set(expected.findings.map((f) => f.transaction)).size).toBeGreaterThan(1);
      for (let cut = 1; cut < exchanges.length; cut++) {
        const live = new LiveAnalysis();
        for (const exchange of exchanges.slice(0, cut)) live.push(exchange);
        // Two rounds: a chain is settled once it took nothing for a whole round.
        live.settle();
        live.settle();
        for (const exchange of exchanges.slice(cut)) live.push(exchange);
        live.settle();
        const result = live.finish(captures)!;
        expect(result.transactions.map((t) => [t.id, t.steps.length])).toEqual(expected.transactions.map((t) => [t.id, t.steps.length]));
        expect(result.findings).toEqual(expected.findings);
        expect(result.unread).toEqual(expected.unread);
      }
    } finally {
      await mock.stop();
      db.cleanup();
    }
  });
});
