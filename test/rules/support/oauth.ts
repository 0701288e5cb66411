import type { RawExchange } from '../../../src/model/exchange.js';
import { type StepOptions, step } from '../../helpers/rule-tester.js';

/** OAuth exchanges for the rule tables: an Okta custom authorization server and a web app's callback. */
export const AS = 'https://dev-1.okta.com/oauth2/default';
export const REDIRECT = 'https://app.example.com/callback';
/** RFC 7636 appendix B. */
export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
export const STATE = 'af0ifjsldkj-state-1';
export const NONCE = 'n-0S6_WzA2Mj-nonce';
export const CODE = 'SplxlOBeZQQYbYS6WxSbIA';

type Params = Record<string, string | undefined>;

const form = (p: Params) => new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => e[1] !== undefined)).toString();

export const AUTHORIZE: Params = { client_id: '0oa1client', response_type: 'code', scope: 'openid profile', redirect_uri: REDIRECT, state: STATE, nonce: NONCE, code_challenge: CHALLENGE, code_challenge_method: 'S256' };

/** An unsigned-looking JWT (the rules read claims only). */
export function jwt(claims: Record<string, unknown>): string {
  const b = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b({ alg: 'RS256', kid: 'k1' })}.${b(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

/** GET /authorize answered 302 to `location` (default: the redirect_uri with code and state). */
export function authorize(overrides: Params = {}, response: Params | null = { code: CODE, state: STATE }, options: StepOptions & { server?: string; location?: string } = {}): RawExchange {
  const p = { ...AUTHORIZE, ...overrides };
  const location = options.location ?? (response ? `${p.redirect_uri ?? REDIRECT}?${form(response)}` : `${options.server ?? AS}/../../login/login.htm`);
  return step(`GET ${options.server ?? AS}/v1/authorize?${form(p)}`, null, 302, null, { ...options, responseHeaders: { location, ...options.responseHeaders } });
}

export function callback(params: Params = { code: CODE, state: STATE }, options: StepOptions = {}): RawExchange {
  return step(`GET ${REDIRECT}?${form(params)}`, null, 200, '<html><body>signed in</body></html>', options);
}

export const TOKENS = (extra: Record<string, unknown> = {}) => ({ token_type: 'Bearer', expires_in: 3600, access_token: jwt({ sub: '00u1', scp: ['openid'] }), id_token: jwt({ sub: '00u1', nonce: NONCE, iss: AS }), ...extra });

/** POST /token with a form body. */
export function token(params: Params, status = 200, response: unknown = TOKENS(), options: StepOptions & { server?: string } = {}): RawExchange {
  return step(`POST ${options.server ?? AS}/v1/token`, form(params), status, response, { ...options, headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers } });
}

export const codeGrant = (overrides: Params = {}): Params => ({ grant_type: 'authorization_code', client_id: '0oa1client', code: CODE, redirect_uri: REDIRECT, code_verifier: VERIFIER, ...overrides });

export const INVALID_GRANT = { error: 'invalid_grant', error_description: 'The authorization code is invalid or has expired.' };
