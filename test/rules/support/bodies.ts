/** Small builders for Okta response bodies used by the rule tables. Values follow the shapes of test/fixtures/okta. */

export const USER_ID = '00ub0oNGTSWTBKOLGLNR';

export function user(passwordChanged?: string, extra: Record<string, unknown> = {}) {
  return {
    id: USER_ID,
    ...(passwordChanged ? { passwordChanged } : {}),
    profile: { login: 'isaac@example.org', firstName: 'Isaac', lastName: 'Brock', locale: 'en_US', timeZone: 'America/Los_Angeles' },
    ...extra,
  };
}

export function tx(status: string, stateToken: string | null, expiresAt: string, embedded: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { ...(stateToken ? { stateToken } : {}), expiresAt, status, _embedded: { user: user(), ...embedded }, ...extra };
}

export const COMPLEXITY = { minLength: 10, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 1, excludeUsername: true, excludeAttributes: ['firstName', 'lastName'] };

export function factor(id: string, factorType = 'email', profile: Record<string, unknown> = { email: 'i...k@example.org' }) {
  return {
    id,
    factorType,
    provider: 'OKTA',
    profile,
    _links: { verify: { href: `https://dev-1.okta.com/api/v1/authn/factors/${id}/verify`, hints: { allow: ['POST'] } } },
  };
}

export function links(...names: string[]) {
  const href: Record<string, string> = {
    cancel: '/api/v1/authn/cancel',
    skip: '/api/v1/authn/skip',
    prev: '/api/v1/authn/previous',
    resetPassword: '/api/v1/authn/credentials/reset_password',
    answer: '/api/v1/authn/recovery/answer',
    recovery: '/api/v1/authn/recovery/token',
  };
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const [rel, target] = n.includes('=') ? n.split('=') : [n, href[n] ?? n];
    out[rel] = { ...(rel === 'next' ? { name: target.split('/').pop() } : {}), href: `https://dev-1.okta.com${target}`, hints: { allow: ['POST'] } };
  }
  return out;
}
