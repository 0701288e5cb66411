import { BATCH_MS } from '../sources/proxy/batch-codec.js';

/**
 * When the recording worker holds batches back. Recording is background work: during a burst of traffic (a
 * load test or a benchmark through the recorder, thousands of exchanges a second) the worker's parsing,
 * redaction and SQLite writes take CPU the traffic needs, even at the lowest priority (on a small VM a busy
 * second core slows the first), so while exchanges arrive faster than `rate` a second the worker keeps their
 * batches as they came and records them once the burst is over: `quietMs` without a batch, or sooner once
 * `maxBytes` are held. A person's sign-ins through the proxy (a few exchanges a second) are recorded as they
 * come. The live view lags by the burst's length at most; stop and --durable (which never holds) lose nothing.
 */

export interface BurstOptions {
  /** Exchanges a second above which traffic is a burst. */
  rate: number;
  /** Batch bytes held at most; past them the worker records as it goes again. */
  maxBytes: number;
  /** Time without a batch after which the burst is over. */
  quietMs: number;
  /**
   * The longest time one batch spans (the proxy hands a batch over at most this long after its first
   * exchange): a single batch of more than rate x spanMs exchanges is a burst already, so a burst is held
   * from its first batch, not only once a second of it has been counted.
   */
  spanMs: number;
}

export const DEFAULT_BURST: BurstOptions = { rate: 1000, maxBytes: 64 * 1024 * 1024, quietMs: 150, spanMs: BATCH_MS };

/** How far back the arrival rate is measured. */
const WINDOW_MS = 1000;

export class BurstHold<T> {
  private readonly arrivals: { at: number; count: number }[] = [];
  private recent = 0;
  private readonly held: T[] = [];
  private heldBytes = 0;
  /** Batches held over the recording, for the stop's summary. */
  heldBatches = 0;

  constructor(private readonly options: BurstOptions = DEFAULT_BURST) {}

  /**
   * A batch of `count` exchanges and `bytes` bytes arrived at `now` (ms). Returns true when it is to be held
   * (the caller keeps `item` here by calling hold), false when everything held and it are to be recorded now.
   */
  arrive(now: number, count: number, bytes: number): boolean {
    this.arrivals.push({ at: now, count });
    this.recent += count;
    while (this.arrivals.length > 0 && this.arrivals[0]!.at <= now - WINDOW_MS) this.recent -= this.arrivals.shift()!.count;
    const burst = this.recent > this.options.rate || count > (this.options.rate * this.options.spanMs) / 1000;
    return burst && this.heldBytes + bytes <= this.options.maxBytes;
  }

  hold(item: T, bytes: number): void {
    this.held.push(item);
    this.heldBytes += bytes;
    this.heldBatches++;
  }

  /** What is held, oldest first; the hold is empty after. */
  release(): T[] {
    this.heldBytes = 0;
    return this.held.splice(0);
  }

  get holding(): boolean {
    return this.held.length > 0;
  }
}
