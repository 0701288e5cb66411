import type { Placed, Report } from '../../model/rule.js';

/**
 * The finding of a single-use value (a code, a recovery or refresh token) presented again: `reusedAccepted` at
 * high when the server took it (`accepted`, by the protocol's own reading of success), `reusedRejected` at medium when it refused, as every reuse rule reports it.
 */
export function reuseReport({ tx, step }: Placed, accepted: boolean, data: Report['data'], evidence: Report['evidence']): Report {
  return { transaction: tx, step, messageId: accepted ? 'reusedAccepted' : 'reusedRejected', severity: accepted ? 'high' : 'medium', data, evidence };
}
