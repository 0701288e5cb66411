import type { OAuthStep } from '../../model/oauth.js';
import type { Placed } from '../../model/rule.js';
import type { Step, Transaction } from '../../model/transaction.js';

/** Helpers the OAuth rules share: the steps of one kind in a flow, and how to describe them. */

export type OAuthPlaced = Step & { oauth: OAuthStep };

export function oauthSteps(tx: Transaction, call?: OAuthStep['call']): OAuthPlaced[] {
  return tx.steps.filter((s): s is OAuthPlaced => Boolean(s.oauth) && (!call || s.oauth!.call === call));
}

/** The authorize request that began the flow (the first one that reached the server). */
export function authorizeOf(tx: Transaction): OAuthPlaced | null {
  return oauthSteps(tx, 'authorize')[0] ?? null;
}

export function tokenSteps(tx: Transaction, grant?: string): OAuthPlaced[] {
  return oauthSteps(tx, 'token').filter((s) => !grant || s.oauth.grantType === grant);
}

/** The unit's placed OAuth steps of one kind, in evidence order. */
export function placedOf(unit: readonly Placed[], call: OAuthStep['call']): (Placed & { step: OAuthPlaced })[] {
  return unit.filter((p): p is Placed & { step: OAuthPlaced } => p.step.oauth?.call === call);
}

export const isOk = (s: Step): boolean => s.httpStatus !== null && s.httpStatus >= 200 && s.httpStatus < 300 && !s.oauth?.error;

/** `200`, `400 invalid_grant`, `nothing`. */
export function answer(s: Step): string {
  return `${s.httpStatus ?? 'nothing'}${s.errorCode ? ` ${s.errorCode}` : ''}`;
}

export const responseTypes = (o: OAuthStep): string[] => (o.responseType ?? '').split(/\s+/).filter(Boolean);

/** The authorization code flow (response_type contains `code`). */
export const usesCode = (o: OAuthStep): boolean => responseTypes(o).includes('code');

/** `https://app.example/cb?x=1` → `https://app.example/cb` (a redirect's target without its parameters). */
export const withoutQuery = (url: string): string => url.replace(/[?#].*$/s, '');
