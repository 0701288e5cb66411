import { timesOf } from '../expiry.js';
import type { Rule } from '../../../model/rule.js';
import { isOk } from '../../common/body.js';
import { SKEW_MS, humanDuration } from '../../common/time.js';

export const timelineInconsistent: Rule = {
  meta: {
    id: 'timeline-inconsistent',
    severity: 'medium',
    summary: "timestamps that cannot belong to one run: passwordChanged after the response's own expiresAt, an expiry before the request, requests out of order",
    rationale:
      'A response is produced before its own expiresAt, so it cannot report a password change after that instant; requests of one run cannot start before the previous one. Such evidence mixes attempts and its other findings must be read with care.',
    basis: 'evidence',
    docs: 'docs/rules/timeline-inconsistent.md',
    protocol: 'okta-authn',
    messages: {
      passwordChangedAfterExpiry:
        'This response reports passwordChanged {passwordChanged}, {delta} after its own expiresAt {expiresAt}: a response is produced before its transaction expires, so these values come from different attempts (evidence pasted from more than one run). Both fields are documented, and no single response can hold this pair: capture one run again.',
      expiresBeforeRequest:
        'This {httpStatus} response gives expiresAt {expiresAt}, {delta} before its own request started ({startedAt}): Okta documents that a successful call slides expiresAt forward from now, so the clock of the evidence or the pairing of request and response is wrong.',
      outOfOrder:
        'This request started at {startedAt}, {delta} before step {previousStep} ({previousStartedAt}) that precedes it in the chain: the steps are out of order or come from different runs.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        let previousStart: { ms: number; iso: string; step: number } | null = null;
        for (const step of tx.steps) {
          const changed = timesOf(step).changed;
          const expires = timesOf(step).expires;
          if (isOk(step) && changed !== null && expires !== null && changed > expires + 1000) {
            context.report({
              transaction: tx,
              step,
              messageId: 'passwordChangedAfterExpiry',
              data: { passwordChanged: step.passwordChanged ?? '', expiresAt: step.expiresAt ?? '', delta: humanDuration(changed - expires) },
              evidence: { passwordChanged: step.passwordChanged, expiresAt: step.expiresAt },
            });
          }
          const started = timesOf(step).started;
          if (started === null) continue;
          if (isOk(step) && expires !== null && expires < started - SKEW_MS) {
            context.report({
              transaction: tx,
              step,
              messageId: 'expiresBeforeRequest',
              data: { httpStatus: step.httpStatus ?? '', expiresAt: step.expiresAt ?? '', startedAt: step.exchange.startedAt ?? '', delta: humanDuration(started - expires) },
              evidence: { startedAt: step.exchange.startedAt, expiresAt: step.expiresAt },
            });
          }
          // Steps are in evidence order when some exchange has no start time: then the clock can contradict it.
          if (previousStart && started < previousStart.ms - SKEW_MS) {
            context.report({
              transaction: tx,
              step,
              messageId: 'outOfOrder',
              data: { startedAt: step.exchange.startedAt ?? '', previousStep: previousStart.step, previousStartedAt: previousStart.iso, delta: humanDuration(previousStart.ms - started) },
              evidence: { startedAt: step.exchange.startedAt, previousStep: previousStart.step, previousStartedAt: previousStart.iso },
            });
          }
          if (!previousStart || started > previousStart.ms) previousStart = { ms: started, iso: step.exchange.startedAt!, step: step.step };
        }
      },
    };
  },
};
