import type { Exchange } from '../model/exchange.js';
import type { Rule } from '../model/rule.js';
import type { TokenRef } from '../model/token.js';
import type { Outcome, Status, Step } from '../model/transaction.js';

/**
 * What a protocol module tells the analyzer. The analyzer itself only links exchanges into chains by the keys
 * a protocol reads from them, numbers the chains and runs rules: everything that knows a protocol's bodies
 * (statuses, operations, which tokens tie calls together, what a step's state is) lives in one folder under
 * src/protocols/ and is registered in src/protocols/index.ts.
 */

/** A value that ties exchanges into one transaction: its kind (`state`, `recovery`, `stateHandle` ...) and the token. */
export interface ChainKey {
  kind: string;
  ref: TokenRef;
}

/** What linking needs of one exchange, read once by its protocol. */
export interface LinkFacts {
  /** Operation id such as `recovery.password`; `unknown` when not recognised. */
  operation: string;
  /** Answered with a 2xx. */
  ok: boolean;
  /** Keys the request presents, strongest first: the newest chain holding one of them takes the exchange. */
  uses: ChainKey[];
  /** Keys the response issues: tried when no key of the request matched, unless `starts`. */
  issues: ChainKey[];
  /** The request begins a transaction of its own unless a key of the request tied it to one. */
  starts: boolean;
  /** The transaction is over after this exchange: it is not joined again by user id. */
  ends: boolean;
  /**
   * Metadata, not a step of a flow (a discovery document, a key set): read, and kept out of the transactions
   * unless a key of the request ties it to one. Neither a transaction of its own nor unanalyzed.
   */
  context?: boolean;
  /** The user the exchange is about, to link by when the evidence lost the keys (open chains only). */
  userId: string | null;
  login: string | null;
}

/** One exchange placed in a chain, with what its protocol read from it. */
export interface Member<F extends LinkFacts = LinkFacts> {
  exchange: Exchange;
  facts: F;
}

/** The short line of the recorder's live view for one exchange, made without rules or a timeline. */
export interface LiveMove {
  before: Status;
  after: Status;
  /** Short fingerprint of the token the step is about. */
  token: string | null;
  rotated: boolean;
  errorCode: string | null;
}

export interface Protocol<F extends LinkFacts = LinkFacts> {
  /** `okta-authn`; also the `meta.protocol` of its rules and the `protocol` of its transactions. */
  id: string;
  label: string;
  /** URL path globs of this protocol's calls: the default `--include` is every protocol's. */
  include: readonly string[];
  /** Whether this exchange belongs to the protocol (by method, path and, where needed, its bodies). */
  claims(exchange: Exchange): boolean;
  facts(exchange: Exchange): F;
  /** A chain's timeline: one step per member, in order, and how the transaction ended. */
  timeline(members: readonly Member<F>[]): { steps: Step[]; outcome: Outcome };
  /** Where one exchange moves a transaction that was in `current` (null: its first exchange). */
  move(member: Member<F>, current: Status | null): LiveMove;
  rules: readonly Rule[];
}
