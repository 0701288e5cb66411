import type { Severity } from './severity.js';

/** A rule's verdict on one place in the evidence. Data only: formatters turn it into words. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Transaction id, or null for findings about the evidence as a whole. */
  transaction: string | null;
  /** Step number in that transaction, or null. */
  step: number | null;
  messageId: string;
  message: string;
  /** The values compared, so a reader can check the claim. Never a live secret. */
  evidence: Record<string, unknown>;
  docs: string;
  /** Set when the finding is about what the client app does, not Okta's behaviour: never a candidate for an Okta bug. */
  subject?: 'client';
}
