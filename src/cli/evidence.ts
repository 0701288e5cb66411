import { existsSync } from 'node:fs';
import type { Argv } from 'yargs';
import { analyze, analyzeUnits, type StreamedAnalysis } from '../analyze/index.js';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Capture, Exchange } from '../model/exchange.js';
import { isValidTimeZone } from '../render/time.js';
import type { InputFormat } from '../sources/index.js';
import { type Store, openStore } from '../store/store.js';
import { type GlobalOptions, type Io } from './command.js';
import { UsageError } from '../model/errors.js';
import { type ImportArgs, importFiles, importOptions } from './imports.js';
import { ruleOptions, ruleSettings, type RuleArgs } from './rule-options.js';
import { streamedJson, toJson, transactionJson } from '../analyze/document.js';
import { JsonWriter, renderJson } from '../render/json.js';
import { HEAP_BOUND, heapBound } from '../analyze/heap.js';
import { analyzeInParallel, threadsFor } from '../analyze/parallel.js';

export interface EvidenceArgs extends ImportArgs, RuleArgs, GlobalOptions {
  files?: string[];
  capture?: number[];
  'input-format': InputFormat;
  tz?: string;
}

/** What a command that reports on evidence works from. */
export interface LoadedEvidence {
  store: Store;
  captures: Capture[];
  exchanges: Exchange[];
  analysis: AnalysisJson;
}

/** Options of the commands that analyze evidence (analyze, report): files or stored captures, rules, time zone. */
export function evidenceOptions(yargs: Argv): Argv {
  return ruleOptions(importOptions(yargs, 'input-format'))
    .option('capture', { type: 'number', array: true, describe: 'only these captures (default: all, or the files given)' })
    .check((argv) => {
      // yargs turns `--capture abc` into NaN; say what a capture id is instead of analyzing nothing.
      const bad = ((argv.capture as number[] | undefined) ?? []).some((id) => !Number.isInteger(id) || id < 1);
      if (bad) throw new UsageError('--capture: a capture id is a number (1, 2, ...); authtrail captures lists them');
      return true;
    })
    .option('tz', { type: 'string', describe: 'IANA time zone for times shown (default UTC)' });
}

/**
 * Imports the files given (or takes the stored captures), analyzes them and hands the result to `use`.
 * A failed first import leaves no database behind; the store is closed whatever happens.
 */
export async function withEvidence<T>(args: EvidenceArgs, io: Io, use: (evidence: LoadedEvidence) => T | Promise<T>): Promise<T> {
  return withCaptures(args, io, async ({ store, captures, settings }) => {
    const exchanges = store.exchanges(captures.map((c) => c.id));
    const systemLog = store.systemLogEvents(captures.map((c) => c.id));
    const analysis = toJson(analyze(exchanges, captures, { settings, systemLog }));
    return await use({ store, captures, exchanges, analysis });
  });
}

/**
 * `analyze --format json` at any size: the document goes to `out` as `renderJson` writes it, while the
 * evidence is read group by group from the store and forgotten (see streamAnalysis, JsonWriter). Returns the
 * document without its transactions, for what the command decides from it (--fail-on). With System Log
 * events the join needs every step at once: that analysis is held in memory. With --threads N (a database
 * file) N worker threads analyze (see analyzeInParallel): the same bytes.
 */
export async function writeJsonEvidence(args: EvidenceArgs & { threads?: number }, io: Io, out: (text: string) => void, outBytes?: (bytes: Uint8Array) => void): Promise<AnalysisJson> {
  return withCaptures(args, io, async (evidence) => {
    const { store, captures, settings } = evidence;
    const ids = captures.map((c) => c.id);
    const systemLog = store.systemLogEvents(ids);
    if (systemLog.length > 0) {
      const analysis = toJson(analyze(store.exchanges(ids), captures, { settings, systemLog }));
      out(renderJson(analysis));
      return analysis;
    }
    const writer = new JsonWriter(out, undefined, outBytes);
    try {
      const analysis = streamedJson(await streamAnalysis(args, io, evidence, { bytes: (bytes) => writer.transactionsBytes(bytes), list: (list) => writer.transactions(list) }));
      writer.end(analysis);
      return analysis;
    } finally {
      writer.discard();
    }
  });
}

/**
 * The whole analysis document, for the formats people read (table, markdown, jira, html, mermaid): read from
 * the store as `--format json` reads it (see streamAnalysis), so only the transactions as the document shows
 * them and the findings are held, never every exchange with its bodies (the 1M-exchange benchmark database as
 * a table: 75 s and 3.9 GB held in memory, 29-37 s and 1.1 GB so; the same bytes). With System Log events
 * the join needs every step at once: as `analyze` gives it. `use` gets it with the store still open.
 */
export async function analyzedEvidence<T>(args: EvidenceArgs & { threads?: number }, io: Io, use: (analysis: AnalysisJson, store: Store) => T | Promise<T>): Promise<T> {
  return withCaptures(args, io, async (evidence) => {
    const { store, captures, settings } = evidence;
    const ids = captures.map((c) => c.id);
    const systemLog = store.systemLogEvents(ids);
    if (systemLog.length > 0) return await use(toJson(analyze(store.exchanges(ids), captures, { settings, systemLog })), store);
    const transactions: TransactionJson[] = [];
    const decoder = new TextDecoder();
    const shared = new Shared();
    const keep = (list: readonly TransactionJson[]) => {
      for (const t of list) transactions.push(shared.transaction(t));
    };
    const result = await streamAnalysis(args, io, evidence, { bytes: (bytes) => keep(JSON.parse(`[${decoder.decode(bytes)}]`) as TransactionJson[]), list: keep });
    return await use(streamedJson(result, transactions), store);
  });
}

/**
 * One copy of each value steps repeat (methods, paths, operations, statuses, a chain's fingerprint and
 * passwordChanged): each parsed step has its own, and 1M steps held that way took over 600 MB. The table of
 * values is emptied when it grows past SHARED_VALUES, so a run of unique values cannot grow it without end.
 */
class Shared {
  private values = new Map<string, string>();

  transaction(t: TransactionJson): TransactionJson {
    for (const s of t.steps) {
      s.method = this.value(s.method);
      s.path = this.value(s.path);
      s.operation = this.value(s.operation);
      s.statusBefore = this.value(s.statusBefore);
      s.statusAfter = this.value(s.statusAfter);
      s.stateToken.fingerprint = this.value(s.stateToken.fingerprint);
      s.passwordChanged = this.value(s.passwordChanged);
      s.sourceRef = this.value(s.sourceRef);
    }
    return t;
  }

  private value<T extends string | null | undefined>(text: T): T {
    if (typeof text !== 'string') return text;
    const known = this.values.get(text);
    if (known !== undefined) return known as T;
    if (this.values.size >= SHARED_VALUES) this.values.clear();
    this.values.set(text, text);
    return text;
  }
}

const SHARED_VALUES = 1 << 16;

/**
 * Stored captures without System Log events analyzed unit by unit (see analyzeUnits), or on worker threads
 * for a large database file (see threadsFor, analyzeInParallel): each batch of transactions, in evidence order,
 * goes to `each.list` as the document shows them, or from a worker to `each.bytes` as `itemsText` writes them.
 */
async function streamAnalysis(
  args: EvidenceArgs & { threads?: number },
  io: Io,
  { store, captures, settings }: { store: Store; captures: Capture[]; settings: ReturnType<typeof ruleSettings> },
  each: { bytes: (bytes: Uint8Array) => void; list: (list: TransactionJson[]) => void },
): Promise<StreamedAnalysis> {
  const ids = captures.map((c) => c.id);
  const total = captures.reduce((n, c) => n + c.exchangeCount, 0);
  const threads = threadsFor(args.threads, args.db, total);
  const progress = analyzeProgress(io, total);
  try {
    if (threads > 1) {
      return await analyzeInParallel(args.db, store.units(ids), captures, { settings }, threads, (bytes, exchanges) => {
        each.bytes(bytes);
        progress.add(exchanges);
      });
    }
    const collect = heapBound(HEAP_BOUND);
    return analyzeUnits(counted(store.groups(ids), progress.add), captures, { settings }, (transactions) => {
      each.list(transactions.map(transactionJson));
      collect();
    });
  } finally {
    progress.end();
  }
}

/** Each unit, counted once the analysis has taken the next (so once its own analysis is done). */
function* counted(units: Iterable<Exchange[]>, add: (exchanges: number) => void): Generator<Exchange[]> {
  for (const unit of units) {
    yield unit;
    add(unit.length);
  }
}

/** Selections from this many exchanges get a progress line on a terminal (20,000 take about half a second here, 1M about 20 s). */
export const PROGRESS_EXCHANGES = 20_000;

/**
 * The progress line of an analysis of `total` exchanges on a terminal's stderr (`io.progress`), as the import's:
 * `analyzing: 45% (450,000 of 1,000,002 exchanges)`, redrawn at most every `every` ms, cleared at `end`.
 * Nothing below `from` exchanges, or when stderr is not a terminal.
 */
export function analyzeProgress(io: Pick<Io, 'progress'>, total: number, from = PROGRESS_EXCHANGES, every = 250): { add: (exchanges: number) => void; end: () => void } {
  const show = io.progress;
  if (!show || total < from || total === 0) return { add: () => {}, end: () => {} };
  let done = 0;
  let shown = 0;
  let drawn = false;
  return {
    add: (exchanges) => {
      done = Math.min(total, done + exchanges);
      const now = Date.now();
      if (now - shown < every) return;
      shown = now;
      drawn = true;
      show(`analyzing: ${Math.floor((done / total) * 100)}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} exchanges)`);
    },
    end: () => {
      if (drawn) show('');
    },
  };
}

/** The captures asked for (imported from the files given, or stored), with the rule settings. */
async function withCaptures<T>(args: EvidenceArgs, io: Io, use: (evidence: { store: Store; captures: Capture[]; settings: ReturnType<typeof ruleSettings> }) => T | Promise<T>): Promise<T> {
  if (args.tz !== undefined && !isValidTimeZone(args.tz)) {
    throw new UsageError(`--tz ${args.tz}: not a time zone this system knows; use an IANA name such as UTC or Europe/Paris`);
  }
  const settings = ruleSettings(args);
  const files = args.files ?? [];
  if (files.length === 0 && args.db !== ':memory:' && !existsSync(args.db)) {
    throw new UsageError(`${args.db}: no database yet; import evidence first (authtrail import FILE) or name files`);
  }
  const store = openStore(args.db);
  let ids: number[] | undefined;
  try {
    ids = files.length ? await importFiles(store, files, args['input-format'], args, io) : args.capture;
  } catch (error) {
    store.discardIfEmpty();
    throw error;
  }
  try {
    if (files.length && args.capture) ids = ids!.filter((id) => args.capture!.includes(id));
    const captures = store.captures(ids);
    const missing = (ids ?? []).filter((id) => !captures.some((c) => c.id === id));
    if (missing.length) throw new UsageError(`${args.db}: no capture ${missing.join(', ')}; authtrail captures lists them`);
    return await use({ store, captures, settings });
  } finally {
    store.close();
  }
}
