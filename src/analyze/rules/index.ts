import { expiresAtRegressed } from './expires-at-regressed.js';
import { identityMismatch } from './identity-mismatch.js';
import { passwordChangedRegressed } from './password-changed-regressed.js';
import { passwordCommittedBeforeMfa } from './password-committed-before-mfa.js';
import { policyViolationAccepted } from './policy-violation-accepted.js';
import { secretExposed } from './secret-exposed.js';
import { stateTokenRotated } from './state-token-rotated.js';
import { timelineInconsistent } from './timeline-inconsistent.js';
import type { Rule } from './types.js';

/**
 * Every rule, sorted by id. Explicit on purpose (no directory scan): adding a rule is one import and one
 * line here, and test/rules/parity.test.ts fails when a rule lacks its test, its page or this entry.
 */
export const RULES: Rule[] = [
  expiresAtRegressed,
  identityMismatch,
  passwordChangedRegressed,
  passwordCommittedBeforeMfa,
  policyViolationAccepted,
  secretExposed,
  stateTokenRotated,
  timelineInconsistent,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
