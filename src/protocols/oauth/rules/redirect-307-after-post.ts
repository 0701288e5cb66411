import type { Rule } from '../../../model/rule.js';

export const redirect307AfterPost: Rule = {
  meta: {
    id: 'redirect-307-after-post',
    severity: 'medium',
    summary: 'the authorization server answered a POST (credentials, a form) with a 307 redirect',
    rationale:
      'RFC 9700 §4.12: a 307 makes the browser re-send the POST body, credentials included, to the redirect target (the client); authorization servers must use 303 after a POST.',
    basis: 'documented',
    docs: 'docs/rules/redirect-307-after-post.md',
    protocol: 'oauth',
    messages: {
      redirect307: 'The POST to {call} was answered 307 to {target}: the browser re-sends the form, credentials included, to that address (RFC 9700 §4.12: use 303).',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const o = step.oauth;
        if (!o || o.call === 'callback' || step.exchange.method !== 'POST' || step.httpStatus !== 307) return;
        const target = (step.exchange.responseHeaders.location ?? '(no Location)').replace(/[?#].*$/s, '');
        context.report({ transaction: tx, step, messageId: 'redirect307', data: { call: o.call, target }, evidence: { httpStatus: 307, method: 'POST', target } });
      },
    };
  },
};
