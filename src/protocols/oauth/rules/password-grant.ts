import type { Rule } from '../../../model/rule.js';
import { answer } from '../flow.js';

export const passwordGrant: Rule = {
  meta: {
    id: 'password-grant',
    severity: 'high',
    summary: 'a /token request with grant_type=password (resource owner password credentials)',
    rationale:
      'RFC 9700 §2.4: the resource owner password credentials grant MUST NOT be used; it hands the user password to the client and cannot do MFA or federation.',
    basis: 'documented',
    subject: 'client',
    docs: 'docs/rules/password-grant.md',
    protocol: 'oauth',
    messages: {
      ropc: 'The client sent the user password to /token (grant_type=password, answer {answer}): RFC 9700 §2.4 says this grant MUST NOT be used.',
    },
  },
  create(context) {
    return {
      step(step, tx) {
        if (step.oauth?.call !== 'token' || step.oauth.grantType !== 'password') return;
        context.report({ transaction: tx, step, messageId: 'ropc', data: { answer: answer(step) }, evidence: { grantType: 'password', clientAuth: step.oauth.clientAuth, httpStatus: step.httpStatus } });
      },
    };
  },
};
