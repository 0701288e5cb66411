import type { Step } from '../../model/transaction.js';
import type { TokenRef } from '../../model/token.js';
import { isOk } from '../common/body.js';
import { SKEW_MS, toMs } from '../common/time.js';
import { sameToken } from '../common/tokens.js';

/** A step's times in milliseconds (null when absent or unreadable, see toMs). */
export interface StepTimes {
  started: number | null;
  expires: number | null;
  changed: number | null;
}

/** Each step's times, read once: the authn rules ask for the same step's times again and again. */
const stepTimes = new WeakMap<Step, StepTimes>();

/** The request's start, the response's expiresAt and passwordChanged of a step, in milliseconds. */
export function timesOf(step: Step): StepTimes {
  let times = stepTimes.get(step);
  if (!times) {
    times = { started: toMs(step.exchange.startedAt), expires: toMs(step.expiresAt), changed: toMs(step.passwordChanged) };
    stepTimes.set(step, times);
  }
  return times;
}

export interface KnownExpiry {
  ms: number;
  iso: string;
  /** The step whose response gave it. */
  step: number;
}

/**
 * The latest expiresAt Okta announced for `token` before step index `i`: from 2xx responses that carry the
 * same stateToken, or for a recoveryToken the response that handed it out.
 */
export function expiryBefore(steps: readonly Step[], i: number, token: TokenRef, kind: 'state' | 'recovery'): KnownExpiry | null {
  for (let j = i - 1; j >= 0; j--) {
    const s = steps[j];
    if (!isOk(s)) continue;
    const carried = kind === 'state' ? s.responseToken : s.responseRecoveryToken;
    const ms = timesOf(s).expires;
    if (ms !== null && carried && sameToken(carried, token)) return { ms, iso: s.expiresAt!, step: s.step };
  }
  return null;
}

/**
 * Whether the evidence's clock agrees with Okta's: every 2xx response's expiresAt lies after its own request
 * started. A recorder whose clock runs ahead would otherwise make live tokens look expired.
 */
export function clockAgrees(steps: readonly Step[]): boolean {
  let agrees = clockAgreement.get(steps);
  if (agrees === undefined) clockAgreement.set(steps, (agrees = checkClock(steps)));
  return agrees;
}

/** clockAgrees per transaction's steps: two rules ask it of every transaction. */
const clockAgreement = new WeakMap<readonly Step[], boolean>();

function checkClock(steps: readonly Step[]): boolean {
  return steps.every((s) => {
    if (!isOk(s)) return true;
    const started = timesOf(s).started;
    const expires = timesOf(s).expires;
    return started === null || expires === null || expires >= started - SKEW_MS;
  });
}

/**
 * Whether passwordChanged can advance across these steps (see passwordAdvances): only if two OK responses show
 * different texts of it. Most transactions show one value throughout, and need no walk that builds records.
 */
export function passwordMayAdvance(steps: readonly Step[]): boolean {
  let first: string | null = null;
  for (const s of steps) {
    if (!s.passwordChanged || !isOk(s)) continue;
    if (first === null) first = s.passwordChanged;
    else if (s.passwordChanged !== first) return true;
  }
  return false;
}
