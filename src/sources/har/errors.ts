/** A JSON syntax error, with how far the reader got: the caller decides whether it means "truncated". */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly atEnd: boolean,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Why a JSON document is not a HAR; the caller words it for the user. */
export class NotHarError extends Error {
  override name = 'NotHarError';
}

/** What the HAR says about itself, learned while its entries stream past. */
export interface HarMeta {
  version: string | null;
  creator: { name?: string; version?: string } | null;
  /** A top-level object with a `log` object was seen. */
  sawLog: boolean;
  /** `log.entries` was an array. */
  sawEntries: boolean;
  /** authtrail's own export: `log._authtrail` (what the capture saw but did not keep). */
  authtrail?: { unread?: Record<string, number>; unreadExposures?: unknown } | null;
}
