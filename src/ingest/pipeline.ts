import type { Exchange, RawExchange, SourceKind } from '../model/exchange.js';
import { Redactor } from '../redact/redactor.js';
import { type ProfileHints, collectProfileHints } from '../redact/shape.js';
import type { Store } from '../store/store.js';
import type { ImportSource } from './source.js';

export interface IngestOptions {
  /** Import again even when a capture with the same content exists. */
  force?: boolean;
  /** Store secrets in clear (the user asked for --raw). */
  raw?: boolean;
}

export interface IngestResult {
  captureId: number;
  exchanges: number;
  /** Set when the content was imported before and nothing was written. */
  duplicateOf: number | null;
}

/**
 * Turns raw exchanges into stored ones: the single path every source takes (normalize → redact → store).
 * Keeps the per-group profile hints the password-shape check needs.
 */
export class ExchangeNormalizer {
  private readonly hints = new Map<string, ProfileHints>();
  private seq = 0;

  constructor(
    private readonly redactor: Redactor,
    private readonly sourceKind: SourceKind,
  ) {}

  next(raw: RawExchange): Omit<Exchange, 'id' | 'captureId'> {
    const normalized = normalize(raw);
    let hints = this.hints.get(normalized.group);
    if (!hints) this.hints.set(normalized.group, (hints = new Map()));
    collectProfileHints(hints, normalized.requestBody);
    const { exchange, evidence } = this.redactor.redact(normalized, hints);
    collectProfileHints(hints, normalized.responseBody);
    // Secrets our own recorder saw on the wire were not exposed by anyone: only pasted or exported evidence exposes.
    if (this.sourceKind === 'proxy') evidence.exposures = [];
    const prior = exchange.priorEvidence;
    if (prior) {
      evidence.exposures.push(...prior.exposures);
      evidence.passwords.push(...prior.passwords);
    }
    // Spelled out rather than spread: this runs once per recorded exchange, and rest/spread copies cost.
    const row: Omit<Exchange, 'id' | 'captureId'> = {
      method: exchange.method,
      url: exchange.url,
      requestHeaders: exchange.requestHeaders,
      requestBody: exchange.requestBody,
      responseStatus: exchange.responseStatus,
      responseHeaders: exchange.responseHeaders,
      responseBody: exchange.responseBody,
      transportError: exchange.transportError,
      startedAt: exchange.startedAt,
      durationMs: exchange.durationMs,
      sourceRef: exchange.sourceRef,
      group: exchange.group,
      seq: ++this.seq,
      sourceKind: this.sourceKind,
      evidence,
    };
    if (exchange.label !== undefined) row.label = exchange.label;
    if (exchange.notes !== undefined) row.notes = exchange.notes;
    return row;
  }
}

/** Imports one source in one SQLite transaction: on any error nothing of it is kept. */
export async function ingestSource(store: Store, source: ImportSource, options: IngestOptions = {}): Promise<IngestResult> {
  if (!options.force) {
    const existing = store.findCaptureByHash(source.contentHash);
    if (existing) return { captureId: existing.id, exchanges: existing.exchangeCount, duplicateOf: existing.id };
  }
  const normalizer = new ExchangeNormalizer(Redactor.forDatabase(store.path, options.raw), source.kind);
  store.db.exec('BEGIN');
  try {
    const captureId = store.insertCapture({ sourceKind: source.kind, file: source.file, contentHash: source.contentHash, raw: Boolean(options.raw) });
    let count = 0;
    for await (const raw of source.exchanges) {
      store.insertExchange(captureId, normalizer.next(raw));
      count++;
    }
    store.db.exec('COMMIT');
    return { captureId, exchanges: count, duplicateOf: null };
  } catch (error) {
    if (store.db.inTransaction) store.db.exec('ROLLBACK');
    throw error;
  }
}

export interface LiveCapture {
  readonly captureId: number;
  /** Redacts the exchange at once and queues its write; returns it as it will be stored. */
  add(raw: RawExchange): Exchange;
  /** Writes everything queued, in one transaction. */
  flush(): void;
  close(): void;
}

/** For the recorder: exchanges arrive one by one; writes are batched off the request path. */
export function beginLiveCapture(store: Store, meta: { file: string; raw?: boolean; flushEvery?: number; flushMs?: number }): LiveCapture {
  const captureId = store.insertCapture({ sourceKind: 'proxy', file: meta.file, contentHash: null, raw: Boolean(meta.raw) });
  const redactor = Redactor.forDatabase(store.path, meta.raw);
  // The recorder's bodies were parsed for this exchange alone: mask them where they stand.
  redactor.overwriteInput = true;
  const normalizer = new ExchangeNormalizer(redactor, 'proxy');
  const queue: Exchange[] = [];
  const flushEvery = meta.flushEvery ?? 200;
  let timer: NodeJS.Timeout | null = null;
  let nextId = 0;
  const writeAll = store.db.transaction((rows: typeof queue) => {
    for (const row of rows) store.insertExchange(captureId, row);
  });
  // Under load SQLite would copy the WAL into the database every 16 MB, on the thread that records: let the
  // WAL grow to 128 MB instead and checkpoint once traffic pauses for a second (and when the database closes).
  if (store.path !== ':memory:') store.db.pragma(`wal_autocheckpoint = ${Math.ceil((128 * 1024 * 1024) / (store.db.pragma('page_size', { simple: true }) as number))}`);
  let idle: NodeJS.Timeout | null = null;
  const checkpoint = () => {
    idle = null;
    if (store.db.open) store.db.pragma('wal_checkpoint(PASSIVE)');
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return;
    writeAll(queue.splice(0, queue.length));
    if (store.path === ':memory:') return;
    if (idle) idle.refresh();
    else idle = setTimeout(checkpoint, 1000).unref();
  };
  return {
    captureId,
    add(raw) {
      // The queued row is the exchange handed back (ids are negative until read back from the database).
      const exchange = normalizer.next(raw) as Exchange;
      exchange.id = --nextId;
      exchange.captureId = captureId;
      queue.push(exchange);
      if (queue.length >= flushEvery) flush();
      else timer ??= setTimeout(flush, meta.flushMs ?? 50);
      return exchange;
    },
    flush,
    close() {
      flush();
      if (idle) clearTimeout(idle);
      idle = null;
    },
  };
}

/** Lower-cased header names, upper-cased method, trimmed URL. */
function normalize(raw: RawExchange): RawExchange {
  return {
    ...raw,
    method: (raw.method || 'POST').toUpperCase(),
    url: raw.url.trim(),
    requestHeaders: lowerNames(raw.requestHeaders),
    responseHeaders: lowerNames(raw.responseHeaders),
  };
}

/** The same map when every name is lower-case already (the recorder's always are), else a lower-cased copy. */
function lowerNames(headers: Record<string, string> | undefined): Record<string, string> {
  if (!headers) return {};
  for (const name in headers) {
    if (name !== name.toLowerCase()) return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  }
  return headers;
}
