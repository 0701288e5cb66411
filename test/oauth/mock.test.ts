import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthRoute } from '../../samples/mock-okta/oauth/index.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { REDIRECT, authorize, challengeOf, codeFlow, newVerifier, token } from './client.js';

/** The mock's authorization server over real HTTP: what the end-to-end tests rely on it to refuse. */
describe('mock Okta OAuth endpoints', () => {
  let mock: MockOkta;
  let base: string;
  beforeAll(async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    base = mock.url;
  });
  afterAll(() => mock.stop());

  it('issues a code with the state echoed, and tokens whose RS256 signature the published key verifies', async () => {
    const { auth, tokens } = await codeFlow(base, { state: 'st-echo-1', nonce: 'n-1' });
    expect(auth.status).toBe(302);
    expect(auth.location).toMatch(/^http:\/\/127\.0\.0\.1:9\/callback\?code=/);
    expect(auth.params.get('state')).toBe('st-echo-1');
    expect(tokens.status).toBe(200);
    const [h, c, s] = (tokens.body.id_token as string).split('.');
    const claims = JSON.parse(Buffer.from(c, 'base64url').toString());
    expect(claims).toMatchObject({ nonce: 'n-1', aud: '0oa1mocknative', iss: `${base}/oauth2/default` });
    const jwks = (await (await fetch(`${base}/oauth2/default/v1/keys`)).json()) as { keys: any[] };
    const key = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${c}`), key, Buffer.from(s, 'base64url'))).toBe(true);
    const info = await fetch(`${base}/oauth2/default/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(info.status).toBe(200);
    expect(((await info.json()) as any).sub).toBe(claims.sub);
  });

  it('answers form_post with an auto-submitting page to the redirect_uri', async () => {
    const auth = await authorize(base, { state: 'st-fp', response_mode: 'form_post', code_challenge: challengeOf(newVerifier()), code_challenge_method: 'S256' });
    expect(auth.status).toBe(200);
    expect(auth.html).toContain(`action="${REDIRECT}"`);
    expect(auth.params.get('state')).toBe('st-fp');
    expect(auth.params.get('code')).toMatch(/^[\w-]{40,}$/);
  });

  it('refuses plain PKCE at /authorize, and a wrong verifier, a reused code and another redirect_uri at /token', async () => {
    const plain = await authorize(base, { state: 's', code_challenge: newVerifier(), code_challenge_method: 'plain' });
    expect(plain.params.get('error')).toBe('invalid_request');
    expect(plain.params.get('state')).toBe('s');
    const verifier = newVerifier();
    const first = await authorize(base, { state: 's1', code_challenge: challengeOf(verifier), code_challenge_method: 'S256' });
    const wrong = await token(base, { grant_type: 'authorization_code', code: first.params.get('code')!, redirect_uri: REDIRECT, code_verifier: newVerifier() });
    expect([wrong.status, wrong.body.error]).toEqual([400, 'invalid_grant']);
    const { code } = await codeFlow(base);
    const again = await token(base, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(again.body.error).toBe('invalid_grant');
    const other = await authorize(base, { state: 's2', code_challenge: challengeOf(verifier), code_challenge_method: 'S256' });
    const elsewhere = await token(base, { grant_type: 'authorization_code', code: other.params.get('code')!, redirect_uri: `${REDIRECT}/`, code_verifier: verifier });
    expect(elsewhere.body.error).toBe('invalid_grant');
  });

  it('rotates refresh tokens; a rotated one is refused and retires its family', async () => {
    const { tokens } = await codeFlow(base);
    const r1 = tokens.body.refresh_token as string;
    const second = await token(base, { grant_type: 'refresh_token', refresh_token: r1 });
    const r2 = second.body.refresh_token as string;
    expect(second.status).toBe(200);
    expect(r2).not.toBe(r1);
    expect((await token(base, { grant_type: 'refresh_token', refresh_token: r1 })).body.error).toBe('invalid_grant');
    expect((await token(base, { grant_type: 'refresh_token', refresh_token: r2 })).body.error).toBe('invalid_grant');
  });

  it('leaves the interaction_code grant and /interact to the Identity Engine routes', async () => {
    const req = (body: Record<string, string>) => ({ method: 'POST', path: '/oauth2/default/v1/token', query: new URLSearchParams(), headers: {}, text: '', body, origin: base });
    expect(oauthRoute.matches('POST', '/oauth2/default/v1/token', req({ grant_type: 'interaction_code' }))).toBe(false);
    expect(oauthRoute.matches('POST', '/oauth2/default/v1/token', req({ grant_type: 'authorization_code' }))).toBe(true);
    expect(oauthRoute.matches('POST', '/oauth2/v1/interact', req({}))).toBe(false);
    // Over HTTP: whoever answers it (the Identity Engine route, or nobody), it is not this server's token endpoint.
    const res = await token(base, { grant_type: 'interaction_code', interaction_code: 'ic-1', code_verifier: newVerifier() });
    expect(res.body.error).not.toBe('unsupported_grant_type');
  });

  it('serves discovery (S256 only), revoke and logout', async () => {
    const doc = (await (await fetch(`${base}/oauth2/default/.well-known/openid-configuration`)).json()) as any;
    expect(doc).toMatchObject({ issuer: `${base}/oauth2/default`, code_challenge_methods_supported: ['S256'], token_endpoint: `${base}/oauth2/default/v1/token` });
    const { tokens } = await codeFlow(base);
    const revoked = await fetch(`${base}/oauth2/default/v1/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: tokens.body.refresh_token, token_type_hint: 'refresh_token', client_id: '0oa1mocknative' }) });
    expect(revoked.status).toBe(200);
    expect((await token(base, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token })).body.error).toBe('invalid_grant');
    const out = await fetch(`${base}/oauth2/default/v1/logout?id_token_hint=${tokens.body.id_token}&post_logout_redirect_uri=${encodeURIComponent('http://127.0.0.1:9/bye')}&state=x`, { redirect: 'manual' });
    expect([out.status, out.headers.get('location')]).toEqual([302, 'http://127.0.0.1:9/bye?state=x']);
  });
});
