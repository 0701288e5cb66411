import { OktaAuth } from '@okta/okta-auth-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { recordInto, secretsOnDisk, tempDb } from '../proxy/helpers.js';
import { IDX_INCLUDE, routeList, wireSecrets } from './helpers.js';

/**
 * The real SDK (okta-auth-js 8, step mode) in Node against the mock Identity Engine org, through the
 * recorder: sign-in and password recovery must complete, and the store must hold them without secrets.
 */

const user = defaultUsers()[0]!;
const NEW_PASSWORD = 'Fresh-Passw0rd-42!';
type Txn = Awaited<ReturnType<OktaAuth['idx']['proceed']>>;

/** What the user types for a step: the password or a one-time code by the authenticator challenged. */
type Answer = (step: string, authenticatorType: string | undefined) => Record<string, unknown> | undefined;

/** Answers each step the SDK reports until it stops asking; returns every transaction state seen. */
async function drive(auth: OktaAuth, first: Txn, answer: Answer): Promise<Txn[]> {
  const seen = [first];
  let txn = first;
  for (let i = 0; i < 10 && txn.status === 'PENDING' && txn.nextStep; i++) {
    const step = txn.nextStep.name;
    const choice = txn.nextStep.inputs?.[0]?.options?.[0]?.value as { name: string; value: unknown }[] | undefined;
    const input =
      step === 'select-authenticator-authenticate' ? { authenticator: Object.fromEntries(choice!.map((f) => [f.name, f.value])) } : answer(step, kindOf(txn));
    if (!input) break;
    // An action ("Forgot password?" on the password challenge) is taken instead of the step.
    txn = await auth.idx.proceed('actions' in input ? input : { step, ...input });
    seen.push(txn);
  }
  return seen;
}

/**
 * The authenticator a challenge is for. The SDK does not always expand `relatesTo` into nextStep.authenticator
 * (not on the step that follows identify), so fall back to what a UI shows: a secret field is a password.
 */
function kindOf(txn: Txn): string | undefined {
  if (txn.nextStep?.authenticator?.type) return txn.nextStep.authenticator.type;
  const fields = (txn.nextStep?.inputs?.[0]?.value ?? []) as { secret?: boolean }[];
  return fields.some((f) => f.secret) ? 'password' : 'otp';
}

const passcode = (value: string) => ({ credentials: { passcode: value } });

describe('okta-auth-js 8 through the recorder (Identity Engine)', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  let bodies: unknown[];
  // okta-auth-js warns on every instance that Node memory storage suits one user only: true, and noise here.
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'idx-recovery' });
    db = tempDb();
    bodies = [];
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    warn.mockRestore();
    await mock.stop();
    db.cleanup();
  });

  it('idx.authenticate and idx.recoverPassword complete and are recorded in order, with no clear secret on disk', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url, include: IDX_INCLUDE });
    // Keep every response the SDK got, to know which handles and codes must not reach the disk.
    const seenFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await seenFetch(input, init);
      bodies.push(await response.clone().json().catch(() => null));
      return response;
    };
    try {
      const auth = new OktaAuth({
        issuer: `${recorder.url}/oauth2/default`,
        clientId: '0oa8mockidxapp0000g4',
        redirectUri: 'http://127.0.0.1:8080/login/callback',
        // No openid: the mock's id_token would name the org's own origin as issuer, not the proxy's.
        scopes: ['profile', 'email'],
        responseType: 'token',
      });
      const signIn = await drive(auth, await auth.idx.authenticate({ step: 'identify', username: user.login }), (step, type) =>
        step === 'challenge-authenticator' ? passcode(type === 'password' ? user.password : PASSCODE) : undefined,
      );
      expect(signIn.map((t) => t.nextStep?.name ?? t.status)).toEqual(['challenge-authenticator', 'select-authenticator-authenticate', 'challenge-authenticator', 'SUCCESS']);
      expect(signIn.at(-1)?.tokens?.accessToken).toBeDefined();
      const recovery = await drive(auth, await auth.idx.recoverPassword({ step: 'identify', username: user.login }), (step, type) => {
        if (step === 'reset-authenticator') return passcode(NEW_PASSWORD);
        if (step !== 'challenge-authenticator') return undefined;
        return type === 'password' ? { actions: ['currentAuthenticatorEnrollment-recover'] } : passcode(PASSCODE);
      });
      // The seed question in IDX form: the reset is accepted, then sign-on still asks for the phone.
      expect(recovery.map((t) => t.nextStep?.name ?? t.status)).toEqual([
        'challenge-authenticator',
        'select-authenticator-authenticate',
        'challenge-authenticator',
        'reset-authenticator',
        'select-authenticator-authenticate',
        'challenge-authenticator',
        'SUCCESS',
      ]);
      expect(recovery.at(-1)?.status).toBe('SUCCESS');
      expect(recovery.at(-1)?.tokens?.accessToken).toBeDefined();
    } finally {
      globalThis.fetch = seenFetch;
    }
    const summary = await recorder.stop();
    expect(mock.org.users[0]!.password).toBe(NEW_PASSWORD);
    const routes = routeList(db.store.exchanges([summary.captureId]));
    const signInRoutes = ['POST /oauth2/default/v1/interact', 'POST /idp/idx/introspect', 'POST /idp/idx/identify', 'POST /idp/idx/challenge/answer'];
    expect(routes).toEqual([
      ...signInRoutes,
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      'POST /oauth2/default/v1/token',
      ...signInRoutes.slice(0, 3),
      'POST /idp/idx/recover',
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      // The reset (the password is committed here), then the phone the sign-on policy still wants.
      'POST /idp/idx/challenge/answer',
      'POST /idp/idx/challenge',
      'POST /idp/idx/challenge/answer',
      'POST /oauth2/default/v1/token',
    ]);
    expect(summary.exchanges).toBe(routes.length);
    const secrets = wireSecrets(bodies);
    // Two flows: two interaction handles, stateHandles, interaction codes and access tokens at least.
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    expect(secretsOnDisk(db.path, [...secrets, NEW_PASSWORD, user.password, `"${PASSCODE}"`])).toEqual([]);
    expect(secretsOnDisk(db.path, [user.login])).toEqual([user.login]);

    // The analysis of what was recorded: one Identity Engine transaction per flow, read by the remediations taken.
    const { transactions, findings } = summary.analysis;
    expect(transactions.map((t) => [t.protocol, t.outcome])).toEqual([['okta-idx', 'SUCCESS'], ['okta-idx', 'SUCCESS']]);
    const [signInTx, recoveryTx] = transactions;
    expect(signInTx!.steps.map((st) => st.operation)).toEqual([
      'interact', 'introspect', 'identify', 'challenge-authenticator', 'select-authenticator-authenticate', 'challenge-authenticator', 'successWithInteractionCode',
    ]);
    expect(recoveryTx!.steps.map((st) => st.operation)).toContain('reset-authenticator');
    expect(recoveryTx!.steps).toHaveLength(10);
    // The seed question in IDX form: the reset is committed while sign-in still needs the phone.
    const reset = recoveryTx!.steps.find((st) => st.operation === 'reset-authenticator')!;
    expect(findings.filter((f) => f.rule === 'idx-reset-committed-before-mfa').map((f) => [f.transaction, f.step])).toEqual([[recoveryTx!.id, reset.step]]);
    // A recording holds nothing in clear to report, and the sign-in raises nothing above info.
    expect(findings.filter((f) => f.transaction === signInTx!.id && f.severity !== 'info')).toEqual([]);
    expect(summary.analysis.unread).toEqual({});
  });
});
