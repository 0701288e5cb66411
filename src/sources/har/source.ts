import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { RawExchange } from '../../model/exchange.js';
import { type ImportSource, newReport, type SourceReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import { BadEntryError, entryToRaw, entryUrl } from './entry.js';
import { includeMatcher } from '../../protocols/include.js';
import { JsonSyntaxError, jsonFileTokens } from './tokens.js';
import { HarWalker, NotHarError } from './walker.js';

export interface HarSourceOptions {
  /** `--include` globs on the URL path; the default keeps `/api/v1/authn/**`. */
  include?: readonly string[];
  /** Keep the entries read before a truncation instead of refusing the file. */
  partial?: boolean;
}

const SUPPORTED = /^1\.[12](?:\.0)?$/;

async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function checkVersion(file: string, version: string | null): void {
  if (version !== null && !SUPPORTED.test(version)) {
    throw new InputError(`${file}: HAR version "${version}" is not supported (1.1 and 1.2 are); export it again as HAR 1.2`, file);
  }
}

/** Turns a parser failure into the one line the user sees, or keeps the partial import when asked to. */
function syntaxFailure(file: string, walker: HarWalker, error: JsonSyntaxError, report: SourceReport, partial: boolean): void {
  if (!walker.meta.sawLog) {
    throw new InputError(`${file}: not JSON, so not a HAR file (${error.message}); export the capture again as HAR`, file);
  }
  const n = walker.completed;
  if (!partial) {
    throw new InputError(`${file}: truncated after ${n} entries; rerun with --partial to keep them`, file);
  }
  report.warnings.push({ ref: `${file}#entries[${n}]`, message: `file truncated or damaged after ${n} entries (${error.message}); the rest is lost` });
}

async function* readExchanges(path: string, file: string, report: SourceReport, options: HarSourceOptions): AsyncGenerator<RawExchange> {
  const included = includeMatcher(options.include);
  const walker = new HarWalker();
  const ready: RawExchange[] = [];
  const onEntry = (entry: unknown, index: number): void => {
    report.found++;
    const ref = `${file}#entries[${index}]`;
    const url = entryUrl(entry);
    if (url !== null && !included(url)) {
      report.outside++;
      return;
    }
    try {
      // One group per file: a browser session's flow can cross page navigations, so pages are not evidence units.
      ready.push(entryToRaw(entry, ref, 'har'));
      report.imported++;
    } catch (error) {
      if (!(error instanceof BadEntryError)) throw error;
      report.warnings.push({ ref, message: `${error.message}; entry skipped` });
    }
  };
  try {
    for await (const batch of jsonFileTokens(path, (chunk) => (report.bytesRead! += chunk.length))) {
      walker.push(batch, onEntry);
      checkVersion(file, walker.meta.version);
      yield* ready.splice(0);
    }
  } catch (error) {
    if (error instanceof NotHarError) throw new InputError(`${file}: JSON but not a HAR file (${error.message})`, file);
    if (!(error instanceof JsonSyntaxError)) throw error;
    syntaxFailure(file, walker, error, report, options.partial ?? false);
    yield* ready.splice(0);
    return;
  }
  if (!walker.meta.sawLog || !walker.meta.sawEntries) {
    throw new InputError(`${file}: JSON but not a HAR file (no "log.entries" array)`, file);
  }
  if (walker.meta.version === null) report.warnings.push({ ref: file, message: 'no "log.version"; read as HAR 1.2' });
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
  return {
    kind: 'har',
    file: display,
    contentHash: await fileHash(path),
    report,
    exchanges: { [Symbol.asyncIterator]: () => readExchanges(path, display, report, options) },
  };
}
