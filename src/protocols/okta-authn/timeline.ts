import { obj, str } from '../../model/json.js';
import { memoize } from '../../model/memo.js';
import { isObject } from '../common/body.js';
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
  // A 2xx answer whose status the evidence does not show (its body not captured, or printed in part) moved the
  // transaction somewhere unseen: unknown, not the status before, so no rule judges the next call from a guess.
  const after: Status = facts.ok ? (responseStatus ?? (facts.operation === 'cancel' ? CANCELLED : UNKNOWN_STATE)) : before;
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
  const links = res._links;
  const names = isObject(links) ? Object.keys(links) : [];
  const paths: string[] = [];
  for (const name of names) addPaths(links[name], paths);
  const embedded = res._embedded;
  const factors = isObject(embedded) ? embedded.factors : undefined;
  if (Array.isArray(factors)) {
    for (const f of factors) {
      const own = isObject(f) ? f._links : undefined;
      if (isObject(own)) for (const rel of Object.keys(own)) addPaths(own[rel], paths);
    }
  }
  return { names, paths };
}

/** The paths of a `_links` entry (one link or a list of them). */
function addPaths(link: unknown, paths: string[]): void {
  if (!Array.isArray(link)) return addPath(link, paths);
  for (const l of link) addPath(l, paths);
}

function addPath(link: unknown, paths: string[]): void {
  const href = isObject(link) ? str(link.href) : null;
  if (href) paths.push(hrefPath(href));
}

/** An href without origin, query or fragment; remembered, as every response of a flow lists the same links. */
const hrefPath = memoize((href: string) => href.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, ''));

function outcomeOf(steps: Step[]): Outcome {
  if (steps.some((s) => s.statusAfter === 'SUCCESS')) return 'SUCCESS';
  const last = steps[steps.length - 1];
  if (!last) return 'IN_PROGRESS';
  if (last.statusAfter === CANCELLED) return 'CANCELLED';
  if (last.statusAfter === 'LOCKED_OUT' || (last.errorCode && TERMINAL_ERRORS.has(last.errorCode))) return 'FAILED';
  if (MFA_STATES.has(last.statusAfter)) return 'MFA_PENDING';
  return 'IN_PROGRESS';
}

