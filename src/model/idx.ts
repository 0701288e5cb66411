import type { TokenRef } from './token.js';

/**
 * What an Okta Identity Engine (IDX) step holds beyond the common Step fields: the remediations offered,
 * the one taken, the authenticator, the handles that link the chain. See ../shared/docs/okta-idx.md §1.
 */

/** How a response reads (okta-idx.md §1.8), plus the non-IDX answers of /interact and /token. */
export type IdxResponseClass =
  | 'PENDING'
  | 'REJECTED_RETRY'
  | 'SUCCESS_PENDING_EXCHANGE'
  | 'SUCCESS_REDIRECT'
  | 'TERMINAL_ERROR'
  | 'TERMINAL_INFO'
  | 'INTERACTION_HANDLE'
  | 'TOKENS'
  | 'REDIRECT'
  | 'ERROR'
  | 'NONE';

/** What kind of call the request is, by its path. */
export type IdxCallKind = 'interact' | 'introspect' | 'remediate' | 'token' | 'redirect';

/** One Ion form a response offers: a remediation, or an action (`cancel`, `currentAuthenticatorEnrollment-recover`, `issue`). */
export interface IdxForm {
  name: string;
  kind: 'remediation' | 'action';
  method: string;
  /** Path of the href, origin and query dropped (fixtures mix hosts). */
  path: string;
  /** Values of fields the form marks `mutable: false`, by dotted field name (`stateHandle`, `authenticator.id`). */
  immutable: Record<string, string>;
  /** Authenticator ids among the form's options (`authenticator.id` choices). */
  options: string[];
  /** Poll interval the form asks for, in ms. */
  refreshMs: number | null;
}

export interface IdxMessage {
  key: string | null;
  class: string | null;
  /** Sits on a form field rather than at the top level. */
  field: boolean;
}

export interface IdxAuthenticator {
  /** `password`, `email`, `security_question`... (the request's methodType when the context lacks a type). */
  type: string | null;
  id: string | null;
  methodType: string | null;
}

export interface IdxStep {
  kind: IdxCallKind;
  /** The remediation or action taken, matched by method and path against the previous response's forms. */
  taken: string | null;
  /** Whether the request matched a form the previous response offered; null when no previous response is in the chain. */
  offered: boolean | null;
  /** Several offered forms shared the endpoint and the body shape decided. */
  ambiguous: boolean;
  /** The forms the response offers (remediations first). */
  forms: IdxForm[];
  remediations: string[];
  actions: string[];
  responseClass: IdxResponseClass;
  intent: string | null;
  authenticator: IdxAuthenticator | null;
  messages: IdxMessage[];
  /** stateHandle (or stateToken) the request presents, body or query. */
  requestHandle: TokenRef | null;
  /** Top-level stateHandle of the response. */
  responseHandle: TokenRef | null;
  /** interactionHandle presented (introspect) or issued (/interact). */
  interactionHandle: TokenRef | null;
  /** interaction_code sent to /token. */
  interactionCode: TokenRef | null;
  /** interaction_code a successWithInteractionCode form hands out. */
  issuedInteractionCode: TokenRef | null;
  grantType: string | null;
  /** PKCE as the request shows it: the verifier (at /token), the challenge and method (at /interact). */
  codeVerifier: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  /** /interact was called with a recovery_token (recovery proven out of band, okta-idx.md §1.9 C). */
  recoveryToken: boolean;
  /** Request field names (dotted, one level deep) with a value present. */
  requestFields: string[];
  /** The response to a `cancel`: its stateHandle starts the transaction that restarts this one. */
  restartHandle: TokenRef | null;
  /** A 401 that is Okta Verify device SSO step-up (`WWW-Authenticate: Oktadevicejwt`), not a failure. */
  deviceStepUp: boolean;
}
