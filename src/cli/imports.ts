import { unreadText, unreadTotal } from '../protocols/org.js';
import { ingestSource } from '../ingest/pipeline.js';
import { textExposures } from '../sanitize/text-exposures.js';
import { type SourceReport, unitsWord } from '../ingest/source.js';
import { FORMATS, type InputFormat, openSource } from '../sources/index.js';
import type { Store } from '../store/store.js';
import type { Argv } from 'yargs';
import { INCLUDE_HELP, type Io } from './command.js';

export interface ImportArgs {
  include?: string[];
  force?: boolean;
  raw?: boolean;
  partial?: boolean;
}

/** The options every command that reads evidence files shares. */
export function importOptions(yargs: Argv, formatFlag: 'format' | 'input-format'): Argv {
  return yargs
    .option(formatFlag, { choices: FORMATS, default: 'auto', describe: 'evidence format (detected by default)' })
    .option('include', { type: 'string', array: true, describe: INCLUDE_HELP })
    .option('force', { type: 'boolean', default: false, describe: 'import again content already imported' })
    .option('raw', { type: 'boolean', default: false, describe: 'store secrets in clear (not recommended)' })
    .option('partial', { type: 'boolean', default: false, describe: 'keep what was read before a file turned out truncated' });
}

/** Imports each file in its own transaction; returns the capture ids, in order. Throws on the first bad file. */
export async function importFiles(store: Store, files: string[], format: InputFormat, args: ImportArgs, io: Io): Promise<number[]> {
  if (args.raw) io.err('authtrail: warning: --raw stores passwords, tokens and answers in clear in the database');
  const ids: number[] = [];
  for (const file of files) {
    const source = await openSource(file, { format, include: args.include, partial: args.partial });
    const stopProgress = showProgress(file, source.report, io);
    const result = await ingestSource(store, source, { force: args.force, raw: args.raw, textExposures }).finally(stopProgress);
    ids.push(result.captureId);
    if (result.duplicateOf !== null) {
      io.err(`${file}: already imported as capture ${result.duplicateOf} (use --force to import it again)`);
      continue;
    }
    for (const w of source.report.warnings) io.err(`warning: ${w.ref}: ${w.message}`);
    if (source.kind === 'systemlog') io.err(`capture ${result.captureId}: ${result.events} System Log event${result.events === 1 ? '' : 's'} from ${file}`);
    else io.err(`capture ${result.captureId}: ${describe(result.exchanges, file, source.report)}`);
  }
  return ids;
}

/** Files above this size get a progress line on a terminal (reading 1 GB takes about 40 s). */
const PROGRESS_BYTES = 16 * 2 ** 20;

function showProgress(file: string, report: SourceReport, io: Io): () => void {
  const total = report.bytesTotal ?? 0;
  if (!io.progress || total < PROGRESS_BYTES) return () => {};
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  const timer = setInterval(() => {
    const read = Math.min(report.bytesRead ?? 0, total);
    io.progress!(`reading ${file}: ${Math.floor((read / total) * 100)}% (${mb(read)} of ${mb(total)} MB), ${report.imported} Okta exchanges, ${report.outside} other entries`);
  }, 500);
  return () => {
    clearInterval(timer);
    io.progress!('');
  };
}

function describe(exchanges: number, file: string, r: SourceReport): string {
  const what = `${exchanges} Okta exchange${exchanges === 1 ? '' : 's'} from ${file}`;
  const lost = r.found - r.imported - r.outside;
  const details: string[] = [];
  // Units are named in the plural (`entries`, `blocks`): one of them reads in the singular.
  const units = (n: number) => unitsWord(r.unit, n);
  if (lost > 0 || r.unit === 'blocks') details.push(`imported ${r.imported} of ${r.found - r.outside} ${units(r.found - r.outside)}`);
  else details.push(`${r.found} ${units(r.found)}`);
  if (r.outside > 0) details.push(`${r.outside} outside --include`);
  const unread = unreadTotal(r.unread ?? {});
  if (unread > 0) details.push(`of which ${unread} to the Okta org, not analyzed: ${unreadText(r.unread!, 3)}`);
  return `${what} (${details.join(', ')})`;
}
