import type { LiveLine, RecordingSummary } from '../analyze/live.js';
import type { AnalysisJson } from '../model/analysis.js';
import type { BurstOptions } from './burst.js';

/** Messages between the recorder (proxy thread) and its recording worker. */

export interface WorkerInit {
  db: string;
  /** Capture label, e.g. `proxy:http://127.0.0.1:8080 -> https://dev-123.okta.com`. */
  file: string;
  raw: boolean;
  /** Which live-view output to send to the main thread: structured lines, formatted text, both or neither. */
  live: { lines: boolean; text: boolean };
  /** Shared memory the proxy thread writes encoded batches into (ring.ts). */
  ring: SharedArrayBuffer;
  /** --durable: say when each batch is committed (`committed` with the batch's id). */
  durable: boolean;
  /** Send the whole analysis document at stop too (the demo prints its table); else only the summary. */
  document: boolean;
  /** Heap the live analysis may keep for the summary (LiveAnalysis, KEPT_BYTES). */
  keptBytes: number;
  /** When batches are held during bursts of traffic (burst.ts). */
  burst: BurstOptions;
}

/**
 * A batch of exchanges in batch-codec.ts's format: where it lies in the shared ring, or (when the ring was
 * full) its own transferred buffer.
 */
export type ToWorker =
  | { type: 'ring'; at: number; length: number; id: number; count: number }
  | { type: 'batch'; packed: ArrayBuffer; id: number; count: number }
  | { type: 'stop'; unread: Record<string, number> };

export type FromWorker =
  | { type: 'ready'; captureId: number }
  | { type: 'error'; message: string; input: boolean }
  | { type: 'lines'; lines: LiveLine[] | null; text: string | null }
  | { type: 'committed'; id: number }
  | { type: 'notice'; message: string }
  | { type: 'stopped'; captureId: number; exchanges: number; summary: RecordingSummary; document: AnalysisJson | null; burstBatches: number };
