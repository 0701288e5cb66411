import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRecoveryFlow, type FlowResult } from '../../samples/mock-okta/client.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { analyze } from '../../src/analyze/index.js';
import { ingestSource } from '../../src/ingest/pipeline.js';
import { openSource } from '../../src/sources/index.js';
import { openStore } from '../../src/store/store.js';
import { mockAndDbEach, recordInto, secretsOnDisk } from './helpers.js';

const user = defaultUsers()[0]!;
const NEW_PASSWORD = 'Zq9xWeakPW';
const API_TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd';

/** The same flow written as a forum transcript (numbered steps, Request/Response blocks), as a user would paste it. */
function asTranscript(flow: FlowResult, requests: unknown[]): string {
  return flow.steps
    .map((step, i) => {
      const path = new URL(step.url).pathname.slice(1);
      return `**${i + 1}. ${path}**\nRequest: ${JSON.stringify(requests[i])}\nResponse (${step.httpStatus}): ${JSON.stringify(step.body, null, 2)}\n`;
    })
    .join('\n');
}

describe('reverse proxy: trusted-app recovery through the recorder', () => {
  const env = mockAndDbEach('devforum');

  it('keeps a link-following client on the proxy and records one transaction with the transcript findings', async () => {
    const { recorder, lines } = await recordInto(env.db.path, { target: env.mock.url });
    const flow = await runRecoveryFlow(recorder.url, {
      username: user.login,
      answer: user.answer,
      newPassword: NEW_PASSWORD,
      passCode: PASSCODE,
      apiToken: API_TOKEN,
    });
    const summary = await recorder.stop();

    expect(flow.final).toBe('SUCCESS');
    expect(flow.steps).toHaveLength(6);
    expect(flow.foreignLinks).toEqual([]);
    expect(flow.steps.every((s) => s.url.startsWith(recorder.url))).toBe(true);
    expect(env.mock.requests()).toBe(6);

    expect(summary.exchanges).toBe(6);
    expect(summary.analysis.transactions).toHaveLength(1);
    const txn = summary.analysis.transactions[0]!;
    expect(txn.steps.map((s) => s.operation)).toEqual([
      'recovery.password',
      'recovery.token',
      'recovery.answer',
      'credentials.reset_password',
      'factors.verify',
      'factors.verify',
    ]);
    expect(txn.steps.map((s) => s.statusAfter)).toEqual(['RECOVERY', 'RECOVERY', 'PASSWORD_RESET', 'MFA_REQUIRED', 'MFA_CHALLENGE', 'SUCCESS']);
    const rules = summary.analysis.findings.map((f) => `${f.rule}@${f.step}`);
    expect(rules).toContain('password-committed-before-mfa@4');
    expect(rules).toContain('state-token-rotated@4');
    // The recorded upstream URLs are the Okta org's, not the proxy's.
    expect(env.db.store.exchanges([summary.captureId]).every((e) => e.url.startsWith(env.mock.url))).toBe(true);

    // The live view saw every exchange, with the reset's rotation and its findings on its own line.
    expect(lines.map((l) => l.operation)).toEqual(txn.steps.map((s) => s.operation));
    const reset = lines[3]!;
    expect(reset.statusBefore).toBe('PASSWORD_RESET');
    expect(reset.statusAfter).toBe('MFA_REQUIRED');
    expect(reset.rotated).toBe(true);
    expect(reset.findings?.map((f) => f.rule)).toContain('password-committed-before-mfa');

    // The same exchanges pasted as a transcript analyze to the same findings. secret-exposed is the one
    // expected difference: the transcript holds the secrets in clear, the recorder saw them on the wire.
    const requests = [
      { username: user.login, relayState: '/app/after-reset' },
      { recoveryToken: flow.steps[0]!.body.recoveryToken },
      { stateToken: flow.steps[1]!.body.stateToken, answer: user.answer },
      { stateToken: flow.steps[2]!.body.stateToken, newPassword: NEW_PASSWORD },
      { stateToken: flow.steps[3]!.body.stateToken },
      { stateToken: flow.steps[4]!.body.stateToken, passCode: PASSCODE },
    ];
    const transcriptPath = join(env.db.dir, 'thread.md');
    writeFileSync(transcriptPath, asTranscript(flow, requests));
    const other = openStore(join(env.db.dir, 'transcript.db'));
    try {
      const imported = await ingestSource(other, await openSource(transcriptPath));
      const fromTranscript = analyze(other.exchanges([imported.captureId]), other.captures());
      expect(fromTranscript.transactions).toHaveLength(1);
      const key = (f: { rule: string; step: number | null; severity: string }) => `${f.rule}@${f.step}:${f.severity}`;
      const comparable = (list: typeof fromTranscript.findings) => list.filter((f) => f.rule !== 'secret-exposed').map(key).sort();
      expect(comparable(summary.analysis.findings)).toEqual(comparable(fromTranscript.findings));
      expect(fromTranscript.findings.some((f) => f.rule === 'secret-exposed')).toBe(true);
    } finally {
      other.close();
    }
  });

  it('writes no clear password, answer, passCode or token to the database file or its WAL', async () => {
    const { recorder } = await recordInto(env.db.path, { target: env.mock.url });
    const flow = await runRecoveryFlow(recorder.url, {
      username: user.login,
      answer: user.answer,
      newPassword: NEW_PASSWORD,
      passCode: PASSCODE,
      apiToken: API_TOKEN,
    });
    await recorder.stop();
    const tokens = [...new Set(flow.steps.flatMap((s) => [s.body.stateToken, s.body.recoveryToken, s.body.sessionToken]))].filter(
      (t): t is string => typeof t === 'string',
    );
    // recoveryToken, the stateToken before and after the reset's rotation, sessionToken.
    expect(tokens).toHaveLength(4);
    const secrets = [NEW_PASSWORD, user.answer, `"${PASSCODE}"`, API_TOKEN, ...tokens];
    expect(secretsOnDisk(env.db.path, secrets)).toEqual([]);
    // The same scan does find what is stored in clear: the login (not a secret) is there.
    expect(secretsOnDisk(env.db.path, [user.login])).toEqual([user.login]);
    expect(statSync(env.db.path).mode & 0o777).toBe(0o600);
    expect(statSync(`${env.db.path}.key`).mode & 0o777).toBe(0o600);
  });

  it('stores clear values with --raw', async () => {
    const { recorder } = await recordInto(env.db.path, { target: env.mock.url, raw: true });
    await runRecoveryFlow(recorder.url, { username: user.login, answer: user.answer, newPassword: NEW_PASSWORD, passCode: PASSCODE, apiToken: API_TOKEN });
    const summary = await recorder.stop();
    expect(env.db.store.capture(summary.captureId)?.raw).toBe(true);
    expect(secretsOnDisk(env.db.path, [NEW_PASSWORD])).toEqual([NEW_PASSWORD]);
  });
});
