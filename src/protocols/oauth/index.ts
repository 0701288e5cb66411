import type { Protocol } from '../types.js';
import { callOf } from './calls.js';
import { type OAuthFacts, factsOf } from './facts.js';
import { OAUTH_RULES } from './rules/index.js';
import { liveMove, timeline } from './timeline.js';

/**
 * OAuth 2.0 / OpenID Connect (authorize, the redirect_uri callback, token, userinfo, revoke, logout, discovery,
 * keys), checked against RFC 6749, RFC 7636, RFC 9700 and OIDC Core. Identity Engine's interact and
 * interaction_code grant are that module's.
 */
export const oauth: Protocol<OAuthFacts> = {
  id: 'oauth',
  label: 'OAuth 2.0 / OpenID Connect',
  include: ['/oauth2/**', '/*/oauth2/**', '/.well-known/openid-configuration', '/.well-known/oauth-authorization-server', '**/callback', '**/callback/**'],
  claims: (exchange) => callOf(exchange) !== null,
  facts: factsOf,
  timeline,
  move: liveMove,
  rules: OAUTH_RULES,
};
