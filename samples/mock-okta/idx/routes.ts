import { createHash, randomBytes } from 'node:crypto';
import type { MockReply, MockRoute } from '../routes.js';
import { ION_TYPE } from './ion.js';
import { idxOf, type IdxOrg, type IdxReply } from './org.js';

/**
 * Identity Engine on the mock's route table: `/oauth2[/{as}]/v1/interact`, every `/idp/idx/*` call, the
 * token endpoint for `grant_type=interaction_code` only (other grants belong to the OAuth routes), and the
 * discovery document the SDKs read first.
 */

type Json = Record<string, any>;
const AUTH_SERVER = /^(\/oauth2(?:\/[^/]+)?)\/v1\/(interact|token)$/;
const DISCOVERY = /^(\/oauth2(?:\/[^/]+)?)\/\.well-known\/(?:openid-configuration|oauth-authorization-server)$/;
const oauthError = (status: number, error: string, description: string): MockReply => ({ status, body: { error, error_description: description } });

type Handler = (idx: IdxOrg, body: Json, origin: string) => IdxReply;
const IDX_ENDPOINTS: Record<string, Handler> = {
  '/idp/idx/introspect': (idx, body, origin) => idx.introspect(body, origin),
  '/idp/idx/identify': (idx, body, origin) => idx.identify(body, origin),
  '/idp/idx/challenge': (idx, body, origin) => idx.challenge(body, origin),
  '/idp/idx/challenge/answer': (idx, body, origin) => idx.answer(body, origin),
  '/idp/idx/challenge/resend': (idx, body, origin) => idx.resend(body, origin),
  '/idp/idx/recover': (idx, body, origin) => idx.recover(body, origin),
  '/idp/idx/cancel': (idx, body, origin) => idx.cancel(body, origin),
};

export const idxRoute: MockRoute = {
  name: 'okta-idx',
  matches: (method, path, req) => {
    if (method === 'GET') return DISCOVERY.test(path);
    if (method !== 'POST') return false;
    if (path.startsWith('/idp/idx/')) return true;
    const m = AUTH_SERVER.exec(path);
    return Boolean(m) && (m![2] === 'interact' || req?.body.grant_type === 'interaction_code');
  },
  handle: (req, { org }) => {
    const idx = idxOf(org);
    const discovery = DISCOVERY.exec(req.path);
    if (discovery) return { status: 200, body: metadata(req.origin, discovery[1]!) };
    const as = AUTH_SERVER.exec(req.path);
    if (as?.[2] === 'interact') return interact(idx, req.body, as[1]!);
    if (as?.[2] === 'token') return token(idx, req.body, req.origin, as[1]!);
    const handler = IDX_ENDPOINTS[req.path.replace(/\/+$/, '')];
    if (!handler) return { status: 404, body: { version: '1.0.0', messages: { type: 'array', value: [] } }, headers: { 'content-type': ION_TYPE } };
    return handler(idx, req.body, req.origin);
  },
};

function interact(idx: IdxOrg, body: Json, authServer: string): MockReply {
  if (!body.client_id) return oauthError(400, 'invalid_client', 'A client_id must be provided in the request.');
  if (!body.code_challenge) return oauthError(400, 'invalid_request', "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.");
  if (body.code_challenge_method !== 'S256') return oauthError(400, 'invalid_request', "The code_challenge_method is not supported: only 'S256' is.");
  return idx.interact({
    clientId: String(body.client_id),
    redirectUri: String(body.redirect_uri ?? ''),
    codeChallenge: String(body.code_challenge),
    codeChallengeMethod: String(body.code_challenge_method),
    state: String(body.state ?? ''),
    scope: String(body.scope ?? 'openid'),
    authServer,
  });
}

/** The interaction_code grant: once, within its lifetime, for its client, with the verifier of its challenge. */
function token(idx: IdxOrg, body: Json, origin: string, authServer: string): MockReply {
  const issued = idx.codes.get(String(body.interaction_code ?? ''));
  if (!issued || issued.used || Date.now() - issued.issuedAt > idx.policy.codeTtlSeconds * 1000 || issued.interaction.authServer !== authServer) {
    return oauthError(400, 'invalid_grant', 'The interaction code is invalid or has expired.');
  }
  if (body.client_id !== issued.interaction.clientId) return oauthError(401, 'invalid_client', 'Client authentication failed.');
  const derived = createHash('sha256').update(String(body.code_verifier ?? '')).digest('base64url');
  if (derived !== issued.interaction.codeChallenge) return oauthError(400, 'invalid_grant', 'PKCE verification failed.');
  issued.used = true;
  const issuer = `${origin}${authServer}`;
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: issuer, sub: issued.user.id, iat: now, exp: now + 3600 };
  const scope = issued.interaction.scope;
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: fakeJwt({ ...claims, ver: 1, cid: issued.interaction.clientId, scp: scope.split(' ') }),
      scope,
      // An id_token only for openid: its iss is the org's own origin, which a client behind a proxy would reject.
      ...(scope.split(' ').includes('openid') ? { id_token: fakeJwt({ ...claims, aud: issued.interaction.clientId }) } : {}),
    },
  };
}

/** The authorization server's metadata: okta-auth-js reads code_challenge_methods_supported before /interact. */
function metadata(origin: string, authServer: string): Json {
  const base = `${origin}${authServer}`;
  return {
    issuer: base,
    authorization_endpoint: `${base}/v1/authorize`,
    token_endpoint: `${base}/v1/token`,
    jwks_uri: `${base}/v1/keys`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'interaction_code', 'refresh_token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
  };
}

/** JWT-shaped (header.claims.signature) with a random signature: the mock publishes no keys. */
function fakeJwt(claims: Json): string {
  const part = (json: Json) => Buffer.from(JSON.stringify(json)).toString('base64url');
  return `${part({ kid: 'mock', alg: 'RS256' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`;
}
