import type { Rule } from '../../../model/rule.js';

export const recoveryTypeChanged: Rule = {
  meta: {
    id: 'recovery-type-changed',
    severity: 'high',
    summary: 'recoveryType changes within a chain (PASSWORD, UNLOCK, ACCOUNT_ACTIVATION)',
    rationale:
      'A recovery transaction is started for one purpose (forgot password, unlock, activation) and Okta keeps its recoveryType to the end. A change means an unlock turned into a password reset (or back), which bypasses the checks of the intended flow.',
    basis: 'documented',
    docs: 'docs/rules/recovery-type-changed.md',
    protocol: 'okta-authn',
    messages: {
      changed:
        'recoveryType changed from {before} (step {beforeStep}) to {after}. Okta keeps a recovery transaction\'s type from start to end: a {before} flow turned into {after}, which Okta does not document.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        let current: { value: string; step: number } | null = null;
        for (const step of tx.steps) {
          if (!step.recoveryType) continue;
          if (current && current.value !== step.recoveryType) {
            context.report({
              transaction: tx,
              step,
              messageId: 'changed',
              data: { before: current.value, beforeStep: current.step, after: step.recoveryType },
              evidence: { before: current.value, beforeStep: current.step, after: step.recoveryType },
            });
          }
          if (!current || current.value !== step.recoveryType) current = { value: step.recoveryType, step: step.step };
        }
      },
    };
  },
};
