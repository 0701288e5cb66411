import type { Rule } from '../../../model/rule.js';

export const idxEngineMixing: Rule = {
  meta: {
    id: 'idx-engine-mixing',
    severity: 'info',
    summary: 'one unit of evidence holds both Classic /api/v1/authn and Identity Engine /idp/idx calls',
    rationale:
      'An app that mixes the Classic Authentication API and Identity Engine in one journey (a Classic reset token finishing an IDX recovery, a Classic sessionToken next to IDX) depends on the Classic pipeline Okta is retiring, and policies apply differently to each half.',
    basis: 'inferred',
    docs: 'docs/rules/idx-engine-mixing.md',
    protocol: '*',
    messages: {
      mixed: 'This evidence holds {classic} Classic /api/v1/authn step(s) and {idx} Identity Engine step(s); the first Classic call is here. Check whether one journey uses both engines.',
    },
  },
  create(context) {
    return {
      unit(unit) {
        const classic = unit.filter((p) => p.tx.protocol === 'okta-authn');
        const idx = unit.filter((p) => p.tx.protocol === 'okta-idx');
        if (classic.length === 0 || idx.length === 0) return;
        const first = classic[0];
        context.report({ transaction: first.tx, step: first.step, messageId: 'mixed', data: { classic: classic.length, idx: idx.length }, evidence: { classicTransactions: [...new Set(classic.map((p) => p.tx.id))], idxTransactions: [...new Set(idx.map((p) => p.tx.id))] } });
      },
    };
  },
};
