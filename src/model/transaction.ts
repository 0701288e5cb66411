import type { Exchange } from './exchange.js';
import type { IdxStep } from './idx.js';
import type { OAuthStep } from './oauth.js';
import type { SamlStep } from './saml.js';
import type { TokenRef } from './token.js';
import type { SystemLogEvent } from './systemlog.js';

/** Pseudo-states next to Okta's statuses: no transaction yet, cancelled, or not known from the evidence. */
export type Status = string;
export const START = 'START';
export const CANCELLED = 'CANCELLED';
/** The evidence starts mid-flow: the state before this step is not in it. */
export const UNKNOWN_STATE = 'UNKNOWN';

export type Outcome = 'SUCCESS' | 'MFA_PENDING' | 'CANCELLED' | 'FAILED' | 'IN_PROGRESS';

/** One exchange placed in its transaction, with everything the rules compare. */
export interface Step {
  /** Position in the transaction, from 1. */
  step: number;
  exchange: Exchange;
  /** Operation id such as `recovery.password`, `factors.verify`; `unknown` when not recognised. */
  operation: string;
  statusBefore: Status;
  /** Status after the step: the response's, CANCELLED after a 2xx /cancel, unchanged after an error. */
  statusAfter: Status;
  /** The status field of the response body itself (null for errors and cancel). */
  responseStatus: Status | null;
  httpStatus: number | null;
  errorCode: string | null;
  /** stateToken sent with the request (body, or query for GET-style polls). */
  requestToken: TokenRef | null;
  /** stateToken in the response. */
  responseToken: TokenRef | null;
  /** recoveryToken sent / received. */
  requestRecoveryToken: TokenRef | null;
  responseRecoveryToken: TokenRef | null;
  /** Short fingerprint of the token this step is about (response token, else request token). */
  tokenFingerprint: string | null;
  /** true when the response carries a different stateToken than the request did. */
  rotated: boolean;
  userId: string | null;
  login: string | null;
  passwordChanged: string | null;
  expiresAt: string | null;
  factorResult: string | null;
  recoveryType: string | null;
  /** Names of `_links` the response published (`next`, `cancel`, `skip`, `prev`, `resend`, `verify`). */
  links: string[];
  /** Hrefs of every published link, origin stripped (`/api/v1/authn/factors/x/verify`). */
  linkPaths: string[];
  /** Identity Engine steps only: remediations offered and taken, handles, authenticator. */
  idx?: IdxStep;
  /** OAuth 2.0 / OIDC steps (src/protocols/oauth). */
  oauth?: OAuthStep;
  /** Okta System Log events of this step's response (set only when a System Log was analyzed). */
  events?: SystemLogEvent[];
  /** SAML steps: the decoded message's issuer, destination, IDs, times and status. */
  saml?: SamlStep;
}

export interface Transaction {
  /** Stable in one analysis: `<captureId>.<n>`. */
  id: string;
  captureId: number;
  /** The protocol module that read this transaction (`okta-authn`, ...). */
  protocol: string;
  group: string;
  user: { id: string | null; login: string | null };
  steps: Step[];
  outcome: Outcome;
}
