import type { Protocol } from '../types.js';
import { type SamlFacts, factsOf, isSamlExchange } from './facts.js';
import { SAML_RULES } from './rules/index.js';
import { liveMove, timeline } from './timeline.js';

/**
 * SAML 2.0 Web SSO (redirect and POST bindings): AuthnRequest → Response linked by ID/InResponseTo, decoded
 * at ingest. Include globs cover the usual SSO and ACS paths (Okta's `/app/…/sso/saml`, Entra's `/saml2`).
 */
export const saml: Protocol<SamlFacts> = {
  id: 'saml',
  label: 'SAML 2.0 Web SSO',
  include: ['**/sso/saml', '**/sso/saml/**', '**/saml', '**/saml/**', '**/saml2', '**/saml2/**', '**/acs', '**/sls', '/adfs/ls/**'],
  claims: isSamlExchange,
  facts: factsOf,
  timeline,
  move: liveMove,
  rules: SAML_RULES,
};
