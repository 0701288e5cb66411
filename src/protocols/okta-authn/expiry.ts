import type { Step } from '../../model/transaction.js';
import type { TokenRef } from '../../model/token.js';
import { isOk } from '../common/body.js';
import { SKEW_MS, toMs } from '../common/time.js';
import { sameToken } from '../common/tokens.js';
import { memoize } from '../../model/memo.js';

/** toMs of each time text, remembered: the rules read every step's startedAt, expiresAt and passwordChanged again and again. */
const msOfText = memoize(toMs);

/** Milliseconds since the epoch for an ISO-8601 time, or null (see toMs): what the authn rules read times with. */
export function timeOf(value: string | null | undefined): number | null {
  return value ? msOfText(value) : null;
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
    const ms = timeOf(s.expiresAt);
    if (ms !== null && carried && sameToken(carried, token)) return { ms, iso: s.expiresAt!, step: s.step };
  }
  return null;
}

/**
 * Whether the evidence's clock agrees with Okta's: every 2xx response's expiresAt lies after its own request
 * started. A recorder whose clock runs ahead would otherwise make live tokens look expired.
 */
export function clockAgrees(steps: readonly Step[]): boolean {
  return steps.every((s) => {
    if (!isOk(s)) return true;
    const started = timeOf(s.exchange.startedAt);
    const expires = timeOf(s.expiresAt);
    return started === null || expires === null || expires >= started - SKEW_MS;
  });
}
