import type { Severity } from './severity.js';
import type { Step, Transaction } from './transaction.js';

/** Whether Okta documents the behaviour a rule looks at (see ../shared/docs/okta-authn.md). */
export type Basis = 'documented' | 'sdk' | 'forum' | 'inferred';

export interface RuleMeta {
  /** Fixed id from the catalog, e.g. `password-committed-before-mfa`. */
  id: string;
  /** Default severity; a rule may raise or lower it per finding (e.g. info when the chain succeeds). */
  severity: Severity;
  summary: string;
  rationale: string;
  basis: Basis;
  /** Link to the rule's page in docs/rules and, inside it, the Okta reference. */
  docs: string;
  /** Message templates keyed by a stable message id; `{name}` placeholders are filled from `data`. */
  messages: Record<string, string>;
}

export interface Report {
  transaction: Transaction | null;
  step: Step | null;
  messageId: string;
  /** Values for the message placeholders. */
  data?: Record<string, string | number>;
  /** The values compared. Never a live secret. */
  evidence: Record<string, unknown>;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
}

export interface RuleContext {
  /** Every transaction in the analysis (rules that look across chains, e.g. for one user, use this). */
  readonly transactions: readonly Transaction[];
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
