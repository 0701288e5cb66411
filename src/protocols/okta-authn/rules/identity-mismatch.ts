import type { Step, Transaction } from '../../../model/transaction.js';
import type { Rule } from '../../../model/rule.js';
import { isObject, str } from '../../common/body.js';
import { isMasked, maskedAgree } from '../../common/masked.js';

interface Observation {
  /** Factor id when the value belongs to a factor (compared mask-aware), else null (a user profile value). */
  factorId: string | null;
  /** The user the profile value belongs to: values of two different users are user-switch's concern. */
  userId: string | null;
  key: string;
  value: string;
  step: Step;
}

/** `factor emf5tbsuofo*** profile.email`, `user profile.firstName`: built only for a report. */
function slotOf(o: Pick<Observation, 'factorId' | 'key'>): string {
  return o.factorId === null ? `user profile.${o.key}` : `factor ${o.factorId} profile.${o.key}`;
}

/** Calls `see` with each profile value the step's response shows: the user's (but login), then each factor's. */
function observe(step: Step, see: (factorId: string | null, userId: string | null, key: string, value: string) => void): void {
  const body = step.exchange.responseBody;
  const embedded = isObject(body) ? body._embedded : undefined;
  if (!isObject(embedded)) return;
  const user = embedded.user;
  const userId = isObject(user) ? str(user.id) : null;
  const profile = isObject(user) ? user.profile : undefined;
  if (isObject(profile)) {
    // login is user-switch's concern; the other profile values are compared here.
    for (const key of Object.keys(profile)) {
      const text = str(profile[key]);
      if (text && key !== 'login') see(null, userId, key, text);
    }
  }
  const listed = embedded.factors;
  if (Array.isArray(listed)) for (const factor of listed) observeFactor(factor, userId, see);
  observeFactor(embedded.factor, userId, see);
}

function observeFactor(factor: unknown, userId: string | null, see: Parameters<typeof observe>[1]): void {
  if (!isObject(factor) || !isObject(factor.profile)) return;
  const id = str(factor.id) ?? str(factor.factorType);
  if (!id) return;
  const profile = factor.profile;
  for (const key of Object.keys(profile)) {
    const text = str(profile[key]);
    if (text) see(id, userId, key, text);
  }
}

/** Whether two values of the same key (the groups below are by key) belong to the same slot. */
function sameSlot(a: Observation, factorId: string | null, userId: string | null): boolean {
  if (a.userId && userId && !maskedAgree(a.userId, userId, false)) return false;
  if (a.factorId === null || factorId === null) return a.factorId === factorId;
  return maskedAgree(a.factorId, factorId, false);
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
    let seen = new Map<string, Observation[]>();
    let reported = new Set<string>();
    let tx: Transaction;
    let step: Step;
    const see = (factorId: string | null, userId: string | null, key: string, value: string) => {
      const group = seen.get(key);
      let earlier: Observation | undefined;
      if (group) {
        // Loops rather than some/find: this runs for every profile value of every step.
        for (const s of group) if (s.value === value && sameSlot(s, factorId, userId)) return;
        for (const s of group) {
          if (sameSlot(s, factorId, userId) && !maskedAgree(s.value, value)) {
            earlier = s;
            break;
          }
        }
      }
      if (earlier) {
        const slot = slotOf({ factorId, key });
        const reportKey = `${slot}|${value}`;
        if (!reported.has(reportKey)) {
          reported.add(reportKey);
          const masked = isMasked(value) || isMasked(earlier.value);
          context.report({
            transaction: tx,
            step,
            messageId: masked ? 'maskedDisagree' : 'clearDisagree',
            data: { slot, value, earlier: earlier.value, earlierStep: earlier.step.step },
            evidence: { slot, value, earlierValue: earlier.value, earlierStep: earlier.step.step },
          });
        }
      }
      const o = { factorId, userId, key, value, step };
      if (group) group.push(o);
      else seen.set(key, [o]);
    };
    return {
      transaction(t) {
        // Distinct renderings only, grouped by attribute: long poll chains repeat the same values hundreds of times.
        tx = t;
        if (seen.size > 0) seen = new Map();
        if (reported.size > 0) reported = new Set();
        for (const s of t.steps) {
          step = s;
          observe(s, see);
        }
      },
    };
  },
};
