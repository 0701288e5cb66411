import type { Rule } from '../../../model/rule.js';
import { obj, str } from '../../../model/json.js';
import { idx } from '../chain.js';
import { requestObject } from '../facts.js';

export const idxCallbackStateMismatch: Rule = {
  meta: {
    id: 'idx-callback-state-mismatch',
    severity: 'high',
    summary: 'the OAuth state an IDX response echoes differs from the state the app sent to /interact',
    rationale:
      'The state parameter ties the authorization response to the request the app made (CSRF protection). Identity Engine echoes the original request in authentication.value.request; a different state there means the transaction is not the one this app started.',
    basis: 'documented',
    docs: 'docs/rules/idx-callback-state-mismatch.md',
    protocol: 'okta-idx',
    messages: {
      stateMismatch: 'The response echoes state "{echoed}" in authentication.value.request, but /interact at step {interactStep} sent "{sent}".',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const interact = tx.steps.find((s) => idx(s).kind === 'interact');
        const sent = interact ? str(requestObject(interact.exchange.requestBody).state) : null;
        if (!interact || !sent) return;
        for (const step of tx.steps) {
          const echoed = str(obj(obj(obj(obj(step.exchange.responseBody).authentication).value).request).state);
          if (!echoed || echoed === sent) continue;
          context.report({ transaction: tx, step, messageId: 'stateMismatch', data: { echoed, interactStep: interact.step, sent }, evidence: { sent, echoed, interactStep: interact.step } });
          return;
        }
      },
    };
  },
};
