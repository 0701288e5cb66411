import { describe, expect, it } from 'vitest';
import { linkChains } from '../../src/analyze/link.js';
import { buildTransactions } from '../../src/analyze/timeline.js';
import { openStore } from '../../src/store/store.js';
import { ingestRaw, post } from '../helpers/flow.js';
import type { RawExchange } from '../../src/model/exchange.js';

const T1 = '00aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
const T2 = '00bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2';
const user = (id = '00u1ejh1oq5ChfLqk0g4') => ({ user: { id, passwordChanged: '2022-10-17T19:59:32.000Z', profile: { login: 'test.user@okta.com' } } });

async function transactions(raws: RawExchange[]) {
  const store = openStore(':memory:');
  await ingestRaw(store, raws);
  return buildTransactions(linkChains(store.exchanges()).chains);
}

const recovery = (group = 'g1'): RawExchange[] => [
  post('/api/v1/authn/recovery/password', { username: 'test.user@okta.com' }, 200, { status: 'RECOVERY', recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM', _embedded: user() }, { group }),
  post('/api/v1/authn/recovery/token', { recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, 200, { status: 'RECOVERY', stateToken: T1, _embedded: user() }, { group }),
  post('/api/v1/authn/recovery/answer', { stateToken: T1, answer: 'blue' }, 200, { status: 'PASSWORD_RESET', stateToken: T1, _embedded: user() }, { group }),
  post('/api/v1/authn/credentials/reset_password', { stateToken: T1, newPassword: 'Xy9!abcdefgh' }, 200, { status: 'MFA_REQUIRED', stateToken: T2, _embedded: user() }, { group }),
  post('/api/v1/authn/factors/emf1/verify', { stateToken: T2 }, 200, { status: 'MFA_CHALLENGE', stateToken: T2, factorResult: 'CHALLENGE', _embedded: user() }, { group }),
  post('/api/v1/authn/factors/emf1/verify', { stateToken: T2, passCode: '123456' }, 200, { status: 'SUCCESS', sessionToken: '20111abcdefghijklmnop', _embedded: user() }, { group }),
];

describe('linking and timelines', () => {
  it('follows recoveryToken to stateToken and through rotation: one transaction, statuses in order', async () => {
    const [t, ...rest] = await transactions(recovery());
    expect(rest).toHaveLength(0);
    expect(t.outcome).toBe('SUCCESS');
    expect(t.steps.map((s) => s.operation)).toEqual([
      'recovery.password', 'recovery.token', 'recovery.answer', 'credentials.reset_password', 'factors.verify', 'factors.verify',
    ]);
    expect(t.steps.map((s) => `${s.statusBefore}>${s.statusAfter}`)).toEqual([
      'START>RECOVERY', 'RECOVERY>RECOVERY', 'RECOVERY>PASSWORD_RESET', 'PASSWORD_RESET>MFA_REQUIRED', 'MFA_REQUIRED>MFA_CHALLENGE', 'MFA_CHALLENGE>SUCCESS',
    ]);
    expect(t.steps.map((s) => s.rotated)).toEqual([false, false, false, true, false, false]);
    expect(t.steps[4].factorResult).toBe('CHALLENGE');
    expect(t.user).toEqual({ id: '00u1ejh1oq5ChfLqk0g4', login: 'test.user@okta.com' });
  });

  it('never links across groups: the same flow pasted twice is two transactions', async () => {
    const txs = await transactions([...recovery('t1'), ...recovery('t2')]);
    expect(txs.map((t) => t.steps.length)).toEqual([6, 6]);
  });

  it('keeps an error step in place without changing the state, and a stale token joins its ended chain', async () => {
    const raws = [
      post('/api/v1/authn', { username: 'u@x.io', password: 'pw-Long-enough1' }, 200, { status: 'MFA_REQUIRED', stateToken: T1, _embedded: user() }),
      post('/api/v1/authn/factors/ost1/verify', { stateToken: T1, passCode: '000000' }, 403, { errorCode: 'E0000068' }),
      post('/api/v1/authn/factors/ost1/verify', { stateToken: T1, passCode: '123456' }, 200, { status: 'SUCCESS', sessionToken: 'sess-aaaaaaaaaaaaaaa' }),
      post('/api/v1/authn/factors/ost1/verify', { stateToken: T1, passCode: '123456' }, 401, { errorCode: 'E0000011' }),
      post('/api/v1/authn', { username: 'u@x.io', password: 'pw-Long-enough1' }, 200, { status: 'SUCCESS', sessionToken: 'sess-bbbbbbbbbbbbbbb' }),
    ];
    const txs = await transactions(raws);
    expect(txs.map((t) => t.steps.length)).toEqual([4, 1]);
    const [first] = txs;
    expect(first.steps[1]).toMatchObject({ statusBefore: 'MFA_REQUIRED', statusAfter: 'MFA_REQUIRED', httpStatus: 403, errorCode: 'E0000068' });
    expect(first.steps[3]).toMatchObject({ statusBefore: 'SUCCESS', statusAfter: 'SUCCESS', errorCode: 'E0000011' });
  });

  it('links a chain whose token the evidence lost by user id, and marks evidence that starts mid-flow', async () => {
    const raws = [
      post('/api/v1/authn/recovery/password', { username: 'u', factorType: 'EMAIL' }, 200, { status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL' }),
      post('/api/v1/authn/factors/x/verify', { stateToken: '*****' }, 200, { status: 'MFA_CHALLENGE', stateToken: '*****', _embedded: user('00uZZZ*****') }),
      post('/api/v1/authn/factors/x/verify', { stateToken: '*****', passCode: '1' }, 200, { status: 'SUCCESS', _embedded: user('00uZZZabcdef') }),
    ];
    const txs = await transactions(raws);
    expect(txs.map((t) => t.steps.length)).toEqual([1, 2]);
    expect(txs[1].steps[0].statusBefore).toBe('UNKNOWN');
    expect(txs[1].outcome).toBe('SUCCESS');
    expect(txs[0].outcome).toBe('IN_PROGRESS');
  });
});

describe('what links nothing', () => {
  it('a CORS preflight (OPTIONS) is no step and opens no transaction', async () => {
    const preflight = (path: string): RawExchange => ({ ...post(path, null, 204, null), method: 'OPTIONS' });
    const raws = recovery().flatMap((e) => [preflight(new URL(e.url).pathname), e]);
    const txs = await transactions(raws);
    expect(txs.map((t) => t.steps.length)).toEqual([6]);
    expect(txs[0].steps.map((s) => s.exchange.method)).toEqual(Array(6).fill("POST"));
  });

  it('two users whose stateTokens the paste replaced by the same placeholder stay two transactions', async () => {
    const flow = (login: string, id: string): RawExchange[] => [
      post('/api/v1/authn', { username: login, password: 'pw-Long-enough1' }, 200, { status: 'MFA_REQUIRED', stateToken: 'REDACTED', _embedded: user(id) }),
      post('/api/v1/authn/factors/ost1/verify', { stateToken: 'REDACTED', passCode: '123456' }, 200, { status: 'SUCCESS', sessionToken: 'REDACTED', _embedded: user(id) }),
    ];
    const [a1, a2] = flow('mary@x.io', '00u1ejh1oq5ChfLqk0g4');
    const [b1, b2] = flow('bob@x.io', '00u9zzz1oq5ChfLqk0g9');
    const txs = await transactions([a1, b1, a2, b2]);
    expect(txs.map((t) => t.steps.length)).toEqual([2, 2]);
    expect(txs.map((t) => t.user?.id)).toEqual(['00u1ejh1oq5ChfLqk0g4', '00u9zzz1oq5ChfLqk0g9']);
  });
});
