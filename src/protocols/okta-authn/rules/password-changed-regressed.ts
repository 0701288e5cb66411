import type { Step, Transaction } from '../../../model/transaction.js';
import { timesOf } from '../expiry.js';
import type { Rule } from '../../../model/rule.js';

interface Latest {
  ms: number;
  iso: string;
  step: number;
  transaction: string;
}

export const passwordChangedRegressed: Rule = {
  meta: {
    id: 'password-changed-regressed',
    severity: 'high',
    summary: 'passwordChanged moves backwards within a chain or for one user',
    rationale:
      'A password change time can only move forward. A value that goes back means the responses belong to different attempts (pasted evidence) or Okta served stale user data.',
    basis: 'evidence',
    docs: 'docs/rules/password-changed-regressed.md',
    protocol: 'okta-authn',
    messages: {
      regressedInChain:
        'passwordChanged went backwards in this chain: {after} here, but step {earlierStep} already reported {before}. Okta documents passwordChanged as the time of the last change, so it cannot move back: the responses come from different attempts (capture one run again), or, if they were recorded in one run, Okta returned stale user data.',
      regressedForUser:
        'passwordChanged for this user went backwards across transactions: {after} here, but transaction {earlierTransaction} step {earlierStep} already reported {before}. Okta documents passwordChanged as the time of the last change, so it cannot move back: check whether the evidence mixes attempts.',
    },
  },
  create(context) {
    // Weak: a large analysis forgets each unit's steps once the unit is read.
    const reported = new WeakSet<Step>();
    const report = (tx: Transaction, step: Step, latest: Latest, messageId: string) => {
      reported.add(step);
      context.report({
        transaction: tx,
        step,
        messageId,
        data: { after: step.passwordChanged ?? '', before: latest.iso, earlierStep: latest.step, earlierTransaction: latest.transaction },
        evidence: { passwordChanged: step.passwordChanged, latestBefore: latest.iso, latestStep: latest.step, latestTransaction: latest.transaction },
      });
    };
    return {
      transaction(tx) {
        let latest: Latest | null = null;
        for (const step of tx.steps) {
          const ms = timesOf(step).changed;
          if (ms === null) continue;
          if (latest && ms < latest.ms) report(tx, step, latest, 'regressedInChain');
          if (!latest || ms > latest.ms) latest = { ms, iso: step.passwordChanged!, step: step.step, transaction: tx.id };
        }
      },
      unit(unit) {
        const latestByUser = new Map<string, Latest>();
        for (const { tx, step } of unit) {
          const ms = timesOf(step).changed;
          const user = step.userId ?? tx.user.id;
          if (ms === null || !user) continue;
          const latest = latestByUser.get(user);
          if (latest && ms < latest.ms && latest.transaction !== tx.id && !reported.has(step)) report(tx, step, latest, 'regressedForUser');
          if (!latest || ms > latest.ms) latestByUser.set(user, { ms, iso: step.passwordChanged!, step: step.step, transaction: tx.id });
        }
      },
    };
  },
};
