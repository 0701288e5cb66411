import type { MockOrg } from '../org.js';
import type { MockReply, MockRequest } from '../routes.js';
import { CORS } from './token.js';
import { jwks, oauthState } from './state.js';

/** The discovery document of the mock's default authorization server (only S256, like Okta's). */
export function discovery(issuer: string): MockReply {
  return {
    status: 200,
    headers: CORS,
    body: {
      issuer,
      authorization_endpoint: `${issuer}/v1/authorize`,
      token_endpoint: `${issuer}/v1/token`,
      userinfo_endpoint: `${issuer}/v1/userinfo`,
      jwks_uri: `${issuer}/v1/keys`,
      revocation_endpoint: `${issuer}/v1/revoke`,
      end_session_endpoint: `${issuer}/v1/logout`,
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'form_post'],
      grant_types_supported: ['authorization_code', 'interaction_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    },
  };
}

export const keys = (): MockReply => ({ status: 200, headers: CORS, body: jwks() });

export function userinfo(req: MockRequest, org: MockOrg): MockReply {
  const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
  const grant = bearer ? oauthState(org).access.get(bearer) : undefined;
  if (!grant) return { status: 401, text: '', headers: { ...CORS, 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token is invalid."' } };
  const u = grant.user;
  return { status: 200, headers: CORS, body: { sub: u.id, name: `${u.firstName} ${u.lastName}`, preferred_username: u.login, email: u.login } };
}

/** RFC 7009: 200 whether or not the token was known. */
export function revoke(req: MockRequest, org: MockOrg): MockReply {
  const token = String(req.body.token ?? '');
  const state = oauthState(org);
  const refresh = state.refresh.get(token);
  if (refresh) refresh.retired = true;
  state.access.delete(token);
  return { status: 200, text: '', headers: CORS };
}

export function logout(req: MockRequest): MockReply {
  const target = req.query.get('post_logout_redirect_uri');
  if (!target) return { status: 200, text: '<html><body>signed out</body></html>' };
  const url = new URL(target);
  const state = req.query.get('state');
  if (state) url.searchParams.set('state', state);
  return { status: 302, text: '', headers: { location: url.toString() } };
}
