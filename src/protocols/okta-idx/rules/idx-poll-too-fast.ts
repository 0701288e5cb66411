import type { Rule } from '../../../model/rule.js';
import { toMs } from '../../common/time.js';
import { idx, offerBefore } from '../chain.js';

/** Timers in browsers and SDKs drift a little: a poll at 90 % of the interval is still on time. */
const TOLERANCE = 0.9;

export const idxPollTooFast: Rule = {
  meta: {
    id: 'idx-poll-too-fast',
    severity: 'info',
    summary: 'IDX poll sent sooner than the refresh interval its form asked for',
    rationale:
      'Poll forms (challenge-poll, enroll-poll, …-poll actions) carry refresh, the interval in ms the client should wait between polls. Polling faster wastes rate limit and can trip 429s that then look like failures.',
    basis: 'sdk',
    docs: 'docs/rules/idx-poll-too-fast.md',
    protocol: 'okta-idx',
    messages: {
      pollTooFast: '{operation} polled {gap} ms after the previous call, but the form at step {offerStep} asked for refresh {refresh} ms.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        tx.steps.forEach((step, i) => {
          const taken = idx(step).taken;
          const offer = taken && i > 0 ? offerBefore(tx.steps, i) : null;
          const refresh = offer ? idx(offer).forms.find((f) => f.name === taken)?.refreshMs ?? null : null;
          const at = toMs(step.exchange.startedAt);
          const prev = i > 0 ? toMs(tx.steps[i - 1].exchange.startedAt) : null;
          if (!offer || refresh === null || at === null || prev === null || at - prev >= refresh * TOLERANCE) return;
          context.report({ transaction: tx, step, messageId: 'pollTooFast', data: { operation: step.operation, gap: at - prev, offerStep: offer.step, refresh }, evidence: { gapMs: at - prev, refreshMs: refresh } });
        });
      },
    };
  },
};
