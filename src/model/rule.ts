import type { Capture, Exchange } from './exchange.js';
import type { Severity } from './severity.js';
import type { Step, Transaction } from './transaction.js';

/**
 * Whether Okta documents the behaviour a rule looks at (see ../shared/docs/okta-authn.md), or `evidence`: the
 * finding is about the evidence itself (mixed attempts, secrets in clear), not about Okta's behaviour.
 */
export type Basis = 'documented' | 'sdk' | 'forum' | 'inferred' | 'evidence';

export interface RuleMeta {
  /** Fixed id from the catalog, e.g. `password-committed-before-mfa`. */
  id: string;
  /** Default severity; a rule may raise or lower it per finding (e.g. info when the chain succeeds). */
  severity: Severity;
  summary: string;
  rationale: string;
  basis: Basis;
  /** A message whose findings have another basis than the rule's (a rule about Okta that also spots mixed evidence). */
  messageBasis?: Record<string, Basis>;
  /**
   * Whose behaviour a finding is about: `client` for what the app does (a grant the specs forbid, no PKCE, no
   * state), which is no candidate for an Okta bug whatever its severity; `server` (the default) for Okta's.
   */
  subject?: 'client' | 'server';
  /** A message whose finding is about another party than the rule's `subject` (a reuse Okta rejected is the client's). */
  messageSubject?: Record<string, 'client' | 'server'>;
  /** Messages that explain what was seen by what Okta documents (the verdict's first part), whatever their severity. */
  explains?: string[];
  /** Link to the rule's page in docs/rules and, inside it, the Okta reference. */
  docs: string;
  /** Message templates keyed by a stable message id; `{name}` placeholders are filled from `data`. */
  messages: Record<string, string>;
  /** The protocol whose transactions the rule is handed (`okta-authn`, ...), or `*` for every transaction. */
  protocol: string;
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
  /** Overrides whose behaviour the finding is about (RuleMeta.subject): a misuse the server refused is the client's. */
  subject?: 'client' | 'server';
}

export interface RuleContext {
  report(report: Report): void;
}

/** A step together with the transaction it belongs to. */
export interface Placed {
  tx: Transaction;
  step: Step;
}

/**
 * What a rule asks to be handed. The analyzer walks the evidence once and calls each rule's visitor for the
 * transactions of the rule's protocol: `transaction` and `step` for each transaction in order (all of a
 * unit's before that unit; a large analysis hands units one at a time, see RuleRun), `unit` for each unit
 * of evidence (one capture's group: a pasted transcript, a HAR, a recording) with its steps in evidence
 * order, so rules that look across chains (one user, one recovery token) never cross units, and `end` once
 * at the end. What a rule keeps per unit it may forget after that unit's `unit` call.
 */
export interface RuleVisitor {
  transaction?(tx: Transaction): void;
  step?(step: Step, tx: Transaction): void;
  unit?(unit: readonly Placed[]): void;
  /**
   * Rules of every protocol (`*`) only: the exchanges of a batch that no protocol reads (the evidence holds
   * them, no transaction does), after the batch's `unit` calls.
   */
  unanalyzed?(exchanges: readonly Exchange[]): void;
  /** Rules of every protocol (`*`) only: each capture analyzed, once, before `end` (what it left out, see Capture). */
  capture?(capture: Capture): void;
  end?(): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Called once per analysis: state the visitor keeps lives in its closure. */
  create(context: RuleContext): RuleVisitor;
}
