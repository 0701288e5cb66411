import type { Rule } from '../../../model/rule.js';
import { bruteForce } from './brute-force.js';
import { concurrentOperations } from './concurrent-operations.js';
import { expiredStateToken } from './expired-state-token.js';
import { expiresAtRegressed } from './expires-at-regressed.js';
import { factorMismatch } from './factor-mismatch.js';
import { identityMismatch } from './identity-mismatch.js';
import { illegalTransition } from './illegal-transition.js';
import { passwordChangedDuringMfa } from './password-changed-during-mfa.js';
import { passwordChangedRegressed } from './password-changed-regressed.js';
import { passwordChangedWithoutCall } from './password-changed-without-call.js';
import { passwordCommittedBeforeMfa } from './password-committed-before-mfa.js';
import { passwordResetWithoutProof } from './password-reset-without-proof.js';
import { policyViolationAccepted } from './policy-violation-accepted.js';
import { prematureInvalidation } from './premature-invalidation.js';
import { pushAfterTerminal } from './push-after-terminal.js';
import { recoveryTokenReuse } from './recovery-token-reuse.js';
import { recoveryTokenToPublic } from './recovery-token-to-public.js';
import { recoveryTypeChanged } from './recovery-type-changed.js';
import { skipNotOffered } from './skip-not-offered.js';
import { staleStateToken } from './stale-state-token.js';
import { stateTokenRotated } from './state-token-rotated.js';
import { successShape } from './success-shape.js';
import { timelineInconsistent } from './timeline-inconsistent.js';
import { unexpectedOutcome } from './unexpected-outcome.js';
import { unknownStatus } from './unknown-status.js';
import { unpublishedLink } from './unpublished-link.js';
import { userSwitch } from './user-switch.js';

/** The Classic authn rules, sorted by id. Adding one is one import and one line (test/rules/support/parity.test.ts checks). */
export const AUTHN_RULES: readonly Rule[] = [
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
