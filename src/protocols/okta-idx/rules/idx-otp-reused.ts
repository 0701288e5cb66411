import type { Rule } from '../../../model/rule.js';
import { idx } from '../chain.js';

const USED = /used_passcode/i;

export const idxOtpReused: Rule = {
  meta: {
    id: 'idx-otp-reused',
    severity: 'low',
    summary: 'IDX refused a one-time passcode as already used',
    rationale:
      'Okta refuses a TOTP code that was already accepted (authfactor.challenge.soft_token.used_passcode). Seen in evidence it means a replayed request, a double submit, or someone reusing a code they observed.',
    basis: 'sdk',
    docs: 'docs/rules/idx-otp-reused.md',
    protocol: 'okta-idx',
    messages: {
      usedPasscode: '{operation} was refused with {key}: the passcode had already been used. A double submit, a replayed request, or a code seen by someone else.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const key = idx(step).messages.find((m) => USED.test(m.key ?? ''))?.key;
        if (!key) return;
        context.report({ transaction: tx, step, messageId: 'usedPasscode', data: { operation: step.operation, key }, evidence: { key, httpStatus: step.httpStatus } });
      },
    };
  },
};
