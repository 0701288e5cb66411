import type { Exchange } from '../model/exchange.js';

/**
 * Classic → Identity Engine readiness from captured traffic (issue 13 item 8): every Classic API call the app
 * makes, what Okta documents about it on an Identity Engine org, and the Identity Engine call that replaces
 * it. Okta's "Audit your Classic API dependencies" guide asks teams for exactly this inventory; the claims and
 * their pages are in docs/migration.md (the `source` keys below name them).
 */

export type MigrationSource = 'api-changes' | 'audit' | 'sessions' | 'classic-only' | 'embedded-api' | 'widget-migrating' | 'authjs-migrate';

export interface MigrationCheck {
  id: string;
  /** What the app does, as the evidence shows it. */
  title: string;
  /** What Okta documents for an Identity Engine org. */
  okta: string;
  /** The Identity Engine call (or model) that replaces it. */
  replacement: string;
  sources: MigrationSource[];
  matches(e: Exchange, path: string): boolean;
}

export interface MigrationItem {
  id: string;
  title: string;
  okta: string;
  replacement: string;
  sources: MigrationSource[];
  /** How many exchanges made this call. */
  calls: number;
  /** Where in the evidence, the first few (`login.har#entries[3]`). */
  places: string[];
}

type Json = Record<string, any>;
const body = (e: Exchange): Json => (e.requestBody && typeof e.requestBody === 'object' ? (e.requestBody as Json) : {});
const header = (e: Exchange, name: string) => e.requestHeaders[name] ?? '';
const isAuthn = (path: string) => /^\/api\/v1\/authn(\/|$)/.test(path);

/** In the order a reader meets them: specific findings first, the general Classic pipeline last. */
export const MIGRATION_CHECKS: MigrationCheck[] = [
  {
    id: 'authn-audience',
    title: 'POST /api/v1/authn with an `audience` parameter',
    okta: 'Not supported on Identity Engine: apps that pass audience fail.',
    replacement: 'OAuth 2.0 through a custom authorization server (POST /oauth2/{authServerId}/v1/interact, then /idp/idx/*, then /v1/token), whose audience the access token carries.',
    sources: ['api-changes'],
    matches: (e, path) => isAuthn(path) && body(e).audience !== undefined,
  },
  {
    id: 'authn-device-token',
    title: 'Authentication API with a device token (`context.deviceToken`)',
    okta: 'Behavior changed on Identity Engine: adopt an Identity Engine SDK or the redirect model.',
    replacement: 'An Identity Engine SDK (POST /idp/idx/introspect, /idp/idx/identify ...) or redirect to /oauth2/v1/authorize.',
    sources: ['api-changes'],
    matches: (e, path) => isAuthn(path) && body(e).context?.deviceToken !== undefined,
  },
  {
    id: 'sessions-cookie-token',
    title: 'POST /api/v1/sessions asking for `additionalFields=cookieToken`',
    okta: 'Not supported on Identity Engine: cookieToken cannot be requested as an additional field.',
    replacement: 'End the IDX flow at its success redirect (GET /login/token/redirect?stateToken=…) or exchange the interaction_code at /oauth2/v1/token.',
    sources: ['api-changes'],
    matches: (e, path) => path === '/api/v1/sessions' && /cookieToken/i.test(e.url),
  },
  {
    id: 'session-cookie-redirect',
    title: 'GET /login/sessionCookieRedirect with a sessionToken from /api/v1/authn',
    okta: 'Keeps working after the upgrade, but application sign-on policies are not enforced for this flow (the global session policy still applies).',
    replacement: 'The IDX success redirect (GET /login/token/redirect?stateToken=…) or /oauth2/v1/authorize, so app sign-on policies apply.',
    sources: ['embedded-api', 'sessions'],
    matches: (_e, path) => path === '/login/sessionCookieRedirect',
  },
  {
    id: 'sessions-me',
    title: 'GET /api/v1/sessions/me',
    okta: 'The response changed on Identity Engine: it no longer returns Identity Provider information. Okta recommends this endpoint (not the sid cookie) to learn whether the user is signed in.',
    replacement: 'Still GET /api/v1/sessions/me (it reads the idx cookie); take IdP details from the id_token or the Users API instead.',
    sources: ['api-changes', 'sessions'],
    matches: (_e, path) => path === '/api/v1/sessions/me',
  },
  {
    id: 'classic-recovery',
    title: 'Classic password recovery (/api/v1/authn/recovery/*, /api/v1/authn/credentials/reset_password)',
    okta: 'Limited on Identity Engine: the new Identity Engine recovery options are not reachable through the Classic API.',
    replacement: 'POST /idp/idx/recover, then /idp/idx/challenge and /idp/idx/challenge/answer (the OTP), then the reset-authenticator form (POST /idp/idx/challenge/answer with the new password).',
    sources: ['api-changes', 'authjs-migrate'],
    matches: (_e, path) => /^\/api\/v1\/authn\/(recovery\/|credentials\/reset_password$)/.test(path),
  },
  {
    id: 'factors-api',
    title: 'Factors API (/api/v1/users/{id}/factors)',
    okta: 'Behavior changed on Identity Engine: email auto-enrolls (reset differs), recovery questions appear in factor responses, SMS cannot be activated or deactivated through the Factors API.',
    replacement: 'Authenticator enrollment through IDX (POST /idp/idx/credential/enroll, /idp/idx/challenge/answer) or the MyAccount API.',
    sources: ['api-changes'],
    matches: (_e, path) => /^\/api\/v1\/users\/[^/]+\/factors(\/|$)/.test(path),
  },
  {
    id: 'embedded-widget-classic',
    title: 'The embedded Sign-In Widget on its Classic pipeline (okta-signin-widget calling /api/v1/authn)',
    okta: 'Widget 7 runs Identity Engine by default; Classic needs useClassicEngine: true, and the widget\'s migration guide says that option and Classic support will be removed in a future version.',
    replacement: 'The widget in its default Identity Engine mode (/oauth2/v1/interact and /idp/idx/*).',
    sources: ['widget-migrating', 'audit'],
    matches: (e, path) => isAuthn(path) && /okta-signin-widget/i.test(`${header(e, 'x-okta-user-agent-extended')} ${header(e, 'user-agent')}`),
  },
  {
    id: 'classic-authn',
    title: 'Classic Authentication API (/api/v1/authn*)',
    okta: 'A Classic Engine API: on an Identity Engine org it keeps running in "classic mode" on the Classic pipeline, without app sign-on policies, passwordless or other Identity Engine features.',
    replacement: 'primary authentication → /oauth2/v1/interact + /idp/idx/introspect + /idp/idx/identify; factor verify → /idp/idx/challenge + /idp/idx/challenge/answer; cancel → /idp/idx/cancel; unlock → /idp/idx/unlock-account; success → /v1/token with the interaction_code.',
    sources: ['classic-only', 'embedded-api', 'authjs-migrate', 'audit'],
    matches: (_e, path) => isAuthn(path),
  },
];

/** The paths the readiness report reads: wider than analyze's default include, since it is about every Classic call. */
export const MIGRATION_INCLUDE = ['/api/v1/**', '/login/**', '/oauth2/**', '/idp/idx/**'];

const MAX_PLACES = 5;

/** One item per check that some exchange matches, with how many calls and where. */
export function migrationReport(exchanges: readonly Exchange[]): MigrationItem[] {
  const items: MigrationItem[] = [];
  for (const check of MIGRATION_CHECKS) {
    const hits = exchanges.filter((e) => check.matches(e, pathOf(e.url)));
    if (hits.length === 0) continue;
    const { matches: _, ...rest } = check;
    items.push({ ...rest, calls: hits.length, places: hits.slice(0, MAX_PLACES).map((e) => e.sourceRef) });
  }
  return items;
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://evidence.invalid').pathname.replace(/\/+$/, '') || '/';
  } catch {
    return url.split('?')[0] ?? url;
  }
}
