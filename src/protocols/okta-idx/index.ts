import type { Protocol } from '../types.js';
import { type IdxFacts, claimsIdx, factsOf } from './facts.js';
import { IDX_RULES } from './rules/index.js';
import { liveMove, timeline } from './timeline.js';

/** Okta Identity Engine (`/idp/idx/*`, /interact, the interaction_code grant): remediation chains linked by stateHandle. */
export const oktaIdx: Protocol<IdxFacts> = {
  id: 'okta-idx',
  label: 'Okta Identity Engine (IDX)',
  include: ['/idp/idx/**', '/oauth2/**/v1/interact', '/oauth2/**/v1/token', '/login/token/redirect'],
  claims: claimsIdx,
  facts: factsOf,
  timeline,
  move: liveMove,
  rules: IDX_RULES,
};
