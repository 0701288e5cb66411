import { afterEach, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { recordInto, secretsOnDisk, tempDb } from '../proxy/helpers.js';
import { CLIENT, REDIRECT, codeFlow, token } from './client.js';

/**
 * A native client's flows through the recorder (reverse proxy) to the mock: form_post, refresh rotation, a
 * replayed code and a replayed rotated refresh token. The database file holds none of the credentials.
 */
describe('OAuth flows recorded through the proxy', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it('links each flow into one transaction, flags the two replays, and stores no credential in clear', async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    db = tempDb();
    const { recorder } = await recordInto(db.path, { target: mock.url });
    const base = recorder.url;
    const clean = await codeFlow(base, { response_mode: 'form_post', state: 'form-post-state-1' });
    expect(clean.tokens.status).toBe(200);
    const r1 = clean.tokens.body.refresh_token as string;
    const rotated = await token(base, { grant_type: 'refresh_token', refresh_token: r1 });
    expect(rotated.status).toBe(200);
    const replayedRefresh = await token(base, { grant_type: 'refresh_token', refresh_token: r1 });
    expect(replayedRefresh.body.error).toBe('invalid_grant');
    const second = await codeFlow(base, { state: 'query-state-2' });
    const info = await fetch(`${base}/oauth2/default/v1/userinfo`, { headers: { authorization: `Bearer ${second.tokens.body.access_token}` } });
    expect(info.status).toBe(200);
    const replayedCode = await token(base, { grant_type: 'authorization_code', code: second.code, redirect_uri: REDIRECT, code_verifier: second.verifier });
    expect(replayedCode.body.error).toBe('invalid_grant');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    await fetch(`${base}/oauth2/default/v1/revoke`, { method: 'POST', headers: form, body: new URLSearchParams({ token: second.tokens.body.refresh_token, token_type_hint: 'refresh_token', client_id: CLIENT }) });
    await fetch(`${base}/oauth2/default/v1/logout?id_token_hint=${second.tokens.body.id_token}`, { redirect: 'manual' });
    const { analysis } = await recorder.stop();

    const ops = analysis.transactions.map((t) => t.steps.map((s) => s.operation).join(' '));
    expect(ops).toEqual([
      'authorize token.authorization_code token.refresh_token token.refresh_token',
      'authorize token.authorization_code userinfo token.authorization_code revoke logout',
    ]);
    expect(analysis.transactions.map((t) => [t.outcome, t.steps.at(-1)!.statusAfter])).toEqual([['SUCCESS', 'TOKENS_ISSUED'], ['SUCCESS', 'LOGGED_OUT']]);
    const findings = analysis.findings.map((f) => [f.rule, f.transaction, f.step, f.severity]).sort();
    expect(findings).toEqual([
      ['authorization-code-reuse', analysis.transactions[1].id, 4, 'medium'],
      ['refresh-token-reuse', analysis.transactions[0].id, 4, 'medium'],
    ]);
    // The form_post page's hidden code and the token response's id_token claims are readable, credentials are not.
    const first = analysis.transactions[0].steps;
    expect(first[0].oauth?.response?.state).toBe('form-post-state-1');
    expect(first[1].oauth?.verifier?.s256).toBe(first[0].oauth?.codeChallenge);
    expect(first[1].oauth?.idTokenClaims?.aud).toBe('0oa1mocknative');
    const secrets = [clean.code, clean.verifier, r1, rotated.body.refresh_token, clean.tokens.body.access_token, clean.tokens.body.id_token, second.code];
    const signature = (clean.tokens.body.id_token as string).split('.')[2];
    expect(secretsOnDisk(db.path, [...secrets, signature])).toEqual([]);
  }, 30_000);
});
