/** One line of a verdict: a behaviour or a problem, where it was seen, and the rules that saw it. */
export interface VerdictItem {
  rules: string[];
  transaction: string | null;
  steps: number[];
  text: string;
  /** The values compared (departures), so a reader can check the claim. */
  values?: string;
  /**
   * What was seen, in the finding's own words: the first sentence of its message (departures, added in 0.5),
   * e.g. `state from MFA_REQUIRED answered SUCCESS, but the transition table (A3, basis DOC+SDK) only allows MFA_REQUIRED.`
   */
  seen?: string;
  /** A departure seen in a transaction whose steps come from different attempts: it may not be Okta's. */
  unconfirmed?: boolean;
  /** What to do about it (problems with the evidence). */
  action?: string;
}

/**
 * The answer first, built from the findings: what Okta documents that explains what was seen, what departs from
 * Okta's documented behaviour (candidates for a bug), and problems with the evidence itself.
 */
export interface Verdict {
  documented: VerdictItem[];
  departures: VerdictItem[];
  /**
   * What the evidence shows that no Okta document states either way, from rules on inferred behaviour at low
   * or above (added in 0.3): neither "documented" nor a departure, and the reader should check it.
   */
  inferred?: VerdictItem[];
  /**
   * What the client does that the docs forbid or advise against (a password grant, no PKCE, a stale token), from
   * rules about the client at medium or above (added in 0.4): no candidate for an Okta bug; absent when empty.
   */
  client?: VerdictItem[];
  evidence: VerdictItem[];
  /** The line after `Answer: `, e.g. `not an Okta bug (documented behaviour); the evidence mixes attempts.` */
  answer: string;
}
