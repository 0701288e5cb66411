import { describe, expect, it } from 'vitest';
import type { RawExchange } from '../../../src/model/exchange.js';
import { keepOnce, type ReadItem, sameCall } from '../../../src/sources/transcript/same-call.js';

function ex(path: string, status: number | null, request: unknown, response: unknown = null, headers: Record<string, string> = {}): RawExchange {
  return {
    method: 'POST',
    url: `https://dev-1.okta.com${path}`,
    requestHeaders: headers,
    requestBody: request,
    responseStatus: status,
    responseHeaders: {},
    responseBody: response,
    transportError: null,
    startedAt: null,
    durationMs: null,
    sourceRef: 'x',
    group: 't1',
  };
}

const login = { username: 'a@b.c', password: 'p' };
const verify = (token: string) => ({ stateToken: token, passCode: '123456' });
const item = (e: RawExchange, rank: number, line: number): ReadItem => ({ e, rank, line });

describe('the same call read by two readers of one paste', () => {
  it('tells the same call from another: path with placeholders, body, status, the answer’s tokens', () => {
    expect(sameCall(ex('/api/v1/authn/factors/{{r.json()["id"]}}/verify', null, verify('{{r.json()["stateToken"]}}')), ex('/api/v1/authn/factors/sms1/verify', 403, verify('00a')))).toBe(true);
    expect(sameCall(ex('/api/v1/authn', 401, login), ex('/api/v1/authn', 200, login))).toBe(false);
    expect(sameCall(ex('/api/v1/authn', 200, login), ex('/api/v1/authn', 200, { ...login, password: 'q' }))).toBe(false);
    expect(sameCall(ex('/api/v1/authn', 200, login, { status: 'MFA_REQUIRED', stateToken: '00a' }), ex('/api/v1/authn', 200, login, { status: 'MFA_REQUIRED', stateToken: '00b' }))).toBe(false);
    expect(sameCall(ex('/api/v1/authn/factors/sms1/verify', null, null), ex('/api/v1/authn/factors/sms1/verify/extra', 200, null))).toBe(false);
  });

  it("matches a script's calls, in order, to the wire log of them after the script; the one that tells more stays", () => {
    const script = [item(ex('/api/v1/authn', null, login), 1, 5), item(ex('/api/v1/authn/factors/{{fid}}/verify', null, verify('{{token}}')), 1, 7)];
    const wire = [
      item(ex('/api/v1/authn', 200, login, { status: 'MFA_REQUIRED', stateToken: '00a' }, { host: 'dev-1.okta.com' }), 0, 12),
      item(ex('/api/v1/authn/factors/sms1/verify', 403, verify('00a'), { errorCode: 'E0000068' }), 0, 20),
    ];
    expect(keepOnce([...script, ...wire])).toEqual(wire);
    // The wire log of the last call only: the first call stays as the script shows it.
    expect(keepOnce([...script, wire[1]!])).toEqual([script[0], wire[1]]);
  });

  it('keeps a call made twice by one reader twice, and calls that differ apart', () => {
    const first = item(ex('/api/v1/authn', 401, login, { errorCode: 'E0000004' }), 0, 3);
    const again = item(ex('/api/v1/authn', 401, login, { errorCode: 'E0000004' }), 0, 9);
    expect(keepOnce([first, again])).toEqual([first, again]);
    // Another reader's calls after them, none the same: all kept.
    const other = [item(ex('/api/v1/authn/recovery/password', 200, { username: 'a@b.c' }), 1, 15), item(ex('/api/v1/authn', 200, { ...login, password: 'q' }, { status: 'SUCCESS' }), 1, 20)];
    expect(keepOnce([first, again, ...other])).toEqual([first, again, ...other]);
  });

  it('keeps the neighbour rule: the same method and path next to each other, or the same line, is one call', () => {
    const curl = item(ex('/api/v1/authn', null, login), 0, 3);
    const raw = item(ex('/api/v1/authn', 429, { username: 'a@b.c' }), 1, 8);
    expect(keepOnce([curl, raw])).toEqual([raw]);
    const log = item(ex('/api/v1/authn/cancel', 200, null), 1, 3);
    expect(keepOnce([item(ex('/api/v1/authn', null, login), 0, 3), log])).toEqual([log]);
  });
});
