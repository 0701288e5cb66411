import type { MockOrg } from '../org.js';
import type { MockReply, MockRequest } from '../routes.js';
import type { MockUser } from '../users.js';
import { CODE_LIFETIME_MS, oauthState, randomToken, s256, signJwt } from './state.js';

/** The browser calls /token cross-origin (a SPA): simple CORS, as Okta answers trusted origins. */
export const CORS = { 'access-control-allow-origin': '*', 'cache-control': 'no-store', pragma: 'no-cache' };

const error = (status: number, code: string, description: string): MockReply => ({ status, body: { error: code, error_description: description }, headers: CORS });

function tokens(org: MockOrg, issuer: string, clientId: string, user: MockUser, scope: string, nonce: string | null, family: string | null): MockReply {
  const state = oauthState(org);
  const now = Math.floor(Date.now() / 1000);
  const accessToken = signJwt({ ver: 1, jti: `AT.${randomToken(12)}`, iss: issuer, aud: 'api://default', iat: now, exp: now + 3600, cid: clientId, uid: user.id, scp: scope.split(' '), sub: user.login });
  state.access.set(accessToken, { user, scope });
  const body: Record<string, unknown> = { token_type: 'Bearer', expires_in: 3600, access_token: accessToken, scope };
  if (scope.split(' ').includes('openid')) {
    body.id_token = signJwt({ sub: user.id, ver: 1, iss: issuer, aud: clientId, iat: now, exp: now + 3600, jti: `ID.${randomToken(12)}`, amr: ['pwd'], idp: '00o1mock', ...(nonce ? { nonce } : {}), preferred_username: user.login, auth_time: now });
  }
  if (scope.split(' ').includes('offline_access')) {
    const refresh = randomToken(32);
    state.refresh.set(refresh, { clientId, scope, user, family: family ?? randomToken(8), retired: false });
    body.refresh_token = refresh;
  }
  return { status: 200, body, headers: CORS };
}

/**
 * POST /token: authorization_code (single use, 60 s, redirect_uri identical, S256 verifier checked, a verifier
 * without a challenge refused) and refresh_token with rotation (a retired token revokes its family).
 */
export function token(req: MockRequest, org: MockOrg, issuer: string): MockReply {
  const p = req.body as Record<string, string | undefined>;
  const state = oauthState(org);
  if (p.grant_type === 'authorization_code') {
    const code = p.code ? state.codes.get(p.code) : undefined;
    if (!code || code.used || Date.now() - code.issuedAt > CODE_LIFETIME_MS) return error(400, 'invalid_grant', 'The authorization code is invalid or has expired.');
    code.used = true;
    if (p.client_id !== code.clientId) return error(401, 'invalid_client', 'Client authentication failed.');
    if ((p.redirect_uri ?? null) !== code.redirectUri) return error(400, 'invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
    if (code.challenge ? !p.code_verifier || s256(p.code_verifier) !== code.challenge : p.code_verifier) {
      return error(400, 'invalid_grant', 'PKCE verification failed.');
    }
    return tokens(org, issuer, code.clientId, code.user, code.scope, code.nonce, null);
  }
  if (p.grant_type === 'refresh_token') {
    const refresh = p.refresh_token ? state.refresh.get(p.refresh_token) : undefined;
    if (!refresh || refresh.clientId !== p.client_id) return error(400, 'invalid_grant', 'The refresh token is invalid or expired.');
    if (refresh.retired) {
      for (const r of state.refresh.values()) if (r.family === refresh.family) r.retired = true;
      return error(400, 'invalid_grant', 'The refresh token is invalid or expired.');
    }
    refresh.retired = true;
    return tokens(org, issuer, refresh.clientId, refresh.user, refresh.scope, null, refresh.family);
  }
  return error(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server: ${p.grant_type ?? '(none)'}.`);
}
