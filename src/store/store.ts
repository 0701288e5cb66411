import { chmodSync, closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Capture, Exchange, RawExchange, SourceKind, Evidence, UnreadExposure, UnreadUnits } from '../model/exchange.js';
import { InputError } from '../model/errors.js';
import { notice } from '../model/notices.js';
import { MIGRATIONS } from './migrations.js';
import { type SystemLogRow, toSystemLogEvent } from './systemlog-rows.js';

export interface NewCapture {
  sourceKind: SourceKind;
  file: string;
  contentHash: string | null;
  raw: boolean;
}

/** An exchange ready to be written: redacted, with its evidence. */
export interface ExchangeRow extends RawExchange {
  seq: number;
  sourceKind: SourceKind;
  evidence: Evidence;
}

/**
 * A row's bodies already as JSON text (the recorder's, stored as they came with redaction applied); null
 * where the row's parsed body is to be serialised.
 */
export interface StoredBodies {
  request: string | null;
  response: string | null;
}

/** An independent unit of evidence: one group of one capture, and how many exchanges it holds. */
export interface EvidenceUnit {
  captureId: number;
  group: string;
  exchanges: number;
}

/**
 * The SQLite store: captures and their exchanges. WAL mode; the file and the key beside it are mode 0600.
 * Every write of an import happens in one transaction, so a failed import leaves nothing behind.
 */
export class Store {
  readonly db: Database.Database;
  /** true when this Store created the file: a failed first import removes it again (see discard()). */
  readonly created: boolean;

  constructor(readonly path: string) {
    this.created = path !== ':memory:' && !existsSync(path);
    if (path !== ':memory:') prepareFile(path);
    try {
      // Another authtrail may be importing into the same file: wait for its lock instead of failing at once.
      this.db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      // Exchanges are a few KB of JSON each: larger pages keep most rows off overflow chains (set before WAL).
      if (this.created || path === ':memory:') this.db.pragma('page_size = 16384');
      whileBusy(() => this.db.pragma('journal_mode = WAL'));
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('synchronous = NORMAL');
      this.migrate();
    } catch (error) {
      const message = (error as Error).message;
      throw new InputError(`${path}: not an authtrail database (${message}); give another path with --db`, path);
    }
  }

  /**
   * Brings the schema up to date in one write transaction: the version is read under the write lock, so
   * two processes opening a new file at once do not both create the tables (the second sees them done).
   */
  private migrate(): void {
    const current = () => this.db.pragma('user_version', { simple: true }) as number;
    if (current() === MIGRATIONS.length) return;
    this.db.transaction(() => {
      const version = current();
      if (version > MIGRATIONS.length) {
        throw new Error(`schema version ${version} is newer than this authtrail (${MIGRATIONS.length}); upgrade authtrail`);
      }
      // An existing database with rows may take a while (the index of schema 4 over a million exchanges: about 18 s here).
      if (version > 0 && (this.db.prepare('SELECT EXISTS (SELECT 1 FROM exchanges) AS x').get() as { x: number }).x === 1) {
        notice(`authtrail: ${this.path}: updating the database from schema version ${version} to ${MIGRATIONS.length} (once; a large database takes a while)`);
      }
      for (let v = version; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    }).immediate();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  insertCapture(c: NewCapture): number {
    const info = this.db
      .prepare('INSERT INTO captures (source_kind, file, content_hash, created_at, raw) VALUES (?, ?, ?, ?, ?)')
      .run(c.sourceKind, c.file, c.contentHash, new Date().toISOString(), c.raw ? 1 : 0);
    return Number(info.lastInsertRowid);
  }

  /** Records that a capture's file was cut short and what was lost (see Capture.incomplete). */
  setIncomplete(captureId: number, incomplete: string): void {
    this.db.prepare('UPDATE captures SET incomplete = ? WHERE id = ?').run(incomplete, captureId);
  }

  /** Records the calls to the Okta org a capture saw but did not keep (see Capture.unread). */
  setUnread(captureId: number, unread: Record<string, number>): void {
    const value = Object.keys(unread).length > 0 ? JSON.stringify(unread) : null;
    this.db.prepare('UPDATE captures SET unread = ? WHERE id = ?').run(value, captureId);
  }

  /** Records the units of evidence the import found but could not read (see Capture.unreadUnits). */
  setUnreadUnits(captureId: number, units: UnreadUnits): void {
    this.db.prepare('UPDATE captures SET unread_units = ? WHERE id = ?').run(JSON.stringify(units), captureId);
  }

  /** Records the secrets in clear in the calls a capture did not keep (see Capture.unreadExposures). */
  setUnreadExposures(captureId: number, exposures: readonly UnreadExposure[]): void {
    this.db.prepare('UPDATE captures SET unread_exposures = ? WHERE id = ?').run(exposures.length > 0 ? JSON.stringify(exposures) : null, captureId);
  }

  private insertStmt?: Database.Statement;

  insertExchange(captureId: number, e: ExchangeRow, bodies?: StoredBodies): number {
    this.insertStmt ??= this.db.prepare(`INSERT INTO exchanges (capture_id, seq, grp, label, method, url,
      request_headers, request_body, response_status, response_headers, response_body, transport_error,
      started_at, duration_ms, source_kind, source_ref, evidence, notes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const info = this.insertStmt.run(
      captureId, e.seq, e.group, e.label ?? null, e.method, e.url,
      JSON.stringify(e.requestHeaders), bodies?.request ?? encodeBody(e.requestBody), e.responseStatus,
      JSON.stringify(e.responseHeaders), bodies?.response ?? encodeBody(e.responseBody), e.transportError,
      e.startedAt, e.durationMs, e.sourceKind, e.sourceRef, JSON.stringify(e.evidence),
      e.notes?.length ? JSON.stringify(e.notes) : null,
    );
    return Number(info.lastInsertRowid);
  }

  /** One System Log event, redacted; written in the import's transaction like an exchange. */
  insertSystemLogEvent(captureId: number, row: SystemLogRow): number {
    const info = this.db
      .prepare('INSERT INTO system_log_events (capture_id, seq, uuid, published, event_type, request_id, event, source_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(captureId, row.seq, row.uuid, row.published, row.eventType, row.requestId, JSON.stringify(row.event), row.sourceRef);
    return Number(info.lastInsertRowid);
  }

  systemLogEvents(captureIds: number[]) {
    if (captureIds.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM system_log_events WHERE capture_id IN (${captureIds.map(() => '?').join(',')}) ORDER BY capture_id, seq`).all(...captureIds);
    return rows.map(toSystemLogEvent);
  }

  findCaptureByHash(hash: string): Capture | null {
    const row = this.db.prepare(`${CAPTURE_SELECT} WHERE c.content_hash = ? GROUP BY c.id ORDER BY c.id LIMIT 1`).get(hash);
    return row ? toCapture(row) : null;
  }

  captures(ids?: number[]): Capture[] {
    const rows = this.db.prepare(`${CAPTURE_SELECT} GROUP BY c.id ORDER BY c.id`).all();
    const all = rows.map(toCapture);
    return ids ? all.filter((c) => ids.includes(c.id)) : all;
  }

  capture(id: number): Capture | null {
    return this.captures([id])[0] ?? null;
  }

  exchanges(captureIds?: number[]): Exchange[] {
    const rows = captureIds
      ? this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges WHERE capture_id IN (${captureIds.map(() => '?').join(',')}) ORDER BY capture_id, seq`).raw().all(...captureIds)
      : this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges ORDER BY capture_id, seq`).raw().all();
    return (rows as Row[]).map(toExchange);
  }

  private oneStmt?: Database.Statement;

  /** One exchange by its id, or null: what `show` prints of a step, without reading the rest. */
  exchange(id: number): Exchange | null {
    this.oneStmt ??= this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges WHERE id = ?`).raw();
    const row = this.oneStmt.get(id) as Row | undefined;
    return row ? toExchange(row) : null;
  }

  /**
   * The exchanges of these captures, one group (unit of evidence) at a time, each in seq order: captures by
   * id, a capture's groups in the order they first appear, as `exchanges()` lists them once grouped. Each
   * group is read through the (capture, group, seq) index on its own (see `units`), so memory holds one group
   * even when groups interleave (a recording of concurrent users), and nothing is sorted. One snapshot: rows
   * appended while the groups are read (a recording still running) are left out, as `units` says.
   */
  *groups(captureIds: readonly number[]): Generator<Exchange[]> {
    const { units, upTo } = this.units(captureIds);
    for (const unit of units) yield this.unitExchanges(unit.captureId, unit.group, upTo);
  }

  /**
   * The units of evidence (capture + group) of these captures, in the order `groups()` hands them out: captures
   * by id, a capture's groups by first appearance, read from an index alone (no row is decoded); and the last
   * exchange id they hold, to read them by (see `unitExchanges`).
   */
  units(captureIds: readonly number[]): { units: EvidenceUnit[]; upTo: number } {
    // Rows are only ever appended: those up to the last id now are what every later read of a unit is held to.
    const upTo = (this.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM exchanges').get() as { id: number }).id;
    const list = this.db.prepare('SELECT grp, MIN(seq) AS first, COUNT(*) AS n FROM exchanges WHERE capture_id = ? AND id <= ? GROUP BY grp ORDER BY first, grp').raw();
    const units: EvidenceUnit[] = [];
    for (const captureId of [...captureIds].sort((a, b) => a - b)) {
      for (const [group, , exchanges] of list.all(captureId, upTo) as [string, number, number][]) units.push({ captureId, group, exchanges });
    }
    return { units, upTo };
  }

  private unitStmt?: Database.Statement;

  /**
   * One unit's exchanges in seq order, as `groups()` gives them, up to exchange id `upTo` (see `units`: the
   * units another connection listed, while a recording may still be appending to them).
   */
  unitExchanges(captureId: number, group: string, upTo: number): Exchange[] {
    this.unitStmt ??= this.db.prepare(`SELECT ${EXCHANGE_COLUMNS} FROM exchanges WHERE capture_id = ? AND grp = ? AND id <= ? ORDER BY seq, id`).raw();
    return (this.unitStmt.all(captureId, group, upTo) as Row[]).map(toExchange);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Closes and, if this Store created the files and they hold no capture, deletes them. */
  discardIfEmpty(): void {
    const empty = this.db.open && (this.db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n === 0;
    this.close();
    if (!this.created || !empty) return;
    for (const suffix of ['', '-wal', '-shm', '.key']) rmSync(`${this.path}${suffix}`, { force: true });
  }
}

export function openStore(path: string): Store {
  return new Store(path);
}

/**
 * Renames an imported file in a database that exists (`stdin` for the temporary file standard input was
 * read into): the captures' file and every source reference that starts with it. Nothing else holds the path.
 */
export function renameSource(dbPath: string, from: string, to: string): void {
  if (!existsSync(dbPath) || statSync(dbPath).size === 0) return;
  const store = openStore(dbPath);
  try {
    store.db.transaction(() => {
      const ids = (store.db.prepare('SELECT id FROM captures WHERE file = ?').all(from) as { id: number }[]).map((r) => r.id);
      if (ids.length === 0) return;
      store.db.prepare('UPDATE captures SET file = ? WHERE file = ?').run(to, from);
      for (const table of ['exchanges', 'system_log_events']) {
        store.db.prepare(`UPDATE ${table} SET source_ref = ? || substr(source_ref, ?) WHERE capture_id IN (${ids.map(() => '?').join(',')}) AND substr(source_ref, 1, ?) = ?`).run(to, from.length + 1, ...ids, from.length, from);
      }
    })();
  } finally {
    store.close();
  }
}

/** Creates the database file with mode 0600 before SQLite opens it (SQLite gives -wal/-shm the same mode). */
function prepareFile(path: string): void {
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path}: is a directory; give a database file with --db`, path);
    if ((st.mode & 0o077) !== 0) chmodSync(path, 0o600);
    return;
  }
  try {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  } catch (error) {
    throw new InputError(`${path}: cannot create the database (${(error as NodeJS.ErrnoException).code}); choose another --db`, path);
  }
}

/**
 * Runs `fn` again while SQLite answers SQLITE_BUSY, for up to BUSY_TIMEOUT_MS. Switching a new file to WAL
 * needs it to itself and does not wait through the busy timeout: two processes creating the same database
 * at once (two imports) would otherwise see "database is locked" from one of them.
 */
function whileBusy<T>(fn: () => T): T {
  const until = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return fn();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > until) throw error;
      Atomics.wait(PAUSE, 0, 0, 10);
    }
  }
}
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** How long a write waits for another process's transaction (a large import holds the lock while it runs). */
const BUSY_TIMEOUT_MS = 120_000;

const CAPTURE_SELECT = `SELECT c.id, c.source_kind, c.file, c.content_hash, c.created_at, c.raw, c.unread, c.unread_exposures, c.unread_units, c.incomplete, COUNT(e.id) AS n
  FROM captures c LEFT JOIN exchanges e ON e.capture_id = c.id`;

function toCapture(r: any): Capture {
  return {
    id: r.id,
    sourceKind: r.source_kind,
    file: r.file,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    raw: r.raw === 1,
    exchangeCount: r.n,
    ...(r.unread ? { unread: JSON.parse(r.unread) } : {}),
    ...(r.unread_exposures ? { unreadExposures: JSON.parse(r.unread_exposures) } : {}),
    ...(r.incomplete ? { incomplete: r.incomplete } : {}),
    ...(r.unread_units ? { unreadUnits: JSON.parse(r.unread_units) } : {}),
  };
}

/** The columns of an exchange, in the order `toExchange` reads them (`SELECT *` would follow the schema's). */
export const EXCHANGE_COLUMNS = 'id, capture_id, seq, grp, label, method, url, request_headers, request_body, response_status, response_headers, response_body, transport_error, started_at, duration_ms, source_kind, source_ref, evidence, notes';

/** A row of EXCHANGE_COLUMNS as `.raw()` gives it. */
type Row = unknown[];

function toExchange(r: Row): Exchange {
  return {
    id: r[0] as number,
    captureId: r[1] as number,
    seq: r[2] as number,
    group: r[3] as string,
    label: (r[4] as string | null) ?? undefined,
    method: r[5] as string,
    url: r[6] as string,
    requestHeaders: JSON.parse(r[7] as string),
    requestBody: decodeBody(r[8] as string | null),
    responseStatus: r[9] as number | null,
    responseHeaders: JSON.parse(r[10] as string),
    responseBody: decodeBody(r[11] as string | null),
    transportError: r[12] as string | null,
    startedAt: r[13] as string | null,
    durationMs: r[14] as number | null,
    sourceKind: r[15] as Exchange['sourceKind'],
    sourceRef: r[16] as string,
    evidence: JSON.parse(r[17] as string),
    notes: r[18] ? JSON.parse(r[18] as string) : undefined,
  };
}

function encodeBody(body: unknown): string | null {
  return body === null || body === undefined ? null : JSON.stringify(body);
}

function decodeBody(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
