import type { Rule } from '../../../model/rule.js';

export const pkceVerifierFormat: Rule = {
  meta: {
    id: 'pkce-verifier-format',
    severity: 'low',
    summary: 'a code_verifier shorter than 43 or longer than 128 characters, or outside [A-Za-z0-9-._~]',
    rationale:
      'RFC 7636 §4.1 fixes the verifier at 43-128 unreserved characters so it carries enough entropy; a shorter or odd one is guessable or will be refused by a strict server.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/pkce-verifier-format.md',
    protocol: 'oauth',
    messages: {
      length: 'The code_verifier is {length} characters long; RFC 7636 §4.1 requires 43 to 128.',
      charset: 'The code_verifier holds characters outside [A-Za-z0-9-._~] (RFC 7636 §4.1).',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        const v = step.oauth?.call === 'token' ? step.oauth.verifier : null;
        if (!v) return;
        if (v.length < 43 || v.length > 128) context.report({ transaction: tx, step, messageId: 'length', data: { length: v.length }, evidence: { length: v.length, charsetOk: v.charsetOk } });
        else if (!v.charsetOk) context.report({ transaction: tx, step, messageId: 'charset', evidence: { length: v.length, charsetOk: false } });
      },
    };
  },
};
