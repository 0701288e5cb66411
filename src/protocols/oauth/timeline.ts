import { START, type Outcome, type Status, type Step } from '../../model/transaction.js';
import { tokenLabel } from '../../redact/token.js';
import type { LiveMove, Member } from '../types.js';
import type { OAuthFacts } from './facts.js';

/**
 * A flow's pseudo-statuses: AUTHENTICATING (the authorize request showed a sign-in page), CODE_ISSUED,
 * CODE_RECEIVED (the callback), TOKENS_ISSUED, REVOKED, LOGGED_OUT, ERROR (an OAuth error answer).
 */
function moveOf({ exchange, facts }: Member<OAuthFacts>, current: Status | null): { before: Status; after: Status } {
  const o = facts.oauth;
  const before = current ?? START;
  if (o.error || (exchange.responseStatus ?? 0) >= 400) return { before, after: o.call === 'token' || o.call === 'userinfo' ? before : 'ERROR' };
  switch (o.call) {
    case 'authorize':
      return { before, after: o.response?.code || o.response?.tokens.length ? 'CODE_ISSUED' : 'AUTHENTICATING' };
    case 'callback':
      return { before, after: o.code ? 'CODE_RECEIVED' : before };
    case 'token':
      return { before, after: o.issued.accessToken ? 'TOKENS_ISSUED' : before };
    case 'revoke':
      return { before, after: facts.ok ? 'REVOKED' : before };
    case 'logout':
      return { before, after: 'LOGGED_OUT' };
    default:
      return { before, after: before };
  }
}

const tokenOf = (f: OAuthFacts) => f.oauth.issued.accessToken ?? f.oauth.code ?? f.oauth.response?.code ?? f.oauth.refreshToken ?? null;

export function liveMove(member: Member<OAuthFacts>, current: Status | null): LiveMove {
  const { before, after } = moveOf(member, current);
  return { before, after, token: tokenLabel(tokenOf(member.facts)), rotated: false, errorCode: member.facts.oauth.error };
}

export function timeline(members: readonly Member<OAuthFacts>[]): { steps: Step[]; outcome: Outcome } {
  let current: Status | null = null;
  const steps: Step[] = members.map((member, index) => {
    const { exchange, facts } = member;
    const { before, after } = moveOf(member, current);
    current = after;
    return {
      step: index + 1,
      exchange,
      operation: facts.operation,
      statusBefore: before,
      statusAfter: after,
      responseStatus: null,
      httpStatus: exchange.responseStatus,
      errorCode: facts.oauth.error,
      requestToken: null,
      responseToken: null,
      requestRecoveryToken: null,
      responseRecoveryToken: null,
      tokenFingerprint: tokenLabel(tokenOf(facts)),
      rotated: false,
      userId: facts.userId,
      login: facts.login,
      passwordChanged: null,
      expiresAt: null,
      factorResult: null,
      recoveryType: null,
      links: [],
      linkPaths: [],
      oauth: facts.oauth,
    };
  });
  return { steps, outcome: outcomeOf(steps) };
}

function outcomeOf(steps: Step[]): Outcome {
  if (steps.some((s) => s.statusAfter === 'TOKENS_ISSUED')) return 'SUCCESS';
  const last = steps[steps.length - 1];
  if (!last) return 'IN_PROGRESS';
  if (last.statusAfter === 'ERROR' || last.errorCode) return 'FAILED';
  if (last.statusAfter === 'LOGGED_OUT' || last.statusAfter === 'REVOKED') return 'CANCELLED';
  return 'IN_PROGRESS';
}
