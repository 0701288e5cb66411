import { obj, str } from '../../model/json.js';
import type { Exchange } from '../../model/exchange.js';
import type { OAuthStep } from '../../model/oauth.js';
import { parseTokenRef } from '../../redact/token.js';
import type { CallInfo } from './calls.js';
import { type Params, bodyParams, credentialNames, formAction, fragmentOf, param, queryOf } from './params.js';

/** The authorization response an authorize answer carries: its 3xx Location, or the hidden inputs of a form_post page. */
function authorizationResponse(e: Exchange): { params: Params; target: string | null } | null {
  const status = e.responseStatus ?? 0;
  const location = e.responseHeaders.location;
  if (status >= 300 && status < 400 && location) {
    const params = new Map([...queryOf(location), ...fragmentOf(location)]);
    return params.has('code') || params.has('error') || params.has('access_token') || params.has('id_token') ? { params, target: location } : null;
  }
  const inputs = bodyParams(e.responseBody);
  if (typeof e.responseBody === 'string' && (inputs.has('code') || inputs.has('error') || inputs.has('id_token'))) return { params: inputs, target: formAction(e.responseBody) };
  return null;
}

function responseOf(p: Params): NonNullable<OAuthStep['response']> {
  return {
    state: param(p, 'state'),
    code: parseTokenRef(param(p, 'code')),
    iss: param(p, 'iss'),
    error: param(p, 'error'),
    tokens: ['access_token', 'id_token'].filter((n) => param(p, n) !== null),
  };
}

function clientAuthOf(e: Exchange, req: Params): string | null {
  if (/^basic\s/i.test(e.requestHeaders.authorization ?? '')) return 'client_secret_basic';
  if (param(req, 'client_assertion')) return 'private_key_jwt';
  if (param(req, 'client_secret')) return 'client_secret_post';
  return 'none';
}

/** Everything the OAuth rules compare of one exchange, read once (values as stored: credentials redacted). */
export function oauthStepOf(e: Exchange, info: CallInfo): OAuthStep {
  const { call } = info;
  const req = call === 'authorize' || call === 'callback' || call === 'logout' ? (e.method === 'POST' ? bodyParams(e.requestBody) : queryOf(e.url)) : bodyParams(e.requestBody);
  const res = obj(e.responseBody);
  const authz = call === 'authorize' ? authorizationResponse(e) : call === 'callback' ? { params: new Map([...req, ...fragmentOf(e.url)]), target: null } : null;
  const idToken = str(res.id_token) ?? (authz ? param(authz.params, 'id_token') : null);
  const accessToken = str(res.access_token);
  const bearer = /^bearer\s+(.+)$/i.exec(e.requestHeaders.authorization ?? '')?.[1] ?? null;
  return {
    call,
    server: info.server,
    grantType: call === 'token' ? param(req, 'grant_type') : null,
    responseType: param(req, 'response_type'),
    responseMode: param(req, 'response_mode'),
    clientId: param(req, 'client_id'),
    redirectUri: param(req, 'redirect_uri'),
    scope: param(req, 'scope'),
    state: call === 'authorize' ? param(req, 'state') : null,
    nonce: call === 'authorize' ? param(req, 'nonce') : null,
    codeChallenge: param(req, 'code_challenge'),
    codeChallengeMethod: param(req, 'code_challenge_method'),
    response: authz ? responseOf(authz.params) : null,
    code: call === 'token' || call === 'callback' ? parseTokenRef(param(req, 'code')) : null,
    verifierSent: param(req, 'code_verifier') !== null,
    verifier: e.evidence.oauth?.verifier ?? null,
    clientAuth: call === 'token' || call === 'revoke' ? clientAuthOf(e, req) : null,
    refreshToken: parseTokenRef(call === 'token' ? param(req, 'refresh_token') : call === 'revoke' && param(req, 'token_type_hint') === 'refresh_token' ? param(req, 'token') : null),
    issued: { accessToken: parseTokenRef(accessToken), refreshToken: parseTokenRef(res.refresh_token), idToken: parseTokenRef(idToken) },
    idTokenClaims: jwtClaims(idToken),
    accessTokenClaims: jwtClaims(accessToken ?? (call === 'userinfo' ? bearer : null)),
    error: str(res.error) ?? (authz ? param(authz.params, 'error') : null),
    urlSecrets: credentialNames(e.url),
    refererSecrets: credentialNames(e.requestHeaders.referer),
  };
}

/** Where the authorization response sent the browser (Location or form action), for the redirect_uri check. */
export function responseTarget(e: Exchange): string | null {
  return authorizationResponse(e)?.target ?? null;
}

/** The claims of a JWT as stored (`header.claims.` plus a fingerprint: redaction drops the signature), or null. */
export function jwtClaims(value: string | null): Record<string, unknown> | null {
  if (!value || !value.startsWith('eyJ')) return null;
  const parts = value.split('.');
  if (parts.length < 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
