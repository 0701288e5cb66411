import type { Exchange, RawExchange, SourceKind, UnreadExposure, UnreadUnits } from '../model/exchange.js';
import { callPattern } from '../protocols/org.js';
import { oauthEvidence } from '../redact/oauth-evidence.js';
import { samlOfExchange } from '../protocols/saml/decode.js';
import { BodyJournal, patchBodyText } from '../redact/body-journal.js';
import { Redactor } from '../redact/redactor.js';
import { type ProfileHints, collectProfileHints } from '../redact/shape.js';
import type { StoredBodies, Store } from '../store/store.js';
import type { ImportSource, SourceReport } from './source.js';
import { ingestSystemLog } from './systemlog.js';

/** The capture an ingest writes into, and how. */
export interface IngestTarget {
  kind: SourceKind;
  /** Display name of the evidence, or the recorder's `proxy:...` label. */
  file: string;
  contentHash: string | null;
  /** Store secrets in clear (the user asked for --raw). */
  raw?: boolean;
  /**
   * Whether the evidence itself exposed what stood in clear in it (a pasted or exported file does). Traffic
   * the recorder saw on the wire was exposed to no one: its secrets are redacted but not reported.
   */
  exposes: boolean;
  /**
   * `atomic`: one SQLite transaction from open to commit, each exchange written as it is added, so a failed
   * import leaves nothing (an importer's whole file). `batched`: exchanges queue and each commit() writes the
   * queue in a transaction of its own (the recorder, whose capture grows for as long as it runs).
   */
  mode: 'atomic' | 'batched';
  /**
   * The caller owns the parsed bodies it adds and drops them afterwards (the recorder's freshly parsed ones):
   * secrets are then masked where they stand instead of in a copy. Never with raw, which keeps them.
   */
  ownsBodies?: boolean;
}

/**
 * The JSON texts a caller parsed an exchange's bodies from, when the parsed body is exactly that text's value
 * (see readBodyText): with ownsBodies they are stored as they came, redacted as text, instead of re-serialised.
 */
export interface BodySources {
  request: string | null;
  response: string | null;
}

export interface Ingest {
  readonly captureId: number;
  /** Normalizes and redacts the exchange and writes it (atomic) or queues it (batched); returns it as stored. */
  add(raw: RawExchange, sources?: BodySources): Exchange;
  /**
   * Redacts a call the capture does not keep (outside --include) only to learn which secrets it shows in clear:
   * nothing of it is stored but those (masked previews, see UnreadExposure), and nothing when the evidence exposes none.
   */
  exposuresOf(raw: RawExchange, reason?: UnreadExposure['reason']): UnreadExposure[];
  /** atomic: commits the whole capture. batched: writes what is queued. */
  commit(): void;
  /** Commits what is left; an atomic ingest that was never committed is rolled back instead. */
  close(): void;
}

/**
 * The one way into the store, for every importer and the recorder alike: normalize → redact → insert.
 * Keeps the per-group profile hints the password-shape check needs.
 */
export function openIngest(store: Store, target: IngestTarget): Ingest {
  const redactor = Redactor.forDatabase(store.path, target.raw);
  redactor.overwriteInput = Boolean(target.ownsBodies);
  const hints = new Map<string, ProfileHints>();
  const atomic = target.mode === 'atomic';
  if (atomic) store.db.exec('BEGIN');
  let captureId: number;
  try {
    captureId = store.insertCapture({ sourceKind: target.kind, file: target.file, contentHash: target.contentHash, raw: Boolean(target.raw) });
  } catch (error) {
    if (atomic && store.db.inTransaction) store.db.exec('ROLLBACK');
    throw error;
  }
  const queue: Exchange[] = [];
  /** The stored body texts of the queued rows, by position (null: none, the row's bodies are serialised). */
  const texts: (StoredBodies | null)[] = [];
  const writeQueue = store.db.transaction((rows: Exchange[], bodies: (StoredBodies | null)[]) => {
    for (let i = 0; i < rows.length; i++) store.insertExchange(captureId, rows[i]!, bodies[i] ?? undefined);
  });
  const checkpoints = atomic ? null : walCheckpoints(store);
  let seq = 0;
  let nextId = 0;
  let open = true;
  return {
    captureId,
    add(raw, sources) {
      // Texts stand for bodies kept clear (--raw) or redacted in place, where the journals see every replacement.
      const usable = sources && (redactor.raw || target.ownsBodies) ? sources : null;
      const journals = usable && !redactor.raw ? { request: usable.request === null ? null : new BodyJournal(), response: usable.response === null ? null : new BodyJournal() } : undefined;
      const exchange = normalizeAndRedact(raw, redactor, hints, target, journals) as Exchange;
      exchange.seq = ++seq;
      exchange.captureId = captureId;
      const bodies = usable ? storedBodies(usable, journals) : null;
      if (atomic) exchange.id = store.insertExchange(captureId, exchange, bodies ?? undefined);
      else {
        // Queued rows carry negative ids until they are read back from the database.
        exchange.id = --nextId;
        queue.push(exchange);
        texts.push(bodies);
      }
      return exchange;
    },
    exposuresOf(raw, reason) {
      if (!target.exposes) return [];
      const { exposures } = normalizeAndRedact(raw, redactor, hints, target).evidence;
      const call = callPattern(raw.url);
      return exposures.map((x) => ({ ...x, call, ref: raw.sourceRef, group: raw.group, ...(reason && reason !== 'outside' ? { reason } : {}) }));
    },
    commit() {
      if (atomic) {
        if (open && store.db.inTransaction) store.db.exec('COMMIT');
        open = false;
        return;
      }
      if (queue.length === 0) return;
      writeQueue(queue.splice(0, queue.length), texts.splice(0, texts.length));
      checkpoints?.wrote();
    },
    close() {
      if (atomic) {
        if (open && store.db.inTransaction) store.db.exec('ROLLBACK');
        open = false;
        return;
      }
      this.commit();
      checkpoints?.stop();
    },
  };
}

/**
 * The secrets a pasted text shows in clear on lines that hold none of `calls` (the calls read and left out, as
 * read), with `file` as their refs name the text: sanitize's line rules, which the CLI hands in (a layer above).
 */
export type TextExposures = (path: string, file: string, calls: readonly RawExchange[]) => Promise<UnreadExposure[]>;

/** Imports one source in one SQLite transaction: on any error nothing of it is kept. */
export async function ingestSource(store: Store, source: ImportSource, options: { force?: boolean; raw?: boolean; textExposures?: TextExposures } = {}): Promise<IngestResult> {
  const late = source.hashAfterRead;
  if (!options.force && !late) {
    const existing = store.findCaptureByHash(source.contentHash);
    if (existing) return { captureId: existing.id, exchanges: existing.exchangeCount, events: 0, duplicateOf: existing.id };
  }
  const ingest = openIngest(store, { kind: source.kind, file: source.file, contentHash: late ? null : source.contentHash, raw: options.raw, exposes: true, mode: 'atomic' });
  try {
    let count = 0;
    // A paste's calls as read, clear (a paste is small): its other lines name only the secrets they do not show (see textExposures).
    const calls: RawExchange[] | null = source.textFile && options.textExposures ? [] : null;
    for await (const raw of source.exchanges) {
      calls?.push(raw);
      ingest.add(raw);
      count++;
    }
    if (late) {
      const hash = late();
      // Within the open transaction: the capture being written has no hash yet, so it cannot match itself.
      const existing = options.force ? null : store.findCaptureByHash(hash);
      if (existing) return { captureId: existing.id, exchanges: existing.exchangeCount, events: 0, duplicateOf: existing.id };
      store.db.prepare('UPDATE captures SET content_hash = ? WHERE id = ?').run(hash, ingest.captureId);
    }
    if (source.report.unread) store.setUnread(ingest.captureId, source.report.unread);
    const unreadExposures = [...(source.leftOut ?? []).flatMap((l) => ingest.exposuresOf(l.exchange, l.reason)), ...(source.priorUnreadExposures ?? [])];
    if (source.textFile && calls && options.textExposures) unreadExposures.push(...(await options.textExposures(source.textFile, source.file, [...calls, ...(source.leftOut ?? []).map((l) => l.exchange)])));
    if (unreadExposures.length > 0) store.setUnreadExposures(ingest.captureId, unreadExposures);
    if (source.report.incomplete) store.setIncomplete(ingest.captureId, source.report.incomplete);
    const units = unreadUnitsOf(source.report);
    if (units) store.setUnreadUnits(ingest.captureId, units);
    const events = source.systemLog ? ingestSystemLog(store, ingest.captureId, source.systemLog, options.raw) : 0;
    ingest.commit();
    return { captureId: ingest.captureId, exchanges: count, events, duplicateOf: null };
  } finally {
    ingest.close();
  }
}

/** Where the first units that could not be read stand, at most. */
const UNREAD_UNIT_REFS = 5;

/**
 * The units the source found but could not read (found, less those imported and those outside --include), and
 * the places its warnings name: only places (`thread.md:12 (step 3)`), never a warning's text, which may quote
 * the evidence. Null when every unit was read.
 */
export function unreadUnitsOf(report: SourceReport): UnreadUnits | null {
  const of = report.found - report.outside;
  const count = of - report.imported;
  if (count <= 0) return null;
  const refs = [...new Set(report.warnings.map((w) => w.ref.replace(/\s*\(.*$/s, '')).filter((r) => SAFE_REF.test(r)))].slice(0, UNREAD_UNIT_REFS);
  return { count, of, unit: report.unit, refs };
}

/** A place as the sources write one: a file and a line, an entry or an item (no quoted evidence). */
const SAFE_REF = /^[^\n]{1,300}:\d+(?:-\d+)?$|^[^\n]{0,300}(?:entries|items|requests)\[\d+\]$/;

export interface IngestResult {
  captureId: number;
  exchanges: number;
  /** System Log events written (a System Log export). */
  events: number;
  /** Set when the content was imported before and nothing was written. */
  duplicateOf: number | null;
}

/**
 * The bodies as stored: without journals (--raw) the texts as they came; else each text with its journal's
 * replacements, or null where only re-serialising the redacted body is sure to be right.
 */
function storedBodies(sources: BodySources, journals: { request: BodyJournal | null; response: BodyJournal | null } | undefined): StoredBodies | null {
  const text = (json: string | null, journal: BodyJournal | null | undefined) => (json === null ? null : !journals ? json : journal ? patchBodyText(json, journal) : null);
  const request = text(sources.request, journals?.request);
  const response = text(sources.response, journals?.response);
  return request === null && response === null ? null : { request, response };
}

function normalizeAndRedact(
  raw: RawExchange,
  redactor: Redactor,
  byGroup: Map<string, ProfileHints>,
  target: IngestTarget,
  journals?: { request: BodyJournal | null; response: BodyJournal | null },
): Omit<Exchange, 'id' | 'captureId' | 'seq'> {
  const normalized = normalize(raw);
  let hints = byGroup.get(normalized.group);
  if (!hints) byGroup.set(normalized.group, (hints = new Map()));
  collectProfileHints(hints, normalized.requestBody);
  // Before redaction: the recorder's bodies are masked in place.
  const oauth = oauthEvidence(normalized, redactor.raw ? undefined : (v) => redactor.maskToken(v));
  // Decoded while the value is clear: redaction leaves only its fingerprint.
  const saml = samlOfExchange(normalized);
  const { exchange, evidence } = redactor.redact(normalized, hints, journals);
  if (oauth) evidence.oauth = oauth;
  collectProfileHints(hints, normalized.responseBody);
  if (!target.exposes) evidence.exposures = [];
  const prior = exchange.priorEvidence;
  if (prior) {
    evidence.exposures.push(...prior.exposures);
    evidence.passwords.push(...prior.passwords);
  }
  // A tracer's own decoding stands in when the value itself was masked by the exporter.
  const best = saml?.undecoded === null ? saml : (prior?.saml ?? saml);
  if (best) evidence.saml = best;
  // Spelled out rather than spread: this runs once per recorded exchange, and rest/spread copies cost.
  const row: Omit<Exchange, 'id' | 'captureId' | 'seq'> = {
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
    sourceKind: target.kind,
    evidence,
  };
  if (exchange.label !== undefined) row.label = exchange.label;
  if (exchange.notes !== undefined) row.notes = exchange.notes;
  return row;
}

/**
 * Under load SQLite would copy the WAL into the database every 16 MB, on the thread that records: let the WAL
 * grow to 128 MB instead and checkpoint once writes pause for a second (and when the database closes).
 */
function walCheckpoints(store: Store): { wrote(): void; stop(): void } | null {
  if (store.path === ':memory:') return null;
  store.db.pragma(`wal_autocheckpoint = ${Math.ceil((128 * 1024 * 1024) / (store.db.pragma('page_size', { simple: true }) as number))}`);
  let idle: NodeJS.Timeout | null = null;
  const checkpoint = () => {
    idle = null;
    if (store.db.open) store.db.pragma('wal_checkpoint(PASSIVE)');
  };
  return {
    wrote() {
      if (idle) idle.refresh();
      else idle = setTimeout(checkpoint, 1000).unref();
    },
    stop() {
      if (idle) clearTimeout(idle);
      idle = null;
    },
  };
}

/**
 * Lower-cased header names, upper-cased method (POST when the evidence gave none: every authn call is one), trimmed
 * URL. The exchange itself when it is so already (the recorder's always is): nothing here changes it.
 */
function normalize(raw: RawExchange): RawExchange {
  if (raw.method && raw.method === raw.method.toUpperCase() && raw.url === raw.url.trim() && raw.requestHeaders && raw.responseHeaders && lowerNames(raw.requestHeaders) === raw.requestHeaders && lowerNames(raw.responseHeaders) === raw.responseHeaders) return raw;
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
