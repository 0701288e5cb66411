import { resolve } from 'node:path';
import { type SanitizeResult, checkFile, sanitizeFile } from '../../sanitize/index.js';
import { checkOutputFile } from '../../sanitize/output.js';
import { type CliCommand, type Io } from '../command.js';
import { UsageError } from '../../model/errors.js';
import { ENCODING_NAMES } from '../../sources/har/text-coding.js';

interface Args {
  input: string;
  output?: string;
  check: boolean;
  key?: string;
  limit: number;
}

/** Lines of "where" for --check, at most `limit` (a pre-upload hook wants the first ones, not thousands). */
function locations(file: string, result: SanitizeResult, limit: number): string[] {
  if (limit === 0) limit = Infinity;
  const lines = result.tally.locations.slice(0, limit).map((l) => {
    const place = result.kind === 'text' || result.kind === 'charles' ? `${file}:${l.place}` : `${file}: ${l.place}`;
    const where = l.where === 'text' ? '' : ` ${l.where}`;
    return `${place}${where} ${l.field}${l.path ? ` (${l.path})` : ''}`;
  });
  if (result.tally.total > limit) lines.push(`... and ${result.tally.total - limit} more (--limit 0 lists every one)`);
  return lines;
}

/** What the tally counted, as many as `n`: HAR entries, trace export requests, text (and Charles JSON) lines, Burp's and Charles XML's messages (a request or a response). */
const UNITS: Partial<Record<SanitizeResult['kind'], [string, string]>> = { har: ['entry', 'entries'], text: ['line', 'lines'], charles: ['line', 'lines'], burp: ['message', 'messages'], 'charles-xml': ['message', 'messages'], json: ['document', 'documents'] };
const unitOf = (result: SanitizeResult, n: number) => (UNITS[result.kind] ?? ['request', 'requests'])[n === 1 ? 0 : 1];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * `; 1 body left out unread (items[2] response: gzip that does not decode)`: what sanitize could not read,
 * named after the units it counted; empty when it read every body.
 */
function unread(result: SanitizeResult, verb: string): string {
  const list = result.tally.unread;
  if (list.length === 0) return '';
  const named = list.slice(0, 3).map((u) => `${u.place}: ${u.what}`);
  if (list.length > 3) named.push(`${list.length - 3} more`);
  return `; ${plural(list.length, 'body', 'bodies')} ${verb} (${named.join('; ')})`;
}

function counts(result: SanitizeResult): string[] {
  return result.tally.counts().map(([field, n]) => `  ${field.padEnd(20)} ${n}`);
}

function printCheck(io: Io, file: string, result: SanitizeResult, limit: number): number {
  if (result.tally.total === 0) {
    io.err(`${file}: clean (no clear secret in ${result.tally.seen} ${unitOf(result, result.tally.seen)})`);
    return 0;
  }
  io.out(locations(file, result, limit).join('\n'));
  io.err(`${file}: ${plural(result.tally.masked, 'clear secret', 'clear secrets')} in ${result.tally.units} ${unitOf(result, result.tally.units)}${unread(result, 'sanitize cannot read, and would leave out')}; run authtrail sanitize ${file} -o SAFE_FILE`);
  return 1;
}

export const sanitizeCommand: CliCommand<Args> = {
  command: 'sanitize <input>',
  describe: 'Mask passwords, tokens, answers, API keys and cookies in a HAR file, trace export or text transcript before sharing it',
  builder: (yargs) =>
    yargs
      .positional('input', { type: 'string', describe: 'HAR file or text transcript (forum paste, curl, raw HTTP)' })
      .option('output', { alias: 'o', type: 'string', describe: 'sanitized copy to write (mode 0600)' })
      .option('check', { type: 'boolean', default: false, describe: 'change nothing; exit 1 and list where secrets remain, 0 when clean' })
      .option('limit', { type: 'number', default: 50, describe: 'with --check: places listed at most (0 lists every one)' })
      .option('key', { type: 'string', describe: 'fingerprint key file (default ~/.authtrail/sanitize.key, or $AUTHTRAIL_HOME/sanitize.key)' })
      .example('$0 sanitize login.har -o login.safe.har', 'a copy safe to attach to a ticket')
      .example('$0 sanitize --check login.safe.har', 'pre-upload hook: exit 1 if a secret remains'),
  async run(args, io) {
    if (args.check) {
      if (args.output) throw new UsageError('--check writes nothing: drop -o, or drop --check to write a sanitized copy');
      if (!Number.isInteger(args.limit) || args.limit < 0) throw new UsageError(`--limit ${args.limit}: give a whole number of places to list, 0 for all`);
      return printCheck(io, args.input, await checkFile(args.input), args.limit);
    }
    if (!args.output) throw new UsageError('name the sanitized copy with -o FILE (or use --check to only look)');
    if (resolve(args.output) === resolve(args.input)) throw new UsageError(`-o ${args.output}: write the sanitized copy to another file than the input`);
    checkOutputFile(args.output);
    const result = await sanitizeFile(args.input, args.output, { key: args.key });
    // A UTF-16 input is written back as UTF-8 (what every reader and ticket system takes): said, since the bytes change.
    const recoded = result.encoding === 'utf-8' ? '' : `; the ${ENCODING_NAMES[result.encoding]} input is written as UTF-8`;
    io.err(`${args.input} -> ${args.output}: ${plural(result.tally.masked, 'value', 'values')} masked in ${result.tally.units} of ${result.tally.seen} ${unitOf(result, result.tally.seen)}${result.tally.outside > 0 ? ` and ${result.tally.outside} in the log's other fields (pages, comment)` : ''}${unread(result, 'left out unread')} (fingerprint key ${result.keyPath})${recoded}`);
    if (result.tally.total > 0) io.out(counts(result).join('\n'));
    return 0;
  },
};
