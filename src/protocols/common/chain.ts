import type { Step, Transaction } from '../../model/transaction.js';
import { operationInfo } from '../okta-authn/operations.js';
import { requestKeys } from './body.js';

/** A step together with the transaction it belongs to. */
export interface Placed {
  tx: Transaction;
  step: Step;
}

/** A call that may set the password: reset, change, or primary authentication with an activation token. */
export function setsPassword(step: Step): boolean {
  if (operationInfo(step.operation).setsPassword) return true;
  return step.operation === 'primary' && requestKeys(step).includes('token');
}

/**
 * Every step of every transaction, grouped by independent unit of evidence (capture + group) and in
 * evidence order. Rules that look across chains (one user, one recovery token) never cross units:
 * the same transcript pasted twice is two units.
 */
export function stepsByUnit(transactions: readonly Transaction[]): Placed[][] {
  const units = new Map<string, Placed[]>();
  for (const tx of transactions) {
    const key = `${tx.captureId}\u0000${tx.group}`;
    const list = units.get(key) ?? [];
    for (const step of tx.steps) list.push({ tx, step });
    units.set(key, list);
  }
  for (const list of units.values()) list.sort((a, b) => a.step.exchange.seq - b.step.exchange.seq);
  return [...units.values()];
}

/** The last step before index `i` that matches, searching backwards. */
export function lastBefore(steps: readonly Step[], i: number, match: (s: Step) => boolean): Step | null {
  for (let j = i - 1; j >= 0; j--) if (match(steps[j])) return steps[j];
  return null;
}
