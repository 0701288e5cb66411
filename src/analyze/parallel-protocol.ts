import type { EvidenceUnit } from '../store/store.js';
import type { RuleSetting } from './config.js';
import type { FailedSteps, PlacedFinding, RuleError, UnreadPart } from './index.js';

/** Messages between the parallel analysis (parallel.ts, main thread) and its workers (worker.ts). */

export interface AnalyzeWorkerInit {
  db: string;
  /** The last exchange id of the analysis (see Store.units): rows appended after it are not read. */
  upTo: number;
  /** Rule settings (--rule, authtrail.config.json) as entries of the map. */
  settings: [string, RuleSetting][];
  /** Heap a worker may grow to before it collects (see heapBound). */
  heapBound: number;
}

/**
 * `part`: analyze these units (whole units, in evidence order). `base`: the last transaction number of each
 * capture before part `index`, known once every earlier part is linked: ids are numbered across parts.
 */
export type ToAnalyzeWorker = { type: 'part'; index: number; units: EvidenceUnit[] } | { type: 'base'; index: number; counters: [number, number][] };

/** What a part's analysis hands back: everything the document needs of it, the transactions already as text. */
export interface PartResult {
  index: number;
  /** The part's transactions as `itemsText` writes them, UTF-8 encoded (empty for none). */
  bytes: Uint8Array;
  transactions: number;
  /** Findings with places local to the part: transaction place within the part, report order within the part. */
  placed: PlacedFinding[];
  visitErrors: RuleError[];
  endErrors: RuleError[];
  unread: UnreadPart;
  unanswered: number;
  failed: FailedSteps;
}

/** `linked`: how many transactions part `index` holds for each capture, so the next part's numbering can start. */
export type FromAnalyzeWorker =
  | { type: 'linked'; index: number; counts: [number, number][] }
  | ({ type: 'done' } & PartResult)
  | { type: 'failed'; index: number; message: string; stack?: string; input: boolean };
