import type { IdxForm, IdxStep } from '../../model/idx.js';
import { obj, str } from '../../model/json.js';
import { CANCELLED, type Outcome, START, type Status, type Step, UNKNOWN_STATE } from '../../model/transaction.js';
import { parseTokenRef, tokenLabel, tokensDiffer } from '../../redact/token.js';
import type { LiveMove, Member } from '../types.js';
import { type IdxFacts, issuedCodeOf } from './facts.js';
import { classify, formsOf, isIdxDocument, messagesOf, stateLabel } from './ion.js';
import { VERIFYING, authenticatorOf, matchForm, pathOperation, requestFields } from './steps.js';

const header = (h: Record<string, string>, name: string) => h[name] ?? '';

/** Where a response leaves the transaction: the remediation set it offers, or what it ended with. */
function after(f: IdxFacts, res: unknown, httpStatus: number | null, before: Status): Status {
  const cls = classify(res, httpStatus);
  if (f.ok && /\/cancel$/i.test(f.path)) return CANCELLED;
  if (f.kind === 'interact' && f.ok) return 'INTERACTION_HANDLE';
  if (f.kind === 'token' && f.ok) return 'TOKENS';
  if (f.kind === 'redirect' && httpStatus !== null && httpStatus >= 300 && httpStatus < 400) return 'REDIRECT';
  if (cls === 'ERROR' || cls === 'NONE') return before;
  return stateLabel(cls, formsOf(res).filter((x) => x.kind === 'remediation').map((x) => x.name));
}

function startOf(f: IdxFacts, current: Status | null): Status {
  return current ?? (f.kind === 'interact' || f.kind === 'introspect' ? START : UNKNOWN_STATE);
}

/** The live view's line for one exchange, without the chain's earlier responses. */
export function liveMove({ exchange, facts }: Member<IdxFacts>, current: Status | null): LiveMove {
  const before = startOf(facts, current);
  const first = messagesOf(exchange.responseBody).find((m) => m.class === 'ERROR');
  return {
    before,
    after: after(facts, exchange.responseBody, exchange.responseStatus, before),
    token: tokenLabel(facts.responseHandle ?? facts.requestHandle),
    rotated: tokensDiffer(facts.requestHandle, facts.responseHandle),
    errorCode: first?.key ?? str(obj(exchange.responseBody).error),
  };
}

/** A chain's steps, each request matched against the forms of the latest response before it, and its outcome. */
export function timeline(members: readonly Member<IdxFacts>[]): { steps: Step[]; outcome: Outcome } {
  let current: Status | null = null;
  let offer: { forms: IdxForm[]; body: Record<string, any> } | null = null;
  let intent: string | null = null;
  const steps = members.map(({ exchange, facts }, index): Step => {
    const res = obj(exchange.responseBody);
    const cls = classify(res, exchange.responseStatus);
    const forms = formsOf(res);
    const previous = offer?.body ?? {};
    const exempt = facts.kind === 'interact' || facts.kind === 'introspect';
    const { form, ambiguous } = exempt || !offer ? { form: null, ambiguous: false } : matchForm(facts, exchange.method, offer.forms, previous);
    const taken = form?.name ?? null;
    const before = startOf(facts, current);
    const statusAfter = after(facts, res, exchange.responseStatus, before);
    current = statusAfter;
    intent = str(res.intent) ?? intent;
    const messages = messagesOf(res);
    const idx: IdxStep = {
      kind: facts.kind,
      taken,
      offered: exempt || !offer ? null : taken !== null,
      ambiguous,
      forms,
      remediations: forms.filter((x) => x.kind === 'remediation').map((x) => x.name),
      actions: forms.filter((x) => x.kind === 'action').map((x) => x.name),
      responseClass: facts.kind === 'interact' && facts.ok ? 'INTERACTION_HANDLE' : facts.kind === 'token' && facts.ok ? 'TOKENS' : statusAfter === 'REDIRECT' ? 'REDIRECT' : cls,
      intent,
      authenticator: authenticatorOf(facts, previous, res, taken),
      messages,
      requestHandle: facts.requestHandle,
      responseHandle: facts.responseHandle,
      interactionHandle: parseTokenRef(facts.request.interactionHandle ?? res.interaction_handle),
      interactionCode: facts.kind === 'token' ? parseTokenRef(facts.request.interaction_code) : null,
      issuedInteractionCode: parseTokenRef(issuedCodeOf(res)),
      grantType: str(facts.request.grant_type),
      codeVerifier: str(facts.request.code_verifier),
      codeChallenge: str(facts.request.code_challenge),
      codeChallengeMethod: str(facts.request.code_challenge_method),
      recoveryToken: facts.kind === 'interact' && str(facts.request.recovery_token) !== null,
      requestFields: requestFields(facts.request),
      restartHandle: /\/cancel$/i.test(facts.path) && facts.ok ? facts.responseHandle : null,
      deviceStepUp: exchange.responseStatus === 401 && /oktadevicejwt/i.test(header(exchange.responseHeaders, 'www-authenticate')),
    };
    // Rate limits and server errors leave the previous offer standing; every other IDX document replaces it.
    if (isIdxDocument(res) && cls !== 'ERROR') offer = { forms, body: res };
    return {
      step: index + 1,
      exchange,
      operation: taken ?? pathOperation(facts),
      statusBefore: before,
      statusAfter,
      responseStatus: cls === 'ERROR' || cls === 'NONE' ? null : statusAfter,
      httpStatus: exchange.responseStatus,
      errorCode: messages.find((m) => m.class === 'ERROR')?.key ?? str(res.error),
      requestToken: facts.requestHandle,
      responseToken: facts.responseHandle,
      requestRecoveryToken: null,
      responseRecoveryToken: null,
      tokenFingerprint: tokenLabel(facts.responseHandle ?? facts.requestHandle),
      rotated: tokensDiffer(facts.requestHandle, facts.responseHandle),
      userId: facts.userId,
      login: facts.login,
      passwordChanged: null,
      expiresAt: str(res.expiresAt),
      factorResult: null,
      recoveryType: null,
      links: idx.remediations.concat(idx.actions),
      linkPaths: forms.map((x) => x.path),
      idx,
    };
  });
  return { steps, outcome: outcomeOf(steps) };
}

function outcomeOf(steps: Step[]): Outcome {
  const success = steps.some((s) => ['SUCCESS_PENDING_EXCHANGE', 'SUCCESS_REDIRECT', 'TOKENS'].includes(s.idx!.responseClass) || s.idx!.messages.some((m) => m.key === 'idx.recovery.completed'));
  if (success) return 'SUCCESS';
  const last = steps[steps.length - 1];
  if (!last) return 'IN_PROGRESS';
  if (last.statusAfter === CANCELLED) return 'CANCELLED';
  if (last.idx!.responseClass === 'TERMINAL_ERROR') return 'FAILED';
  const offered = steps.map((s) => s.idx!).filter((i) => i.remediations.length > 0).pop();
  return offered && offered.remediations.some((r) => VERIFYING.has(r)) ? 'MFA_PENDING' : 'IN_PROGRESS';
}
