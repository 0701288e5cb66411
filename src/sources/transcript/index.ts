import { type ImportSource, type LeftOut } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import { parseCurlTranscript } from './curl.js';
import { candidateFormats, detectTextFormat, type TextFormat } from './detect.js';
import { parseForumTranscript } from './forum.js';
import { parseRawHttpTranscript } from './http.js';
import { findLogEntries, parseLogTranscript } from './log.js';
import { parseResponseOnly } from './response-only.js';
import { parseOktaAuthJs } from './okta-auth-js.js';
import { parseMarkdownTable } from './markdown-table.js';
import { rewritePrintR, rewriteVarDump } from './php-print.js';
import { rewriteHttpClientDebug } from './python-debug.js';
import { rewriteCurlTrace, rewriteWireLog } from './wire-log.js';
import { rewriteKtorLog } from './ktor-log.js';
import { rewriteAlamofire } from './alamofire.js';
import { rewriteDioLog } from './dio-log.js';
import type { TextImport } from './types.js';
import type { RawExchange } from '../../model/exchange.js';
import type { SourceReport } from '../../ingest/source.js';
import { findResponseOnly } from './response-only.js';
import { forgetLines, toLines } from './text.js';
import { includeMatcher } from '../../protocols/include.js';
import { keepOnce } from './same-call.js';
import { findProseCalls, nameProseCalls, proseCallName } from './prose-calls.js';
import { UnreadTally, unreadText } from '../../protocols/org.js';
import { contentHash, ENCODING_NAMES, decodeText } from '../har/text-coding.js';
import { readHarPaste } from './har-paste.js';

export { detectTextFormat, parseCurlTranscript, parseForumTranscript, parseRawHttpTranscript };
export type { TextFormat, TextImport };

const READERS: Record<TextFormat, (text: string, file: string) => TextImport> = {
  transcript: parseForumTranscript,
  curl: parseCurlTranscript,
  http: parseRawHttpTranscript,
  log: parseLogTranscript,
  response: parseResponseOnly,
  sdk: parseOktaAuthJs,
  table: parseMarkdownTable,
};

/**
 * Opens pasted text (forum transcript, curl commands or raw HTTP), given as a string or as the file's bytes,
 * as an ImportSource. Exchanges whose URL `include` rejects are counted in `report.outside`. Throws
 * InputError when the text holds no exchange.
 */
export function openTextSource(
  path: string,
  content: string | Buffer,
  format?: TextFormat,
  include: (url: string) => boolean = includeMatcher(),
): ImportSource {
  // Given the bytes, the hash is theirs even when they are not valid UTF-8 (decoding would replace them).
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // UTF-16 (what Windows PowerShell 5's `>` writes) is decoded; the line numbers are the same.
  const { text: decoded, encoding } = typeof content === 'string' ? { text: content, encoding: 'utf-8' as const } : decodeText(content);
  const { text, notes, lines } = rewritePaste(decoded);
  if (encoding !== 'utf-8') notes.unshift(`the paste is ${ENCODING_NAMES[encoding]} text, decoded`);
  try {
    const source = readPaste(path, bytes, text, format, include);
    for (const note of notes) for (const e of source.exchanges as RawExchange[]) (e.notes ??= []).push(note);
    if (lines) renumber(source, path, lines);
    return source;
  } finally {
    forgetLines();
  }
}

/**
 * Output other programs print that the readers read once rewritten: PHP's print_r and var_dump become JSON
 * in place (line numbers kept); Python's http.client debug output, Ruby's or Apache HttpClient's wire logs,
 * curl's --trace output, Ktor's client log, Alamofire's debugPrint and Dio's LogInterceptor become the raw HTTP they stand for (`lines` maps the rewritten text's lines to the paste's); `notes` say
 * which, for each exchange read.
 */
function rewritePaste(raw: string): { text: string; notes: string[]; lines: number[] | null } {
  const notes: string[] = [];
  let text = raw;
  let lines: number[] | null = null;
  // Clients' logs of what crossed the wire become raw HTTP: each rewrite's lines map to the text before it.
  for (const rewrite of [rewriteHttpClientDebug, rewriteWireLog, rewriteCurlTrace, rewriteKtorLog, rewriteAlamofire, rewriteDioLog]) {
    const done = rewrite(text);
    if (!done) continue;
    notes.push(done.note);
    const before: number[] | null = lines;
    lines = before ? done.lines.map((n) => before[n - 1] ?? n) : done.lines;
    text = done.text;
  }
  const printed = rewritePrintR(text);
  if (printed !== null) notes.push('PHP print_r output read as JSON (its values as printed: true as 1, false and null as nothing)');
  const dumped = rewriteVarDump(printed ?? text);
  if (dumped !== null) notes.push('PHP var_dump output read as JSON');
  return { text: dumped ?? printed ?? text, notes, lines };
}

/** References to lines of the rewritten text (`file:N`, `file:N (request 2)`) made to name the paste's lines. */
function renumber(source: ImportSource, path: string, lines: readonly number[]): void {
  const prefix = `${path}:`;
  const map = (ref: string) => {
    if (!ref.startsWith(prefix)) return ref;
    const m = /^(\d+)/.exec(ref.slice(prefix.length));
    if (!m) return ref;
    return `${prefix}${lines[Number(m[1]) - 1] ?? m[1]}${ref.slice(prefix.length + m[1]!.length)}`;
  };
  for (const e of source.exchanges as RawExchange[]) e.sourceRef = map(e.sourceRef);
  for (const { exchange } of source.leftOut ?? []) exchange.sourceRef = map(exchange.sourceRef);
  for (const w of source.report.warnings) w.ref = map(w.ref);
}

/** openTextSource once the text is decoded: the reader chosen (or given) reads it and --include filters. */
function readPaste(path: string, bytes: Buffer, text: string, format: TextFormat | undefined, include: (url: string) => boolean): ImportSource {
  // HAR entries pasted as text (DevTools' "Copy as HAR") are read as HAR entries, times and all.
  const har = format ? null : readHarPaste(text, path);
  const best = har ? { format: 'http' as const, read: har } : format ? { format, read: null } : bestReader(text, path);
  if (best === null) {
    throw new InputError(
      `${path}: no Okta authn request/response found${proseOnly(text, path)}; give a forum transcript (numbered steps with Request:/` +
        'Response: blocks), curl commands with their output, raw HTTP messages or a HAR file',
      path,
    );
  }
  const kind = best.format;
  const { exchanges, report, unreadable } = best.read ?? READERS[kind](text, path);
  if (kind !== 'response' && kind !== 'sdk' && kind !== 'table') nameLeftOut(text, path, exchanges, report);
  nameProseCalls(text, path, exchanges, report);
  const kept = exchanges.filter((e) => include(e.url));
  report.outside = exchanges.length - kept.length;
  const leftOut: LeftOut[] = [];
  if (report.outside > 0) {
    const unread = unreadOf(exchanges, kept);
    report.unread = unread.unread;
    for (const exchange of unread.leftOut) leftOut.push({ exchange, reason: 'outside' });
  }
  // Left out whole as beyond repair, still evidence the paste exposes: their secrets are named (see ImportSource.leftOut).
  for (const exchange of unreadable ?? []) if (include(exchange.url)) leftOut.push({ exchange, reason: 'unreadable' });
  report.imported = kept.length;
  if (kept.length === 0) {
    const answers = report.outside > 0 && kind !== 'response' && !format ? answersOnly(path, bytes, text, report, include) : null;
    if (answers) return answers;
    const why = report.outside
      ? `all ${report.outside} ${report.unit} are outside --include (${unreadText(report.unread ?? {}) || 'not calls to the Okta org'}); widen --include to read them`
      : `none of the ${report.found} ${report.unit} could be read (${report.warnings[0]?.message ?? 'no body'})`;
    throw new InputError(`${path}: no Okta authn exchange imported: ${why}`, path);
  }
  // What the count is of: steps, commands, log lines and responses alike are blocks of the paste.
  report.unit = 'blocks';
  return {
    kind: kind === 'log' || kind === 'response' || kind === 'sdk' || kind === 'table' ? 'transcript' : kind,
    file: path,
    contentHash: contentHash(bytes),
    exchanges: kept,
    ...(leftOut.length ? { leftOut } : {}),
    textFile: path,
    report,
  };
}

/** What to say of the calls the paste names only in sentences, when it shows none (` (thread.md:3 names POST /api/v1/authn only in a sentence…)`). */
function proseOnly(text: string, path: string): string {
  const calls = findProseCalls(text);
  if (calls.length === 0) return '';
  const first = calls[0]!;
  const more = calls.length > 1 ? `; so do ${calls.length - 1} more line(s)` : '';
  return ` (${path}:${first.line.no} names ${proseCallName(first)} only in a sentence, which is no request${more})`;
}

/**
 * The exchanges the best reader finds in a paste, as read (not redacted), ignoring --include; none when no
 * reader finds any. For `sanitize`, which masks the secret values the readers understood wherever the text
 * spells them (see sanitize/known-values.ts).
 */
export function readRawExchanges(raw: string, path: string): RawExchange[] {
  const { text } = rewritePaste(raw);
  try {
    const har = readHarPaste(text, path);
    if (har) return har.exchanges;
    const best = bestReader(text, path);
    if (!best) return [];
    return (best.read ?? READERS[best.format](text, path)).exchanges;
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  } finally {
    forgetLines();
  }
}

/**
 * Every call the paste shows goes elsewhere (a web app's `axios.post('/api/login')` to its own backend) but
 * what it printed is Okta's answer: the answers are read on their own, as the response-only reader reads
 * them, the calls named in a warning. Null when there are none.
 */
function answersOnly(path: string, bytes: Buffer, text: string, calls: SourceReport, include: (url: string) => boolean): ImportSource | null {
  let source: ImportSource;
  try {
    source = readPaste(path, bytes, text, 'response', include);
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
  const where = unreadText(calls.unread ?? {}) || 'not calls to the Okta org';
  source.report.warnings.unshift({ ref: `${path}:1`, message: `the ${calls.outside} ${calls.unit} the paste shows are outside --include (${where}); the Okta answers it printed are read on their own` });
  return source;
}

/** The pasted calls left outside --include that went to the Okta org: by call pattern, and as read (for their secrets). */
function unreadOf(all: readonly RawExchange[], kept: readonly RawExchange[]): { unread: Record<string, number>; leftOut: RawExchange[] } {
  const tally = new UnreadTally<RawExchange>();
  const keptSet = new Set(kept);
  for (const e of all) (keptSet.has(e) ? tally.sawOrg(e.url) : tally.add(e.url, null, false, e));
  return { unread: tally.result(), leftOut: tally.items() };
}

/**
 * An authn object the chosen reader did not reach (before the first request it read) looked like evidence:
 * it is counted among the blocks and named in a warning, never dropped silently.
 */
function nameLeftOut(text: string, path: string, exchanges: RawExchange[], report: SourceReport): void {
  // A loop, not Math.min(...): spreading 100k arguments overflows the stack.
  let first = Infinity;
  for (const e of exchanges) first = Math.min(first, lineOf(e.sourceRef));
  for (const w of report.warnings) first = Math.min(first, lineOf(w.ref.replace(/ \(.*$/, '')));
  // Only what comes before the first request is read: on a long paste reading every document was quadratic.
  for (const doc of findResponseOnly(toLines(text, true), first)) {
    if (doc.line.no >= first) break;
    report.found++;
    report.warnings.push({ ref: `${path}:${doc.line.no}`, message: 'an authn object before the first request the paste names; left out (no endpoint line or marker before it)' });
  }
}

/**
 * The most a reader can score in bestReader, found without reading a body, for the readers where that is
 * cheap: every log entry gives at most one exchange, and it has a status only with a status or a response.
 */
const BOUNDS: Partial<Record<TextFormat, (text: string) => number>> = {
  log: (text) => {
    const entries = findLogEntries(toLines(text));
    return entries.length * 2 + entries.filter((e) => e.status !== null || e.response !== null).length;
  },
};

/**
 * When two readers find something, the one that explains more of the text wins, not the first: more
 * exchanges read, and of those more with a response (a curl command quoted in a transcript's prose reads
 * as a request without a response; the transcript has its answer). The winner's reading comes back with
 * it (`read`, null when only one reader found anything), so the text is not read twice.
 */
function bestReader(text: string, path: string): { format: TextFormat; read: TextImport | null } | null {
  const formats = candidateFormats(text);
  if (formats.length < 2) return formats[0] ? { format: formats[0], read: null } : null;
  let best: { format: TextFormat; read: TextImport | null; score: number } | null = null;
  const readings: Reading[] = [];
  for (const format of formats) {
    // A reader that cannot score more than the best so far loses the tie anyway: it is not run.
    if (best !== null && BOUNDS[format] && BOUNDS[format](text) <= best.score) continue;
    let score = -1;
    let read: TextImport | null = null;
    try {
      read = READERS[format](text, path);
      score = scoreOf(read.exchanges);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
    if (read && score > 0) readings.push({ format, read, score });
    if (best === null || score > best.score) best = { format, read, score };
  }
  const merged = mergeReadings(readings);
  return merged && best && merged.score > best.score ? merged : best;
}

/** The line a `file:line` reference names; Infinity when it names none. */
function lineOf(ref: string): number {
  return Number(/:(\d+)$/.exec(ref)?.[1] ?? Infinity);
}

interface Reading {
  format: TextFormat;
  read: TextImport;
  score: number;
}

/** What bestReader scores a reading by: exchanges read, and of those the ones with a response. */
const scoreOf = (exchanges: readonly RawExchange[]) => exchanges.length * 2 + exchanges.filter((e) => e.responseStatus !== null).length;

/**
 * A paste that mixes styles (a curl command with its output, then a request copied from Fiddler as raw HTTP)
 * is read whole by no one reader: each reads its own part and a looser one (the log reader) may read every
 * request without its answer. The readings put together in line order: where two readers read the same
 * request (the same line, the same call next to each other, or a script's calls and the wire log of them
 * after it: see keepOnce), the reading that tells more stays. Null unless two readers contribute.
 */
function mergeReadings(readings: readonly Reading[]): Reading | null {
  if (readings.length < 2) return null;
  const ranked = [...readings].sort((a, b) => b.score - a.score);
  const all = ranked.flatMap((r, rank) => r.read.exchanges.map((e) => ({ e, rank, line: lineOf(e.sourceRef) })));
  all.sort((a, b) => a.line - b.line || a.rank - b.rank);
  const kept = keepOnce(all);
  const from = new Set(kept.map((k) => k.rank));
  if (from.size < 2) return null;
  const exchanges = kept.map((k) => k.e);
  const seen = new Set<string>();
  const contributors = [...from].sort((a, b) => a - b);
  const warnings = contributors.flatMap((rank) => ranked[rank]!.read.report.warnings).filter((w) => !seen.has(`${w.ref} ${w.message}`) && seen.add(`${w.ref} ${w.message}`));
  const lost = contributors.reduce((n, rank) => n + Math.max(0, ranked[rank]!.read.report.found - ranked[rank]!.read.exchanges.length), 0);
  const lead = ranked[contributors[0]!]!;
  const report: SourceReport = { ...lead.read.report, found: exchanges.length + lost, imported: exchanges.length, warnings };
  // What the contributors left out as beyond repair, once per line of the paste (two readers may leave out the same call).
  const lines = new Set<number>();
  const unreadable = contributors.flatMap((rank) => ranked[rank]!.read.unreadable ?? []).filter((e) => !lines.has(lineOf(e.sourceRef)) && lines.add(lineOf(e.sourceRef)));
  return { format: lead.format, read: { exchanges, report, ...(unreadable.length ? { unreadable } : {}) }, score: scoreOf(exchanges) };
}
