import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { openIngest } from '../../../src/ingest/pipeline.js';
import type { RawExchange } from '../../../src/model/exchange.js';
import type { AnalysisJson } from '../../../src/model/analysis.js';
import { atLeast } from '../../../src/model/severity.js';
import { openStore } from '../../../src/store/store.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * Clean flows composed from Okta's own SDK fixtures (test/fixtures/okta, provenance in SOURCES.txt), recorded
 * the way `authtrail record` records live traffic, then analyzed by the CLI from the SQLite file. The changes made
 * to the bodies are the named patches below and are listed in SOURCES.txt.
 */

type Json = Record<string, any>;

function fixture(path: string): { status: number; body: Json } {
  const data = JSON.parse(readFileSync(new URL(`../../fixtures/okta/${path}`, import.meta.url), 'utf8')) as Json;
  return 'responseType' in data ? { status: data.status, body: data.response } : { status: 200, body: data };
}

const withToken = (body: Json, stateToken: string): Json => ({ ...body, stateToken });
const withUser = (body: Json, user: Json): Json => ({ ...body, _embedded: { ...body._embedded, user } });
const withTimes = (body: Json, expiresAt: string, passwordChanged?: string): Json => ({
  ...body,
  expiresAt,
  ...(passwordChanged ? { _embedded: { ...body._embedded, user: { ...body._embedded.user, passwordChanged } } } : {}),
});

let seq = 0;
function call(path: string, requestBody: Json, response: { status: number; body: Json }, headers: Record<string, string> = {}): RawExchange {
  return {
    method: 'POST',
    url: `https://dev-1.okta.com${path}`,
    requestHeaders: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    requestBody,
    responseStatus: response.status,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: response.body,
    transportError: null,
    startedAt: null,
    durationMs: null,
    sourceRef: `fixture-flow#${++seq}`,
    group: 'live',
  };
}

function trustedRecovery(): RawExchange[] {
  const recovery = fixture('authjs-xhr/recovery.json');
  const exchanged = fixture('authjs-xhr/recovery-token.json');
  const token = exchanged.body.stateToken as string;
  const answer = fixture('widget-playground/recovery-answer.json');
  const user = { ...exchanged.body._embedded.user, passwordChanged: answer.body._embedded.user.passwordChanged };
  const success = fixture('widget-playground/success-001.json');
  return [
    call('/api/v1/authn/recovery/password', { username: 'isaac@example.org', relayState: '/myapp/some/deep/link/i/want/to/return/to' }, recovery, { authorization: 'SSWS 00QCjAl4MlV-WPXM-ABCDEFGHIJKLMNOPQRSTUVWXYZ' }),
    call('/api/v1/authn/recovery/token', { recoveryToken: recovery.body.recoveryToken }, exchanged),
    call('/api/v1/authn/recovery/answer', { stateToken: token, answer: 'No such thing' }, { ...answer, body: withUser(withToken(answer.body, token), user) }),
    call('/api/v1/authn/credentials/reset_password', { stateToken: token, newPassword: 'Correct-Horse-42' }, { ...success, body: withTimes(withUser(success.body, user), '2022-10-21T20:21:00.000Z', '2022-10-21T20:16:00.000Z') }),
  ];
}

function mfaSignIn(): RawExchange[] {
  const required = fixture('widget-playground/mfa-required-email.json');
  const challenge = fixture('widget-playground/mfa-challenge-email.json');
  const success = fixture('widget-playground/success-001.json');
  const token = required.body.stateToken as string;
  const factor = required.body._embedded.factors[0].id as string;
  return [
    call('/api/v1/authn', { username: 'foo4@okta.com', password: 'correct horse battery' }, required),
    call(`/api/v1/authn/factors/${factor}/verify`, { stateToken: token }, challenge),
    call(`/api/v1/authn/factors/${factor}/verify`, { stateToken: token, passCode: '123456' }, { ...success, body: withTimes(withUser(success.body, required.body._embedded.user), '2020-01-27T17:22:37.000Z') }),
  ];
}

function smsUnlock(): RawExchange[] {
  const challenge = fixture('widget-xhr/RECOVERY_CHALLENGE_SMS_UNLOCK.json');
  return [
    call('/api/v1/authn/recovery/unlock', { username: 'administrator1@clouditude.net', factorType: 'SMS' }, challenge),
    call('/api/v1/authn/recovery/factors/sms/verify', { stateToken: challenge.body.stateToken, passCode: '657866' }, fixture('widget-xhr/SUCCESS_unlock.json')),
  ];
}

async function recordAndAnalyze(flow: RawExchange[]): Promise<AnalysisJson> {
  const db = join(tempDir('authtrail-fixture-flow-'), 'flows.db');
  const store = openStore(db);
  const capture = openIngest(store, { kind: 'proxy', file: 'proxy:fixture-flow', contentHash: null, exposes: false, mode: 'batched' });
  for (const raw of flow) capture.add(raw);
  capture.close();
  store.close();
  let out = '';
  const code = await main(['analyze', '--db', db, '--format', 'json'], { out: (t) => (out += t), err: () => {}, isTTY: false });
  expect(code).toBe(0);
  return JSON.parse(out) as AnalysisJson;
}

describe('clean flows built from Okta SDK fixtures', () => {
  const flows: [string, () => RawExchange[], string, string[]][] = [
    ['trusted-app recovery', trustedRecovery, 'SUCCESS', ['recovery.password', 'recovery.token', 'recovery.answer', 'credentials.reset_password']],
    ['MFA sign-in with email', mfaSignIn, 'SUCCESS', ['primary', 'factors.verify', 'factors.verify']],
    ['SMS unlock', smsUnlock, 'SUCCESS', ['recovery.unlock', 'recovery.factors.verify']],
  ];
  for (const [name, build, outcome, operations] of flows) {
    it(`${name}: one transaction, ${outcome}, nothing above info`, async () => {
      const analysis = await recordAndAnalyze(build());
      expect(analysis.ruleErrors).toEqual([]);
      expect(analysis.transactions).toHaveLength(1);
      expect(analysis.transactions[0].outcome).toBe(outcome);
      expect(analysis.transactions[0].steps.map((s) => s.operation)).toEqual(operations);
      const loud = analysis.findings.filter((f) => atLeast(f.severity, 'low'));
      expect(loud.map((f) => `${f.rule} @${f.step}: ${f.message}`)).toEqual([]);
    });
  }
});
