import type { IdxStep } from '../../model/idx.js';
import type { Step } from '../../model/transaction.js';

/** Helpers the IDX rules share: a step's IDX data, acceptance, where a chain ended. */

const EMPTY: IdxStep = {
  kind: 'remediate', taken: null, offered: null, ambiguous: false, forms: [], remediations: [], actions: [], responseClass: 'NONE', intent: null,
  authenticator: null, messages: [], requestHandle: null, responseHandle: null, interactionHandle: null, interactionCode: null, issuedInteractionCode: null,
  grantType: null, codeVerifier: null, codeChallenge: null, codeChallengeMethod: null, recoveryToken: false, requestFields: [], restartHandle: null, deviceStepUp: false,
};

export function idx(step: Step): IdxStep {
  return step.idx ?? EMPTY;
}

export function is2xx(step: Step): boolean {
  return step.httpStatus !== null && step.httpStatus >= 200 && step.httpStatus < 300;
}

/** Answered 2xx with no ERROR message, top level or on a field: the server took what was sent. */
export function accepted(step: Step): boolean {
  return is2xx(step) && !idx(step).messages.some((m) => m.class === 'ERROR');
}

/** A response after which the transaction is over: success, terminal, tokens issued, or a cancel. */
export function endsChain(step: Step): boolean {
  const i = idx(step);
  if (step.statusAfter === 'CANCELLED') return true;
  return ['SUCCESS_PENDING_EXCHANGE', 'SUCCESS_REDIRECT', 'TERMINAL_ERROR', 'TERMINAL_INFO', 'TOKENS'].includes(i.responseClass);
}

/** The step whose response is the offer the request at index `i` answered (the timeline's rule: the latest IDX document that is no rate limit). */
export function offerBefore(steps: readonly Step[], i: number): Step | null {
  for (let j = i - 1; j >= 0; j--) if (!['ERROR', 'NONE', 'INTERACTION_HANDLE', 'TOKENS', 'REDIRECT'].includes(idx(steps[j]).responseClass)) return steps[j];
  return null;
}

/** The first step of the chain that ended it, before index `i`. */
export function endBefore(steps: readonly Step[], i: number): Step | null {
  for (let j = 0; j < i; j++) if (endsChain(steps[j])) return steps[j];
  return null;
}

export const offers = (step: Step, name: string) => idx(step).remediations.includes(name);
