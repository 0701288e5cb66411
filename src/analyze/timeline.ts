import type { Step, Transaction } from '../model/transaction.js';
import type { Chain } from './link.js';

/**
 * Each chain's timeline, built by its protocol. Transaction ids are `<captureId>.<n>`, numbered per capture;
 * `counters` (the last n of each capture) carries the numbering on when a capture's chains come in batches.
 */
export function buildTransactions(chains: readonly Chain[], counters = new Map<number, number>()): Transaction[] {
  return chains.map((chain) => {
    const { steps, outcome } = chain.protocol.timeline(chain.members);
    return {
      id: nextId(chain.captureId, counters),
      captureId: chain.captureId,
      protocol: chain.protocol.id,
      group: chain.group,
      user: { id: preferMasked(steps, 'userId'), login: preferMasked(steps, 'login') },
      steps,
      outcome,
    };
  });
}

/** The next transaction id of this capture: `<captureId>.<n>`, `counters` holding the last n of each capture. */
export function nextId(captureId: number, counters: Map<number, number>): string {
  const n = (counters.get(captureId) ?? 0) + 1;
  counters.set(captureId, n);
  return `${captureId}.${n}`;
}

/** The masked form when the evidence masked the value anywhere: reports must not spread what the user hid. */
function preferMasked(steps: readonly Step[], field: 'userId' | 'login'): string | null {
  let first: string | null = null;
  for (const step of steps) {
    const v = step[field];
    if (!v) continue;
    if (MASKED.test(v)) return v;
    first ??= v;
  }
  return first;
}

const MASKED = /\*|…/;
