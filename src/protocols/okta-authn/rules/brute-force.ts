import type { Step, Transaction } from '../../../model/transaction.js';
import type { Rule } from '../../../model/rule.js';
import { isFailedGuess } from '../errors.js';

/** Failed guesses (wrong passcode, answer or password) before a run counts as guessing. */
const GUESS_THRESHOLD = 3;
/** 429s before a run counts as hammering the rate limit. */
export const RATE_LIMIT_THRESHOLD = 2;

function userOf(tx: Transaction, step: Step): string | null {
  const body = step.exchange.requestBody as Record<string, unknown> | null;
  const username = body && typeof body === 'object' && typeof body.username === 'string' ? body.username.toLowerCase() : null;
  return step.login?.toLowerCase() ?? username ?? tx.user.login?.toLowerCase() ?? tx.user.id;
}

export const bruteForce: Rule = {
  meta: {
    id: 'brute-force',
    severity: 'medium',
    summary: 'runs of wrong passcodes/answers (E0000068, E0000087), a lockout (E0000069) or repeated 429s on one chain or user',
    rationale:
      'Okta answers a wrong passcode with 403 E0000068, a wrong recovery answer with E0000087 and locks the user after too many (E0000069). A run of them on one transaction or user is guessing, a broken client retrying, or an attack worth telling support about.',
    basis: 'documented',
    explains: ['failedGuesses', 'failedGuessesUser', 'locked', 'rateLimited', 'rateLimitedUser'],
    docs: 'docs/rules/brute-force.md',
    protocol: 'okta-authn',
    messages: {
      failedGuesses:
        '{count} failed guesses on this transaction (steps {steps}: {codes}). Okta documents these codes for wrong passcodes/answers: someone is guessing, or the client retries a wrong value in a loop.',
      failedGuessesUser:
        '{count} failed guesses for user {user} across {transactions} transactions (each below the per-transaction threshold). Spreading guesses over new transactions is how lockout counters are probed.',
      locked:
        'Okta answered 403 E0000069 "User Locked": the user was locked after repeated failures{after}. Okta documents this lockout; the user needs an unlock (self-service or admin).',
      rateLimited:
        '{count} rate-limit answers (429) on this transaction (steps {steps}). Okta documents 429 for calls over the limit: the client retries too fast or someone is hammering the endpoint.',
      rateLimitedUser:
        '{count} rate-limit answers (429) for {who} across {transactions} transactions (each a new request without a stateToken, such as primary authentication). Okta documents 429 (E0000047) for calls over the limit: the client retries too fast without backing off, or someone is hammering the endpoint.',
    },
  },
  create(context) {
    const chainHit = new Set<string>();
    const limitHit = new Set<string>();
    return {
      transaction(tx) {
        // One pass first: most transactions hold no guess, lockout or 429 run, and need no list built.
        let guessCount = 0;
        let lockedOut = false;
        let limitedCount = 0;
        for (const s of tx.steps) {
          if (isFailedGuess(s.errorCode)) guessCount++;
          else if (s.errorCode === 'E0000069') lockedOut = true;
          if (s.httpStatus === 429) limitedCount++;
        }
        if (guessCount < GUESS_THRESHOLD && !lockedOut && limitedCount < RATE_LIMIT_THRESHOLD) return;
        const guesses = tx.steps.filter((s) => isFailedGuess(s.errorCode));
        if (guesses.length >= GUESS_THRESHOLD) {
          chainHit.add(tx.id);
          const at = guesses[GUESS_THRESHOLD - 1];
          context.report({
            transaction: tx,
            step: at,
            messageId: 'failedGuesses',
            data: { count: guesses.length, steps: guesses.map((s) => s.step).join(', '), codes: [...new Set(guesses.map((s) => s.errorCode))].join(', ') },
            evidence: { count: guesses.length, steps: guesses.map((s) => ({ step: s.step, errorCode: s.errorCode, operation: s.operation })) },
          });
        }
        for (const step of tx.steps.filter((s) => s.errorCode === 'E0000069')) {
          const before = guesses.filter((g) => g.step < step.step).length;
          context.report({
            transaction: tx,
            step,
            messageId: 'locked',
            data: { after: before > 0 ? ` (${before} failed guesses before it in this transaction)` : '' },
            evidence: { errorCode: step.errorCode, failedGuessesBefore: before },
          });
        }
        const limited = tx.steps.filter((s) => s.httpStatus === 429);
        if (limited.length >= RATE_LIMIT_THRESHOLD) {
          limitHit.add(tx.id);
          context.report({
            transaction: tx,
            step: limited[RATE_LIMIT_THRESHOLD - 1],
            messageId: 'rateLimited',
            data: { count: limited.length, steps: limited.map((s) => s.step).join(', ') },
            evidence: { count: limited.length, steps: limited.map((s) => ({ step: s.step, errorCode: s.errorCode })) },
          });
        }
      },
      unit(unit) {
        const byUser = new Map<string, { tx: Transaction; step: Step }[]>();
        for (const p of unit) {
          const user = isFailedGuess(p.step.errorCode) && !chainHit.has(p.tx.id) ? userOf(p.tx, p.step) : null;
          if (!user) continue;
          const list = byUser.get(user) ?? [];
          list.push(p);
          byUser.set(user, list);
        }
        const limitedBy = new Map<string, { tx: Transaction; step: Step }[]>();
        for (const p of unit) {
          if (p.step.httpStatus !== 429 || limitHit.has(p.tx.id)) continue;
          // Primary authentication starts a new transaction per call: the user (or, without one, the call) ties them.
          const who = userOf(p.tx, p.step) ?? `the ${p.step.operation} call`;
          const list = limitedBy.get(who) ?? [];
          list.push(p);
          limitedBy.set(who, list);
        }
        for (const [who, list] of limitedBy) {
          const transactions = new Set(list.map((p) => p.tx.id));
          if (list.length < RATE_LIMIT_THRESHOLD || transactions.size < 2) continue;
          const at = list[RATE_LIMIT_THRESHOLD - 1];
          context.report({
            transaction: at.tx,
            step: at.step,
            messageId: 'rateLimitedUser',
            data: { count: list.length, who: who.startsWith('the ') ? who : `user ${who}`, transactions: transactions.size },
            evidence: { user: who.startsWith('the ') ? null : who, count: list.length, attempts: list.map((p) => ({ transaction: p.tx.id, step: p.step.step, errorCode: p.step.errorCode })) },
          });
        }
        for (const [user, list] of byUser) {
          const transactions = new Set(list.map((p) => p.tx.id));
          if (list.length < GUESS_THRESHOLD || transactions.size < 2) continue;
          const at = list[GUESS_THRESHOLD - 1];
          context.report({
            transaction: at.tx,
            step: at.step,
            messageId: 'failedGuessesUser',
            data: { count: list.length, user, transactions: transactions.size },
            evidence: { user, count: list.length, attempts: list.map((p) => ({ transaction: p.tx.id, step: p.step.step, errorCode: p.step.errorCode })) },
          });
        }
      },
    };
  },
};
