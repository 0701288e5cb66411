import type { SamlStep } from './saml.js';
import type { Capture } from './exchange.js';
import type { Finding } from './finding.js';
import type { OAuthStep } from './oauth.js';
import type { SystemLogEventJson, SystemLogJoinJson } from './systemlog.js';
import type { Outcome, Status } from './transaction.js';
import type { Verdict } from './verdict.js';

/**
 * The stable JSON output of `authtrail analyze --format json` (schemaVersion 1). Documented in the README;
 * add fields only, never rename or remove them.
 */
export interface AnalysisJson {
  schemaVersion: 1;
  captures: Capture[];
  transactions: TransactionJson[];
  findings: Finding[];
  /** Rules that threw: the analysis went on without them. */
  ruleErrors: { rule: string; message: string }[];
  /** The answer first, built from the findings (added in 0.2; absent from older documents). */
  verdict?: Verdict;
  /**
   * Calls to the Okta org in the evidence that no protocol module analyzed (outside --include, or of an API
   * authtrail does not read), by call pattern such as `/api/v1/users/{id}/factors` (added in 0.3).
   */
  unanalyzed?: Unanalyzed;
  /** The Okta System Log join, when System Log events were analyzed. */
  systemLog?: SystemLogJoinJson;
}

export interface Unanalyzed {
  count: number;
  calls: Record<string, number>;
}

export interface StepJson {
  step: number;
  exchangeId: number;
  method: string;
  path: string;
  operation: string;
  statusBefore: Status;
  statusAfter: Status;
  httpStatus: number | null;
  errorCode: string | null;
  stateToken: { fingerprint: string | null; rotated: boolean };
  passwordChanged: string | null;
  expiresAt: string | null;
  factorResult: string | null;
  startedAt: string | null;
  sourceRef: string;
  /**
   * How the request failed on the way, as the evidence says it (`curl: (56) Recv failure: Connection reset by
   * peer`, the recorder's `ECONNRESET`): present only then. Okta's answer, if any, is not shown.
   */
  transportError?: string;
  /** OAuth 2.0 / OIDC steps: parameters, redacted token references, decoded id_token and access token claims. */
  oauth?: OAuthStep;

  /** Okta System Log events of this step (present only when a System Log was analyzed; may be empty). */
  events?: SystemLogEventJson[];
  /** SAML steps only: the decoded message's routing and timing fields. */
  saml?: SamlStep;
}

export interface TransactionJson {
  id: string;
  captureId: number;
  user: { id: string | null; login: string | null };
  outcome: Outcome;
  steps: StepJson[];
}
