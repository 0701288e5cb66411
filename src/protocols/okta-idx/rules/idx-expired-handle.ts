import type { Rule } from '../../../model/rule.js';
import { humanDuration, SKEW_MS, toMs } from '../../common/time.js';
import { accepted, idx } from '../chain.js';

export const idxExpiredHandle: Rule = {
  meta: {
    id: 'idx-expired-handle',
    severity: 'medium',
    summary: 'IDX request sent after the expiresAt of the latest response in its chain',
    rationale:
      'Each IDX response carries its own expiresAt, and it moves both ways between steps; the latest one is what the server holds the transaction to. A request after it should meet idx.session.expired; if it is accepted, the expiry was not enforced.',
    basis: 'sdk',
    docs: 'docs/rules/idx-expired-handle.md',
    protocol: 'okta-idx',
    messages: {
      acceptedAfterExpiry: '{operation} was sent {late} after the transaction expired ({expiresAt}, from step {from}) and the server accepted it ({status}).',
      refusedAfterExpiry: '{operation} was sent {late} after the transaction expired ({expiresAt}, from step {from}); the server refused it ({status}{error}).',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        let latest: { ms: number; iso: string; step: number } | null = null;
        for (const step of tx.steps) {
          const at = toMs(step.exchange.startedAt);
          // The code's own lifetime governs /token (idx-interaction-code-late), not the handle's.
          if (latest && at !== null && idx(step).kind !== 'token' && at > latest.ms + SKEW_MS) {
            const ok = accepted(step);
            context.report({
              transaction: tx,
              step,
              messageId: ok ? 'acceptedAfterExpiry' : 'refusedAfterExpiry',
              severity: ok ? 'high' : 'low',
              subject: ok ? 'server' : 'client',
              data: { operation: step.operation, late: humanDuration(at - latest.ms), expiresAt: latest.iso, from: latest.step, status: step.httpStatus ?? 'no response', error: step.errorCode ? ` ${step.errorCode}` : '' },
              evidence: { startedAt: step.exchange.startedAt, expiresAt: latest.iso, expiresAtFromStep: latest.step, httpStatus: step.httpStatus, errorCode: step.errorCode },
            });
          }
          const ms = toMs(step.expiresAt);
          // Not monotonic (okta-idx.md §1.6): the newest value counts, not the largest.
          if (ms !== null) latest = { ms, iso: step.expiresAt!, step: step.step };
        }
      },
    };
  },
};
