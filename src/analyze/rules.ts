import type { Rule } from '../model/rule.js';
import { RULES } from '../protocols/index.js';

/**
 * Every rule, sorted by id: each protocol's (src/protocols/<protocol>/rules/index.ts) and the evidence rules.
 * Explicit on purpose (no directory scan): test/rules/support/parity.test.ts fails when a rule lacks its test,
 * its page or its registry line.
 */
export { RULES };

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
