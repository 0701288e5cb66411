import { obj, str } from '../../model/json.js';
import { CANCELLED, type Outcome, START, type Status, type Step, UNKNOWN_STATE } from '../../model/transaction.js';
import { tokenLabel, tokensDiffer } from '../../redact/token.js';
import type { LiveMove, Member } from '../types.js';
import type { AuthnFacts } from './facts.js';
import { operationInfo } from './operations.js';

const MFA_STATES = new Set(['MFA_REQUIRED', 'MFA_CHALLENGE', 'MFA_ENROLL', 'MFA_ENROLL_ACTIVATE', 'FACTOR_REQUIRED', 'FACTOR_CHALLENGE', 'FACTOR_ENROLL', 'FACTOR_ENROLL_ACTIVATE']);
/** Errors after which the transaction cannot go on. */
const TERMINAL_ERRORS = new Set(['E0000011', 'E0000069', 'E0000105', 'E0000004', 'E0000119']);

/**
 * How one exchange moves its transaction, given the status the transaction was in (null: first step).
 * The timeline and the recorder's live view both use it.
 */
function moveOf(facts: AuthnFacts, responseBody: unknown, current: Status | null): { before: Status; after: Status; responseStatus: string | null } {
  const res = obj(responseBody);
  const before: Status = current ?? (operationInfo(facts.operation).startsTransaction ? START : UNKNOWN_STATE);
  const responseStatus = facts.ok ? str(res.status) : null;
  const after: Status = facts.ok ? (responseStatus ?? (facts.operation === 'cancel' ? CANCELLED : before)) : before;
  return { before, after, responseStatus };
}

/** The live view's line for one exchange: its move, token and error, without rules or a rebuilt timeline. */
export function liveMove({ exchange, facts }: Member<AuthnFacts>, current: Status | null): LiveMove {
  const move = moveOf(facts, exchange.responseBody, current);
  return {
    before: move.before,
    after: move.after,
    token: tokenLabel(facts.responseToken ?? facts.requestToken),
    rotated: tokensDiffer(facts.requestToken, facts.responseToken),
    errorCode: str(obj(exchange.responseBody).errorCode),
  };
}

/** A chain's steps (status before and after each call, tokens, passwordChanged, expiresAt, links) and its outcome. */
export function timeline(members: readonly Member<AuthnFacts>[]): { steps: Step[]; outcome: Outcome } {
  const steps = buildSteps(members);
  return { steps, outcome: outcomeOf(steps) };
}

function buildSteps(members: readonly Member<AuthnFacts>[]): Step[] {
  let current: Status | null = null;
  return members.map(({ exchange, facts }, index) => {
    const res = obj(exchange.responseBody);
    const user = obj(obj(res._embedded).user);
    const { before, after, responseStatus } = moveOf(facts, res, current);
    current = after;
    const { names, paths } = linksOf(res);
    return {
      step: index + 1,
      exchange,
      operation: facts.operation,
      statusBefore: before,
      statusAfter: after,
      responseStatus,
      httpStatus: exchange.responseStatus,
      errorCode: str(res.errorCode),
      requestToken: facts.requestToken,
      responseToken: facts.responseToken,
      requestRecoveryToken: facts.requestRecoveryToken,
      responseRecoveryToken: facts.responseRecoveryToken,
      tokenFingerprint: tokenLabel(facts.responseToken ?? facts.requestToken),
      rotated: tokensDiffer(facts.requestToken, facts.responseToken),
      userId: facts.userId,
      login: facts.login,
      passwordChanged: str(user.passwordChanged),
      expiresAt: str(res.expiresAt),
      factorResult: str(res.factorResult),
      recoveryType: str(res.recoveryType),
      links: names,
      linkPaths: paths,
    };
  });
}

/** Names of the published `_links` and every href in them (per-factor links too), as paths. */
function linksOf(res: Record<string, any>): { names: string[]; paths: string[] } {
  const names = Object.keys(obj(res._links));
  const paths: string[] = [];
  const visit = (link: unknown) => {
    for (const l of Array.isArray(link) ? link : [link]) {
      const href = str(obj(l).href);
      if (href) paths.push(href.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, ''));
    }
  };
  for (const name of names) visit(res._links[name]);
  const factors = obj(res._embedded).factors;
  if (Array.isArray(factors)) {
    for (const f of factors) for (const l of Object.values(obj(obj(f)._links))) visit(l);
  }
  return { names, paths };
}

function outcomeOf(steps: Step[]): Outcome {
  if (steps.some((s) => s.statusAfter === 'SUCCESS')) return 'SUCCESS';
  const last = steps[steps.length - 1];
  if (!last) return 'IN_PROGRESS';
  if (last.statusAfter === CANCELLED) return 'CANCELLED';
  if (last.statusAfter === 'LOCKED_OUT' || (last.errorCode && TERMINAL_ERRORS.has(last.errorCode))) return 'FAILED';
  if (MFA_STATES.has(last.statusAfter)) return 'MFA_PENDING';
  return 'IN_PROGRESS';
}

