import type { RawExchange, SourceKind, UnreadExposure } from '../model/exchange.js';
import type { RawSystemLogEvent } from '../model/systemlog.js';

/** A problem in the evidence that lost part of it; the rest is still imported. */
export interface SourceWarning {
  /** `file:line` and, when known, the step: `thread.md:58 (step 4)`. */
  ref: string;
  message: string;
}

/** Counts a source fills in while its exchanges are read; the CLI prints them. */
export interface SourceReport {
  /** What the source calls its units: `steps`, `entries`, `commands`, `messages`. */
  unit: string;
  /** Units found in the evidence (steps, HAR entries...). */
  found: number;
  /** Units that became exchanges. */
  imported: number;
  /** Units left out because their path is outside --include. */
  outside: number;
  /** Of those, the calls to the Okta org, by call pattern (see src/protocols/org.ts); kept with the capture. */
  unread?: Record<string, number>;
  warnings: SourceWarning[];
  /** Set when the input was cut short and the units before the damage were kept (`--partial`): what is lost. */
  incomplete?: string;
  /** For progress on large files: bytes read so far and the file's size, when the source streams. */
  bytesRead?: number;
  bytesTotal?: number;
}

/**
 * Every importer (forum transcript, curl, raw HTTP, HAR) produces one of these; the ingest pipeline
 * hands its exchanges to `openIngest`, as the recorder's worker does with live ones.
 */
export interface ImportSource {
  kind: SourceKind;
  /** Display name of the evidence (the path as the user gave it). */
  file: string;
  /** sha256 of the input bytes, to refuse importing the same content twice ('' when `hashAfterRead` gives it). */
  contentHash: string;
  /**
   * A source that hashes its bytes in its one reading pass (a HAR of a gigabyte is not read twice) gives the
   * hash here once its exchanges were read; the duplicate check then happens before the commit.
   */
  hashAfterRead?: () => string;
  exchanges: Iterable<RawExchange> | AsyncIterable<RawExchange>;
  /**
   * Calls the capture does not keep, as read: those to the Okta org left outside --include (those
   * `report.unread` counts), and those left out whole as beyond repair (with RawExchange.unreadable); complete
   * once `exchanges` is. Not stored: the pipeline redacts them only to learn which secrets they show in clear.
   */
  leftOut?: LeftOut[];
  /**
   * A pasted text's file: read again once its calls are, for the secrets it shows in clear on lines no reader
   * took for a call (see textExposures), which are kept with the capture as a left-out call's are.
   */
  textFile?: string;
  /** What an earlier capture noted of the calls it did not keep (its HAR export's `_authtrail`), cleaned; complete once `exchanges` is. */
  priorUnreadExposures?: UnreadExposure[];
  /** Okta System Log events (a System Log export): stored beside the exchanges, joined at analysis. */
  systemLog?: RawSystemLogEvent[];
  report: SourceReport;
}

/** A call an ImportSource does not hand on, and why (UnreadExposure.reason). */
export interface LeftOut {
  exchange: RawExchange;
  reason: 'outside' | 'unreadable';
}

/** A source's unit (named in the plural: `entries`, `blocks`) as `n` of them read: `1 entry`, `2 entries`. */
export function unitsWord(unit: string, n: number): string {
  return n === 1 ? unit.replace(/ies$/, 'y').replace(/s$/, '') : unit;
}

export function newReport(unit: string): SourceReport {
  return { unit, found: 0, imported: 0, outside: 0, warnings: [] };
}
