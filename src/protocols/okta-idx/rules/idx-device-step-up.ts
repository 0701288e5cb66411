import type { Rule } from '../../../model/rule.js';
import { idx } from '../chain.js';

export const idxDeviceStepUp: Rule = {
  meta: {
    id: 'idx-device-step-up',
    severity: 'info',
    summary: 'IDX 401 with WWW-Authenticate Oktadevicejwt: Okta Verify device step-up, not a failure',
    rationale:
      'A 401 carrying WWW-Authenticate: Oktadevicejwt realm="Okta Device" asks the device to prove itself (Okta Verify SSO); okta-auth-js treats it as a step-up. Read as a failed sign-in or a wrong password, it misleads the diagnosis.',
    basis: 'sdk',
    docs: 'docs/rules/idx-device-step-up.md',
    protocol: 'okta-idx',
    messages: {
      deviceStepUp: '{operation} was answered 401 with WWW-Authenticate Oktadevicejwt: a device step-up (Okta Verify), not a rejected credential. It does not count toward idx-credential-guessing.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        if (!idx(step).deviceStepUp) return;
        context.report({ transaction: tx, step, messageId: 'deviceStepUp', data: { operation: step.operation }, evidence: { httpStatus: step.httpStatus, wwwAuthenticate: step.exchange.responseHeaders['www-authenticate'] ?? null } });
      },
    };
  },
};
