import { type Outcome, START, type Status, type Step, UNKNOWN_STATE } from '../../model/transaction.js';
import type { LiveMove, Member } from '../types.js';
import type { SamlFacts } from './facts.js';

export const REQUESTED = 'REQUESTED';

/** A request moves to REQUESTED; a response to its status (`Success`, `Responder/AuthnFailed`); undecoded ones move nothing. */
function moveOf(facts: SamlFacts, current: Status | null): { before: Status; after: Status } {
  const m = facts.message;
  const before = current ?? (m?.param === 'SAMLRequest' ? START : UNKNOWN_STATE);
  if (!m || m.undecoded) return { before, after: before };
  if (m.param === 'SAMLRequest') return { before, after: REQUESTED };
  return { before, after: m.status ?? before };
}

export function liveMove({ facts }: Member<SamlFacts>, current: Status | null): LiveMove {
  const { before, after } = moveOf(facts, current);
  return { before, after, token: null, rotated: false, errorCode: null };
}

/** One step per message; a response names the step of the request it answers. */
export function timeline(members: readonly Member<SamlFacts>[]): { steps: Step[]; outcome: Outcome } {
  let current: Status | null = null;
  const steps = members.map(({ exchange, facts }, index): Step => {
    const { before, after } = moveOf(facts, current);
    current = after;
    const m = facts.message;
    const step: Step = {
      step: index + 1,
      exchange,
      operation: facts.operation,
      statusBefore: before,
      statusAfter: after,
      responseStatus: m?.param === 'SAMLResponse' ? m.status : null,
      httpStatus: exchange.responseStatus,
      errorCode: null,
      requestToken: null,
      responseToken: null,
      requestRecoveryToken: null,
      responseRecoveryToken: null,
      tokenFingerprint: null,
      rotated: false,
      userId: null,
      login: null,
      passwordChanged: null,
      expiresAt: m?.notOnOrAfter ?? null,
      factorResult: null,
      recoveryType: null,
      links: [],
      linkPaths: [],
    };
    if (m) {
      const answered = m.param === 'SAMLResponse' && m.inResponseTo ? members.findIndex((o) => o.facts.message?.param === 'SAMLRequest' && o.facts.message.id === m.inResponseTo) : -1;
      step.saml = { ...m, answersStep: answered >= 0 ? answered + 1 : null };
    }
    return step;
  });
  return { steps, outcome: outcomeOf(steps) };
}

function outcomeOf(steps: Step[]): Outcome {
  const responses = steps.filter((s) => s.saml?.param === 'SAMLResponse' && s.saml.status);
  const last = responses[responses.length - 1];
  if (!last) return 'IN_PROGRESS';
  // The IdP said Success but the SP refused the post (4xx/5xx at the ACS): the sign-in did not happen.
  const refused = last.httpStatus !== null && last.httpStatus >= 400;
  return last.saml!.status === 'Success' && !refused ? 'SUCCESS' : 'FAILED';
}
