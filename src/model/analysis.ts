import type { SamlStep } from './saml.js';
import type { Capture } from './exchange.js';
import type { Finding } from './finding.js';
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
