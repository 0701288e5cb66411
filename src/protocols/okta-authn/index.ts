import type { Protocol } from '../types.js';
import { type AuthnFacts, factsOf } from './facts.js';
import { isAuthnPath } from './operations.js';
import { AUTHN_RULES } from './rules/index.js';
import { liveMove, timeline } from './timeline.js';

/** Okta's Classic Authentication API (`/api/v1/authn`): statuses, stateToken chains, the transition table, 27 rules. */
export const oktaAuthn: Protocol<AuthnFacts> = {
  id: 'okta-authn',
  label: 'Okta Classic Authentication API',
  include: ['/api/v1/authn/**'],
  claims: (exchange) => isAuthnPath(exchange.url),
  facts: factsOf,
  timeline,
  move: liveMove,
  rules: AUTHN_RULES,
};
