import type { Rule } from '../../../model/rule.js';
import { tokenLabel, tokenRelation } from '../../common/tokens.js';

/** Calls after which a new stateToken is expected: they start a chain (primary, recovery token exchange). */
const NEW_CHAIN = ['primary', 'recovery.token'];
/** Calls after which rotation has been observed and reported (okta-authn.md section 4). */
const OBSERVED = ['credentials.reset_password', 'step-up'];

export const stateTokenRotated: Rule = {
  meta: {
    id: 'state-token-rotated',
    severity: 'info',
    summary: 'the response carries a different stateToken than the request sent, outside /recovery/token and primary authentication',
    rationale:
      'Clients must send the stateToken of the latest response. Rotation has been observed at reset_password and step-up; elsewhere it is unusual but not proven wrong (inferred), so a client that keeps an old transaction object sends a stale token.',
    basis: 'inferred',
    docs: 'docs/rules/state-token-rotated.md',
    protocol: 'okta-authn',
    messages: {
      rotatedObserved:
        'The stateToken changed at {operation} ({before} -> {after}). {where}: the client must use the new token from now on, or its next call is rejected as stale.',
      rotatedElsewhere:
        'The stateToken changed at {operation} ({before} -> {after}). Okta does not document rotation at this call (inferred as unusual, not proven wrong): make sure the client switches to the new token.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        if (NEW_CHAIN.includes(step.operation) || !step.requestToken || !step.responseToken) return;
        // Masked renderings too short to tell apart are not a rotation: report only tokens that provably differ.
        if (tokenRelation(step.requestToken, step.responseToken) !== 'different') return;
        const observed = OBSERVED.includes(step.operation);
        const before = tokenLabel(step.requestToken) ?? '';
        const after = tokenLabel(step.responseToken) ?? '';
        context.report({
          transaction: tx,
          step,
          messageId: observed ? 'rotatedObserved' : 'rotatedElsewhere',
          data: {
            operation: step.operation,
            before,
            after,
            where:
              step.operation === 'step-up'
                ? "Okta's step-up example shows this rotation, though the reference states no rule for it"
                : 'Developers have reported rotation at this call (devforum thread 22315); Okta does not document it',
          },
          evidence: { operation: step.operation, requestToken: before, responseToken: after },
        });
      },
    };
  },
};
