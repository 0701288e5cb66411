import type { Rule } from '../../../model/rule.js';
import { maskedAgree } from '../../common/masked.js';

export const userSwitch: Rule = {
  meta: {
    id: 'user-switch',
    severity: 'high',
    summary: 'the user id or login changes inside one transaction chain',
    rationale:
      'An authn transaction belongs to one user from start to end. Another user inside the same stateToken chain means the server mixed transactions, a token was shared between users, or the evidence mixes flows.',
    basis: 'documented',
    docs: 'docs/rules/user-switch.md',
    protocol: 'okta-authn',
    messages: {
      switched:
        'The transaction\'s user changed here: {what}. A stateToken chain belongs to one user (Okta documents the user as fixed for the transaction): the server mixed transactions, a token was shared between users, or the evidence mixes flows.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        let userId: { value: string; step: number } | null = null;
        let login: { value: string; step: number } | null = null;
        for (const step of tx.steps) {
          const changes: string[] = [];
          const evidence: Record<string, unknown> = {};
          if (step.userId && userId && !maskedAgree(step.userId, userId.value, false)) {
            changes.push(`user id ${userId.value} (step ${userId.step}) -> ${step.userId}`);
            evidence.userId = { before: userId.value, beforeStep: userId.step, after: step.userId };
          }
          if (step.login && login && !maskedAgree(step.login, login.value)) {
            changes.push(`login ${login.value} (step ${login.step}) -> ${step.login}`);
            evidence.login = { before: login.value, beforeStep: login.step, after: step.login };
          }
          if (changes.length > 0) context.report({ transaction: tx, step, messageId: 'switched', data: { what: changes.join('; ') }, evidence });
          if (step.userId && (!userId || evidence.userId)) userId = { value: step.userId, step: step.step };
          if (step.login && (!login || evidence.login)) login = { value: step.login, step: step.step };
        }
      },
    };
  },
};
