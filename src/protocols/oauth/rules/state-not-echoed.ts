import type { Rule } from '../../../model/rule.js';
import type { Step } from '../../../model/transaction.js';
import { authorizeOf, oauthSteps } from '../flow.js';

export const stateNotEchoed: Rule = {
  meta: {
    id: 'state-not-echoed',
    severity: 'high',
    summary: 'the authorization response or the callback carries another state than the authorize request sent, or none',
    rationale:
      'RFC 6749 §4.1.2: when the request had a state the response MUST return it unchanged; the client compares them to refuse a forged response. A different or missing state is a forged, mixed-up or broken response.',
    basis: 'documented',
    docs: 'docs/rules/state-not-echoed.md',
    protocol: 'oauth',
    messages: {
      changed: 'Step {step} carries state {returned}, but the authorize request (step {authorizeStep}) sent {sent} (RFC 6749 §4.1.2).',
      dropped: 'Step {step} carries an authorization response without state, but the authorize request (step {authorizeStep}) sent {sent} (RFC 6749 §4.1.2: REQUIRED in the response).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const authorize = authorizeOf(tx);
        const sent = authorize?.oauth.state;
        if (!authorize || !sent) return;
        const responses: Step[] = [authorize, ...oauthSteps(tx, 'callback')].filter((s) => s.oauth?.response && (s.oauth.response.code || s.oauth.response.error || s.oauth.response.tokens.length));
        for (const step of responses) {
          const returned = step.oauth!.response!.state;
          if (returned === sent) continue;
          const data = { step: step.step, authorizeStep: authorize.step, sent, ...(returned ? { returned } : {}) };
          context.report({ transaction: tx, step, messageId: returned ? 'changed' : 'dropped', data, evidence: { sent, returned } });
        }
      },
    };
  },
};
