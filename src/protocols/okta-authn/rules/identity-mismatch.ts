import type { Step } from '../../../model/transaction.js';
import type { Rule } from '../../../model/rule.js';
import { get, isObject, str } from '../../common/body.js';
import { isMasked, maskedAgree } from '../../common/masked.js';

interface Observation {
  /** `factor emf5tbsuofo*** profile.email`, `user profile.firstName`. */
  slot: string;
  /** Factor id when the value belongs to a factor (compared mask-aware), else null. */
  factorId: string | null;
  /** The user the profile value belongs to: values of two different users are user-switch's concern. */
  userId: string | null;
  key: string;
  value: string;
  step: Step;
}

function observe(step: Step): Omit<Observation, 'step'>[] {
  const out: Omit<Observation, 'step'>[] = [];
  const body = step.exchange.responseBody;
  const userId = str(get(body, '_embedded.user.id'));
  const profile = get(body, '_embedded.user.profile');
  if (isObject(profile)) {
    // login is user-switch's concern; the other profile values are compared here.
    for (const [key, value] of Object.entries(profile)) {
      const text = str(value);
      if (text && key !== 'login') out.push({ slot: `user profile.${key}`, factorId: null, userId, key, value: text });
    }
  }
  const listed = get(body, '_embedded.factors');
  const factors = [...(Array.isArray(listed) ? listed : []), get(body, '_embedded.factor')];
  for (const factor of factors) {
    if (!isObject(factor) || !isObject(factor.profile)) continue;
    const id = str(factor.id) ?? str(factor.factorType);
    if (!id) continue;
    for (const [key, value] of Object.entries(factor.profile)) {
      const text = str(value);
      if (text) out.push({ slot: `factor ${id} profile.${key}`, factorId: id, userId, key, value: text });
    }
  }
  return out;
}

function sameSlot(a: Observation, b: Omit<Observation, 'step'>): boolean {
  if (a.key !== b.key) return false;
  if (a.userId && b.userId && !maskedAgree(a.userId, b.userId, false)) return false;
  if (a.factorId === null || b.factorId === null) return a.factorId === b.factorId && a.slot === b.slot;
  return maskedAgree(a.factorId, b.factorId, false);
}

export const identityMismatch: Rule = {
  meta: {
    id: 'identity-mismatch',
    severity: 'info',
    summary: 'a masked profile value (factor email or phone, user name) disagrees with another rendering of it in the same chain',
    rationale:
      'Okta masks factor profile values (r...s@email.com) consistently within a transaction. Two renderings that cannot be the same value mean the evidence mixes users or attempts, or was edited by hand.',
    basis: 'evidence',
    docs: 'docs/rules/identity-mismatch.md',
    protocol: 'okta-authn',
    messages: {
      maskedDisagree:
        'The {slot} reads {value} here but {earlier} at step {earlierStep}: the two renderings cannot be the same value. Okta masks a factor profile the same way throughout a transaction, so the evidence mixes users or attempts, or was edited.',
      clearDisagree:
        'The {slot} reads {value} here but {earlier} at step {earlierStep}. A profile value does not change inside one transaction: the evidence mixes users or attempts.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        // Distinct renderings only, grouped by attribute: long poll chains repeat the same values hundreds of times.
        const seen = new Map<string, Observation[]>();
        const reported = new Set<string>();
        for (const step of tx.steps) {
          for (const o of observe(step)) {
            const group = seen.get(o.key) ?? [];
            if (group.some((s) => s.value === o.value && sameSlot(s, o))) continue;
            const earlier = group.find((s) => sameSlot(s, o) && !maskedAgree(s.value, o.value));
            const key = `${o.slot}|${o.value}`;
            if (earlier && !reported.has(key)) {
              reported.add(key);
              const masked = isMasked(o.value) || isMasked(earlier.value);
              context.report({
                transaction: tx,
                step,
                messageId: masked ? 'maskedDisagree' : 'clearDisagree',
                data: { slot: o.slot, value: o.value, earlier: earlier.value, earlierStep: earlier.step.step },
                evidence: { slot: o.slot, value: o.value, earlierValue: earlier.value, earlierStep: earlier.step.step },
              });
            }
            group.push({ ...o, step });
            seen.set(o.key, group);
          }
        }
      },
    };
  },
};
