/**
 * A token as the analyzer sees it after redaction: a visible prefix, and a keyed fingerprint when the
 * token was seen in clear at ingest. Masked tokens from pasted evidence (`00WSySIHd8o8*****`) have only a
 * prefix, and some a suffix (`00abc...xyz`); they link by what they show.
 */
export interface TokenRef {
  /** The visible characters before any mask. */
  prefix: string;
  /** Keyed fingerprint (hex) when the full token was known at ingest. */
  fp: string | null;
  /** true when the value is partial (masked in the evidence or redacted by authtrail). */
  masked: boolean;
  /** The visible characters after the mask, when the evidence shows the token's end too (`xyz` of `00abc...xyz`). */
  suffix?: string;
}
