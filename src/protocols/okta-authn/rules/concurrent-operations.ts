import type { Step } from '../../../model/transaction.js';
import { timesOf } from '../expiry.js';
import type { Rule } from '../../../model/rule.js';
import { operationInfo } from '../operations.js';
import { sameToken, tokenLabel } from '../../common/tokens.js';

function window(step: Step): { start: number; end: number } | null {
  const start = timesOf(step).started;
  if (start === null || step.exchange.durationMs === null) return null;
  return { start, end: start + step.exchange.durationMs };
}

/**
 * Whether b (starting no earlier than a by the times written) certainly started while a was in flight, when
 * start times can be up to `precision` ms late: b's latest start is before a's earliest end; in one second
 * whichever started second did so while the other ran if both lasted at least that second.
 */
function certainlyOverlap(a: { start: number; end: number }, b: { start: number; end: number }, precision: number): boolean {
  if (precision === 0) return true;
  if (a.start === b.start) return Math.min(a.end - a.start, b.end - b.start) >= precision;
  return b.start + precision <= a.end;
}

const WHOLE_SECOND = /(?::\d\d|\.000)Z$/;

/**
 * 1000 when every timed step of the transaction starts on a whole second (a producer that writes seconds:
 * Charles, some proxies, a hand-made HAR), else 0. Two or more ms-precise times all at .000 are 1 in 10^6.
 */
function precisionOf(steps: readonly Step[]): number {
  let timed = 0;
  for (const step of steps) {
    const at = step.exchange.startedAt;
    if (at === null) continue;
    if (!WHOLE_SECOND.test(at)) return 0;
    timed++;
  }
  return timed >= 2 ? 1000 : 0;
}

export const concurrentOperations: Rule = {
  meta: {
    id: 'concurrent-operations',
    severity: 'medium',
    summary: 'two state-changing requests on one stateToken were in flight at the same time',
    rationale:
      'The authn transaction is a server-side state machine; two state-changing calls racing on one token (a double-submitted form, a poll racing a verify) can leave the client and the server in different states. Okta does not document how it serialises them.',
    basis: 'documented',
    // The client raced the calls (a double submit, a poll racing a verify): what Okta answered is judged by the other rules.
    subject: 'client',
    docs: 'docs/rules/concurrent-operations.md',
    protocol: 'okta-authn',
    messages: {
      overlapping:
        '{operation} (this step) started while step {otherStep} ({otherOperation}) on the same token {token} was still in flight ({overlap} ms overlap). Okta does not document how concurrent calls on one transaction are ordered: the client may act on a state the server has already left.',
      overlappingSeconds:
        '{operation} (this step) started while step {otherStep} ({otherOperation}) on the same token {token} was still in flight: the evidence gives start times to the second, and the durations leave no order in which the two did not overlap. Okta does not document how concurrent calls on one transaction are ordered: the client may act on a state the server has already left.',
    },
  },
  create(context) {
    return {
      transaction(tx) {
        const timed: { step: Step; w: { start: number; end: number } }[] = [];
        let ordered = true;
        const precision = precisionOf(tx.steps);
        for (const step of tx.steps) {
          if (!step.requestToken || operationInfo(step.operation).readOnly) continue;
          const w = window(step);
          if (w === null) continue;
          if (timed.length > 0 && w.start < timed[timed.length - 1]!.w.start) ordered = false;
          timed.push({ step, w });
        }
        // The sort is stable: steps already in start order (the usual case) stay as they are without it.
        if (!ordered) timed.sort((a, b) => a.w.start - b.w.start);
        // Requests still in flight when the next one starts; finished ones drop out, so this stays near linear.
        const inFlight: typeof timed = [];
        for (const b of timed) {
          let kept = 0;
          for (const a of inFlight) if (a.w.end > b.w.start) inFlight[kept++] = a;
          inFlight.length = kept;
          const a = inFlight.find((x) => sameToken(x.step.requestToken, b.step.requestToken) && certainlyOverlap(x.w, b.w, precision));
          inFlight.push(b);
          if (!a) continue;
          context.report({
            transaction: tx,
            step: b.step,
            messageId: precision === 0 ? 'overlapping' : 'overlappingSeconds',
            data: { operation: b.step.operation, otherStep: a.step.step, otherOperation: a.step.operation, token: tokenLabel(b.step.requestToken) ?? '', overlap: Math.round(Math.min(a.w.end, b.w.end) - b.w.start) },
            evidence: {
              token: tokenLabel(b.step.requestToken),
              step: { startedAt: b.step.exchange.startedAt, durationMs: b.step.exchange.durationMs },
              other: { step: a.step.step, startedAt: a.step.exchange.startedAt, durationMs: a.step.exchange.durationMs },
            },
          });
        }
      },
    };
  },
};
