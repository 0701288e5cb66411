import type { Step } from '../../model/transaction.js';

/** The last step before index `i` that matches, searching backwards. */
export function lastBefore(steps: readonly Step[], i: number, match: (s: Step) => boolean): Step | null {
  for (let j = i - 1; j >= 0; j--) if (match(steps[j])) return steps[j];
  return null;
}
