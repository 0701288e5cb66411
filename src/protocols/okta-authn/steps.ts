import type { Step } from '../../model/transaction.js';
import { isOk, requestKeys } from '../common/body.js';
import { toMs } from '../common/time.js';
import { operationInfo } from './operations.js';

/** A call that may set the password: reset, change, or primary authentication with an activation token. */
export function setsPassword(step: Step): boolean {
  if (operationInfo(step.operation).setsPassword) return true;
  return step.operation === 'primary' && requestKeys(step).includes('token');
}

/** A step whose passwordChanged moved past the latest one an earlier OK response showed. */
export interface PasswordAdvance {
  step: Step;
  /** The step's response status (its status after when the response had none). */
  status: string;
  /** The latest passwordChanged before it, the status then, and the step that showed it. */
  previous: { iso: string; status: string; step: number };
  /** Whether a call that may set the password came since that step. */
  setterSince: boolean;
}

/**
 * Every advance of passwordChanged across a transaction's OK responses, for the rules that judge whether a call
 * explains it. `setterNeedsOk`: only a setter call that succeeded counts; `regressionMovesStep`: a response that
 * shows an older value moves `previous.step` to it (the value and time stay the latest seen).
 */
export function* passwordAdvances(steps: readonly Step[], opts: { setterNeedsOk: boolean; regressionMovesStep: boolean }): Generator<PasswordAdvance> {
  let latest = null as { ms: number; iso: string; status: string; step: number } | null;
  let setterSince = false;
  for (const step of steps) {
    if (setsPassword(step) && (!opts.setterNeedsOk || isOk(step))) setterSince = true;
    const ms = toMs(step.passwordChanged);
    if (ms === null || !isOk(step)) continue;
    const status = step.responseStatus ?? step.statusAfter;
    if (latest && ms > latest.ms) yield { step, status, previous: { iso: latest.iso, status: latest.status, step: latest.step }, setterSince };
    if (!latest || ms >= latest.ms) latest = { ms, iso: step.passwordChanged!, status, step: step.step };
    else latest = { ms: latest.ms, iso: latest.iso, status, step: opts.regressionMovesStep ? step.step : latest.step };
    setterSince = false;
  }
}
