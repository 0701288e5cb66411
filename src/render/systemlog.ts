import type { AnalysisJson, StepJson, TransactionJson } from '../model/analysis.js';
import type { SystemLogEventJson } from '../model/systemlog.js';

/** Lists longer than this are cut with a count: the JSON output has them all. */
const MAX_LISTED = 20;

/** `user.authentication.auth_via_mfa FAILURE: INVALID_CREDENTIALS · threatSuspected=false` */
export function eventText(e: SystemLogEventJson): string {
  const outcome = [e.outcome.result ?? 'no outcome', e.outcome.reason].filter(Boolean).join(': ');
  const threat = e.threatSuspected === null ? '' : ` · threatSuspected=${e.threatSuspected}`;
  return `${e.eventType} ${outcome}${threat}`;
}

/** What Okta logged for a step, one entry per event; null when no System Log was analyzed. */
export function stepEvents(step: StepJson): string[] | null {
  if (!step.events) return null;
  return step.events.length ? step.events.map(eventText) : ['no System Log event'];
}

/** `step 2 (factors.verify): user.authentication.auth_via_mfa SUCCESS · threatSuspected=false`, per step of a transaction. */
export function transactionEventLines(t: TransactionJson): string[] {
  return t.steps.flatMap((s) => (stepEvents(s) ?? []).map((text) => `step ${s.step} (${s.operation}): ${text}`));
}

function capped(lines: string[], what: string): string[] {
  if (lines.length <= MAX_LISTED + 1) return lines;
  return [...lines.slice(0, MAX_LISTED), `and ${lines.length - MAX_LISTED} more ${what} (all are in --format json)`];
}

/**
 * The join as a whole: how many events matched, then each step without an event and each event without a
 * step (a request the evidence did not capture, or another client's). Null when no System Log was analyzed.
 */
export function systemLogSummary(analysis: AnalysisJson): string[] | null {
  const join = analysis.systemLog;
  if (!join) return null;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const lines = [
    `${plural(join.events, 'event')} in the System Log, ${join.joined} joined to steps by X-Okta-Request-Id; ` +
      `${plural(join.stepsWithoutEvent.length, 'step')} without an event, ${plural(join.unmatched.length, 'event')} without a step.`,
  ];
  const operation = new Map(analysis.transactions.flatMap((t) => t.steps.map((s) => [`${t.id}#${s.step}`, s.operation] as const)));
  lines.push(
    ...capped(
      join.stepsWithoutEvent.map((s) => {
        const why = s.requestId === null ? 'its response carried no X-Okta-Request-Id' : `no event names request ${s.requestId}`;
        return `Step ${s.step} of ${s.transaction} (${operation.get(`${s.transaction}#${s.step}`) ?? '?'}) has no System Log event: ${why}.`;
      }),
      'steps without an event',
    ),
    ...capped(
      join.unmatched.map((e) => `Event with no step: ${e.published} ${eventText(e)}, ${e.requestId === null ? 'no request id' : `request ${e.requestId}`} (${e.sourceRef}).`),
      'events without a step',
    ),
  );
  return lines;
}
