import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { RawExchange, UnreadExposure } from '../../model/exchange.js';
import { cleanUnreadExposures } from '../../redact/prior-evidence.js';
import { type ImportSource, type LeftOut, newReport, type SourceReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import { BadEntryError, entryToRaw, entryUrl, type EntryProblem } from './entry.js';
import { includeMatcher } from '../../protocols/include.js';
import { mayCount, mergeUnread, UnreadTally, unreadTotal, unreadText } from '../../protocols/org.js';
import { HarScanner } from './scanner.js';
import { JsonSyntaxError, NotHarError } from './errors.js';
import { ContentHash, Utf8Bytes } from './text-coding.js';
import { fetchedViaServiceWorker, ServiceWorkerPairs } from './service-worker.js';

export interface HarSourceOptions {
  /** `--include` globs on the URL path; the default keeps `/api/v1/authn/**`. */
  include?: readonly string[];
  /** Keep the entries read before a truncation instead of refusing the file. */
  partial?: boolean;
}

/** Read size: 1 MiB reads cost fewer calls than 256 KiB and memory holds one or two of them. */
const CHUNK = 1 << 20;
const SUPPORTED = /^1\.[12](?:\.0)?$/;
/** Entries named one by one in time warnings; past that, one line counts the rest (a file may have 50,000). */
const TIME_WARNINGS = 10;

function checkVersion(file: string, version: string | null): void {
  // HAR 1.2: "If empty, string "1.1" is assumed by default."
  if (version !== null && version !== '' && !SUPPORTED.test(version)) {
    throw new InputError(`${file}: HAR version "${version}" is not supported (1.1 and 1.2 are); export it again as HAR 1.2`, file);
  }
}

/** Turns a parser failure into the one line the user sees, or keeps the partial import when asked to. */
function syntaxFailure(file: string, walker: HarScanner, error: JsonSyntaxError, report: SourceReport, partial: boolean): void {
  if (!walker.meta.sawLog) {
    throw new InputError(`${file}: not JSON, so not a HAR file (${error.message}); export the capture again as HAR`, file);
  }
  const n = walker.completed;
  if (!partial) {
    throw new InputError(`${file}: truncated after ${n} entries; rerun with --partial to keep them`, file);
  }
  report.warnings.push({ ref: `${file}#entries[${n}]`, message: `file truncated or damaged after ${n} entries (${error.message}); the rest is lost` });
  report.incomplete = `${file} is cut short after ${n} ${n === 1 ? 'entry' : 'entries'} (read with --partial): what followed is not in the evidence`;
}

/** The sha256 of the bytes read, set when the whole file was read. */
interface Digest {
  hex: string | null;
}

async function* readExchanges(path: string, file: string, report: SourceReport, options: HarSourceOptions, digest: Digest, leftOut: LeftOut[], prior: UnreadExposure[]): AsyncGenerator<RawExchange> {
  const matches = includeMatcher(options.include);
  // Every URL the include is asked about is tallied: kept ones mark the org's host, the others may be its calls.
  const unread = new UnreadTally<RawExchange>();
  // Set when the URL the scanner asked about is outside --include but may be a call to the org: the entry is
  // read, not kept, for the secrets it shows (see ImportSource.leftOut).
  let leftOutCall = false;
  const included = (url: string): boolean => {
    leftOutCall = false;
    if (matches(url)) {
      unread.sawOrg(url);
      return true;
    }
    if (mayCount(url)) return (leftOutCall = true);
    unread.add(url);
    return false;
  };
  /** An entry outside --include that may be the org's: counted, and kept aside as read for its secrets. */
  const leaveOut = (entry: unknown, ref: string) => {
    try {
      const raw = entryToRaw(entry, ref, 'har', () => {});
      unread.add(raw.url, raw.responseHeaders['content-type'] ?? null, false, raw);
    } catch (error) {
      if (!(error instanceof BadEntryError)) throw error;
      const url = entryUrl(entry);
      if (url !== null) unread.add(url);
    }
  };
  const scanner = new HarScanner(included);
  const ready: RawExchange[] = [];
  let untimed = 0;
  const pairs = new ServiceWorkerPairs();
  let workerCopies = 0;
  const warn = (ref: string) => (message: string, about: EntryProblem) => {
    if (about === 'time' && ++untimed > TIME_WARNINGS) return;
    report.warnings.push({ ref, message });
  };
  const handler = {
    entry(entry: unknown, index: number, judged: boolean): void {
      report.found++;
      const ref = `${file}#entries[${index}]`;
      const url = judged ? null : entryUrl(entry);
      if (url !== null && !included(url)) {
        report.outside++;
        return;
      }
      if (leftOutCall) {
        leftOutCall = false;
        report.outside++;
        leaveOut(entry, ref);
        return;
      }
      try {
        // One group per file: a browser session's flow can cross page navigations, so pages are not evidence units.
        const raw = entryToRaw(entry, ref, 'har', warn(ref));
        const original = pairs.duplicateOf(raw, index, fetchedViaServiceWorker(entry));
        if (original !== null) {
          // Not silently: the entry is counted as found and not imported, and named (the first few) or counted.
          if (++workerCopies <= TIME_WARNINGS) {
            report.warnings.push({ ref, message: `the same ${raw.method} request as entries[${original}], recorded twice because a service worker fetched it for the page; read once` });
          }
          return;
        }
        ready.push(raw);
        report.imported++;
      } catch (error) {
        if (!(error instanceof BadEntryError)) throw error;
        report.warnings.push({ ref, message: `${error.message}; entry skipped` });
      }
    },
    skipped(): void {
      report.found++;
      report.outside++;
    },
  };
  // Of the text as UTF-8 (see contentHash): the same export in UTF-16 is the same file to the duplicate check.
  const hash = new ContentHash();
  // The scanner reads UTF-8; a UTF-16 file (Windows tools' "Unicode") is transcoded as it streams.
  const utf8 = new Utf8Bytes();
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      report.bytesRead! += (chunk as Buffer).length;
      const bytes = utf8.push(chunk as Buffer);
      hash.update(bytes);
      scanner.push(bytes, handler);
      checkVersion(file, scanner.meta.version);
      yield* ready.splice(0);
    }
    const rest = utf8.end();
    hash.update(rest);
    if (rest.length > 0) scanner.push(rest, handler);
    scanner.end();
    digest.hex = hash.digest();
  } catch (error) {
    if (error instanceof NotHarError) throw new InputError(`${file}: JSON but not a HAR file (${error.message})`, file);
    if (!(error instanceof JsonSyntaxError)) throw error;
    syntaxFailure(file, scanner, error, report, options.partial ?? false);
    // Damage before the end: the rest still counts for the duplicate check.
    for await (const chunk of createReadStream(path, { start: report.bytesRead, highWaterMark: CHUNK })) hash.update(utf8.push(chunk as Buffer));
    hash.update(utf8.end());
    digest.hex = hash.digest();
    yield* ready.splice(0);
    report.unread = unread.result();
    for (const exchange of unread.items()) leftOut.push({ exchange, reason: 'outside' });
    return;
  }
  if (!scanner.meta.sawLog || !scanner.meta.sawEntries) {
    throw new InputError(`${file}: JSON but not a HAR file (no "log.entries" array)`, file);
  }
  report.unread = mergeUnread([unread.result(), priorUnread(scanner.meta.authtrail)]);
  for (const exchange of unread.items()) leftOut.push({ exchange, reason: 'outside' });
  prior.push(...cleanUnreadExposures(scanner.meta.authtrail?.unreadExposures));
  if (report.imported === 0) throw nothingToRead(file, report);
  if (untimed > TIME_WARNINGS) {
    report.warnings.push({ ref: file, message: `${untimed - TIME_WARNINGS} more entries have no valid startedDateTime; their start times are unknown` });
  }
  if (workerCopies > TIME_WARNINGS) {
    report.warnings.push({ ref: file, message: `${workerCopies - TIME_WARNINGS} more entries are a service worker's copy of the page's request; each read once` });
  }
  if (scanner.meta.version === null) report.warnings.push({ ref: file, message: 'no "log.version"; read as HAR 1.2' });
}

/** What an authtrail export says its capture saw but did not keep: counted again on re-import. */
function priorUnread(meta: { unread?: unknown } | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!meta?.unread || typeof meta.unread !== 'object') return out;
  for (const [pattern, n] of Object.entries(meta.unread)) if (Number.isInteger(n) && (n as number) > 0) out[pattern.slice(0, 300)] = n as number;
  return out;
}

/** A HAR without one exchange a protocol reads is not evidence of an Okta flow: say what it held instead. */
function nothingToRead(file: string, report: SourceReport): InputError {
  if (report.found === 0) return new InputError(`${file}: the HAR has no entries; record the sign-in again with the network panel open (or use \`authtrail record\`)`, file);
  const okta = unreadTotal(report.unread ?? {});
  const held = okta > 0
    ? `${okta} of its ${report.found} entries are calls to the Okta org outside what authtrail reads (${unreadText(report.unread!)}); authtrail reads authn, Identity Engine and OAuth calls (see --include)`
    : `none of its ${report.found} entries is a call to an Okta org (authn, Identity Engine or OAuth); export the HAR from the tab that signs in, or check --include`;
  return new InputError(`${file}: no Okta authn or Identity Engine exchange found: ${held}`, file);
}

/**
 * A HAR file as an import source. Entries stream one at a time (memory holds one entry, not the file);
 * only those whose path matches `--include` become exchanges, the others are counted in `report.outside`.
 * Damage found while reading throws `InputError` from the iteration, so the pipeline keeps nothing.
 */
export async function openHarSource(path: string, options: HarSourceOptions = {}, display = path): Promise<ImportSource> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${display}: not a file; give the path of a .har file`, display);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${display}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path`, display);
  }
  const report = newReport('entries');
  report.bytesTotal = (await stat(path)).size;
  report.bytesRead = 0;
  const digest: Digest = { hex: null };
  const leftOut: LeftOut[] = [];
  const prior: UnreadExposure[] = [];
  return {
    kind: 'har',
    file: display,
    contentHash: '',
    hashAfterRead: () => {
      if (digest.hex === null) throw new Error('HAR hash asked for before the file was read');
      return digest.hex;
    },
    report,
    leftOut,
    priorUnreadExposures: prior,
    exchanges: { [Symbol.asyncIterator]: () => readExchanges(path, display, report, options, digest, leftOut, prior) },
  };
}
