/**
 * A token as the analyzer sees it after redaction: a visible prefix, and a keyed fingerprint when the
 * token was seen in clear at ingest. Masked tokens from pasted evidence (`00WSySIHd8o8*****`) have only a
 * prefix; they link by prefix.
 */
export interface TokenRef {
  /** The visible characters before any mask. */
  prefix: string;
  /** Keyed fingerprint (hex) when the full token was known at ingest. */
  fp: string | null;
  /** true when the value is partial (masked in the evidence or redacted by authtrail). */
  masked: boolean;
}
