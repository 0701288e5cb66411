import { bruteForce } from '../protocols/okta-authn/rules/brute-force.js';
import { concurrentOperations } from '../protocols/okta-authn/rules/concurrent-operations.js';
import { expiredStateToken } from '../protocols/okta-authn/rules/expired-state-token.js';
import { expiresAtRegressed } from '../protocols/okta-authn/rules/expires-at-regressed.js';
import { factorMismatch } from '../protocols/okta-authn/rules/factor-mismatch.js';
import { identityMismatch } from '../protocols/okta-authn/rules/identity-mismatch.js';
import { illegalTransition } from '../protocols/okta-authn/rules/illegal-transition.js';
import { passwordChangedDuringMfa } from '../protocols/okta-authn/rules/password-changed-during-mfa.js';
import { passwordChangedRegressed } from '../protocols/okta-authn/rules/password-changed-regressed.js';
import { passwordChangedWithoutCall } from '../protocols/okta-authn/rules/password-changed-without-call.js';
import { passwordCommittedBeforeMfa } from '../protocols/okta-authn/rules/password-committed-before-mfa.js';
import { passwordResetWithoutProof } from '../protocols/okta-authn/rules/password-reset-without-proof.js';
import { policyViolationAccepted } from '../protocols/okta-authn/rules/policy-violation-accepted.js';
import { prematureInvalidation } from '../protocols/okta-authn/rules/premature-invalidation.js';
import { pushAfterTerminal } from '../protocols/okta-authn/rules/push-after-terminal.js';
import { recoveryTokenReuse } from '../protocols/okta-authn/rules/recovery-token-reuse.js';
import { recoveryTokenToPublic } from '../protocols/okta-authn/rules/recovery-token-to-public.js';
import { recoveryTypeChanged } from '../protocols/okta-authn/rules/recovery-type-changed.js';
import { secretExposed } from '../protocols/evidence/rules/secret-exposed.js';
import { skipNotOffered } from '../protocols/okta-authn/rules/skip-not-offered.js';
import { staleStateToken } from '../protocols/okta-authn/rules/stale-state-token.js';
import { stateTokenRotated } from '../protocols/okta-authn/rules/state-token-rotated.js';
import { successShape } from '../protocols/okta-authn/rules/success-shape.js';
import { timelineInconsistent } from '../protocols/okta-authn/rules/timeline-inconsistent.js';
import { unexpectedOutcome } from '../protocols/okta-authn/rules/unexpected-outcome.js';
import { unknownStatus } from '../protocols/okta-authn/rules/unknown-status.js';
import { unpublishedLink } from '../protocols/okta-authn/rules/unpublished-link.js';
import { userSwitch } from '../protocols/okta-authn/rules/user-switch.js';
import type { Rule } from '../model/rule.js';

/**
 * Every rule, sorted by id. Explicit on purpose (no directory scan): adding a rule is one import and one
 * line here, and test/rules/parity.test.ts fails when a rule lacks its test, its page or this entry.
 */
export const RULES: Rule[] = [
  bruteForce,
  concurrentOperations,
  expiredStateToken,
  expiresAtRegressed,
  factorMismatch,
  identityMismatch,
  illegalTransition,
  passwordChangedDuringMfa,
  passwordChangedRegressed,
  passwordChangedWithoutCall,
  passwordCommittedBeforeMfa,
  passwordResetWithoutProof,
  policyViolationAccepted,
  prematureInvalidation,
  pushAfterTerminal,
  recoveryTokenReuse,
  recoveryTokenToPublic,
  recoveryTypeChanged,
  secretExposed,
  skipNotOffered,
  staleStateToken,
  stateTokenRotated,
  successShape,
  timelineInconsistent,
  unexpectedOutcome,
  unknownStatus,
  unpublishedLink,
  userSwitch,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
