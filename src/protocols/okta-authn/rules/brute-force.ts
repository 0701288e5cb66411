import type { Step, Transaction } from '../../../model/transaction.js';
import type { Rule, RuleContext } from '../../../model/rule.js';
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

type Seen = { tx: Transaction; step: Step };

/** The steps grouped by `key` (null: left out), groups in the order of their first step. */
function byKey(unit: readonly Seen[], key: (p: Seen) => string | null): Map<string, Seen[]> {
  const out = new Map<string, Seen[]>();
  for (const p of unit) {
    const k = key(p);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(p);
    else out.set(k, [p]);
  }
  return out;
}

const attempts = (list: readonly Seen[]) => list.map((p) => ({ transaction: p.tx.id, step: p.step.step, errorCode: p.step.errorCode }));

/** Reports `list` once, at its `threshold`-th step, when it reaches the threshold over two transactions or more. */
function reportAcross(context: RuleContext, list: readonly Seen[], threshold: number, report: (at: Seen, transactions: number) => Parameters<RuleContext['report']>[0]): void {
  const transactions = new Set(list.map((p) => p.tx.id)).size;
  if (list.length < threshold || transactions < 2) return;
  context.report(report(list[threshold - 1]!, transactions));
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
        // Guesses for one user spread over transactions (each below the per-transaction threshold), and 429s
        // on calls that start a new transaction each (primary authentication): the user, or the call, ties them.
        const guesses = byKey(unit, (p) => (isFailedGuess(p.step.errorCode) && !chainHit.has(p.tx.id) ? userOf(p.tx, p.step) : null));
        for (const [user, list] of guesses) {
          reportAcross(context, list, GUESS_THRESHOLD, (at, transactions) => ({ transaction: at.tx, step: at.step, messageId: 'failedGuessesUser', data: { count: list.length, user, transactions }, evidence: { user, count: list.length, attempts: attempts(list) } }));
        }
        const limited = byKey(unit, (p) => (p.step.httpStatus === 429 && !limitHit.has(p.tx.id) ? userOf(p.tx, p.step) ?? `the ${p.step.operation} call` : null));
        for (const [who, list] of limited) {
          const user = who.startsWith('the ') ? null : who;
          reportAcross(context, list, RATE_LIMIT_THRESHOLD, (at, transactions) => ({ transaction: at.tx, step: at.step, messageId: 'rateLimitedUser', data: { count: list.length, who: user ? `user ${user}` : who, transactions }, evidence: { user, count: list.length, attempts: attempts(list) } }));
        }
      },
    };
  },
};
