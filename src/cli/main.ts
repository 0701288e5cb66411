import yargs, { type Argv } from 'yargs';
import { InputError } from '../model/errors.js';
import type { CliCommand, Io } from './command.js';
import { UsageError } from '../model/errors.js';
import { missingArgumentMessage } from './missing-argument.js';
import { OutputClosed, writeFully } from './output.js';
import { setNoticeSink } from '../model/notices.js';
import { renameSpooled, spoolStdin, type Spooled } from './stdin.js';

/** A command as `authtrail --help` lists it; its module, and all that module imports, loads only when it runs. */
export interface LazyCommand {
  command: string;
  describe: string;
  load(): Promise<CliCommand<any>>;
}

/**
 * Every command, in the order `authtrail --help` lists them. `command` and `describe` repeat the module's own
 * (test/cli/lazy-commands.test.ts checks they agree) so that listing them loads no analyzer, store or proxy.
 */
export const COMMANDS: LazyCommand[] = [
  { command: 'analyze [files..]', describe: 'Rebuild transactions and report anomalies, from files (imported first) or from the database', load: async () => (await import('./commands/analyze.js')).analyzeCommand },
  { command: 'import <files..>', describe: 'Import HAR files, SAML-tracer and Entra Auth Tracer exports, Okta System Log exports, forum transcripts, curl or raw HTTP transcripts into the database', load: async () => (await import('./commands/import.js')).importCommand },
  { command: 'captures', describe: 'List the captures in the database (imports and recording sessions)', load: async () => (await import('./commands/captures.js')).capturesCommand },
  { command: 'export <format>', describe: 'Write a capture as a file other tools read (HAR 1.2), redacted unless it was captured --raw', load: async () => (await import('./commands/export.js')).exportCommand },
  { command: 'sanitize <input>', describe: 'Mask passwords, tokens, answers, API keys and cookies in a HAR file, trace export or text transcript before sharing it', load: async () => (await import('./commands/sanitize.js')).sanitizeCommand },
  { command: 'report [files..]', describe: 'Write a ticket bundle (ticket.md, timeline.mmd, analysis.json, report.html, evidence.har) for files (imported first) or the database', load: async () => (await import('./commands/report.js')).reportCommand },
  { command: 'record', describe: 'Record live Okta traffic (authn, Identity Engine, OAuth) through a proxy into the database (secrets redacted at capture)', load: async () => (await import('./commands/record.js')).recordCommand },
  { command: 'ca', describe: 'Print the local CA used by `record --mode forward` (creating it if needed) and how to trust it', load: async () => (await import('./commands/ca.js')).caCommand },
  { command: 'demo', describe: 'Run a mock Okta, record a password-recovery flow through the proxy (--scenario idx-recovery for Identity Engine), and print its audit', load: async () => (await import('./commands/demo.js')).demoCommand },
  { command: 'rules', describe: 'List every anomaly rule with its default severity and summary', load: async () => (await import('./commands/rules.js')).rulesCommand },
  { command: 'show <target> [files..]', describe: 'Print one transaction (1.1) or one step (1.1:4): the redacted request and response and the findings on it', load: async () => (await import('./commands/show.js')).showCommand },
  { command: 'migration [files..]', describe: 'List every Classic API call in the evidence, what Okta documents about it on Identity Engine, and the call that replaces it', load: async () => (await import('./commands/migration.js')).migrationCommand },
  { command: 'explain <rule>', describe: "Print a rule's page: what it detects, whether Okta documents it, what to tell support", load: async () => (await import('./commands/explain.js')).explainCommand },
];

const defaultIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  // On a terminal process.stdout writes at once already; it must not get ahead of what it queued.
  outFully: process.stdout.isTTY ? undefined : (text) => writeFully(1, text),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r${text}\u001b[K`) : undefined,
};

/** Parses argv, runs one command, turns known errors into one line and exit code 2. Returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const debug = argv.includes('--debug');
  let spooled: Spooled | null;
  try {
    spooled = await spoolStdin(argv, io);
  } catch (error) {
    return reportError(error, debug, io);
  }
  if (!spooled) return run(argv, io, debug);
  try {
    return await run(spooled.argv, spooled.io, debug);
  } finally {
    await renameSpooled(spooled);
  }
}

async function run(argv: string[], io: Io, debug: boolean): Promise<number> {
  let exitCode = 0;
  setNoticeSink((text) => io.err(text));
  const parser = yargs(argv)
    .scriptName('authtrail')
    .usage('$0 <command> [options]\n\nRecord, import and audit Okta authentication flows: Classic authn, Identity Engine, OAuth 2.0 / OIDC, SAML.')
    .option('db', {
      type: 'string',
      describe: 'SQLite database (":memory:" keeps nothing)',
      default: process.env.AUTHTRAIL_DB ?? './authtrail.db',
      defaultDescription: '$AUTHTRAIL_DB or ./authtrail.db',
    })
    .option('config', { type: 'string', describe: 'authtrail.config.json to use (default: ./authtrail.config.json if present)' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces on errors' })
    .strict()
    .demandCommand(1, 'Name a command: authtrail --help lists them.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      // Throwing stops yargs here: a command must never run with arguments that failed validation.
      if (error) throw error;
      const missing = missingArgumentMessage(message, argv, COMMANDS);
      if (missing) throw new UsageError(missing);
      const unknown = unknownArguments(message, argv);
      if (unknown) throw new UsageError(`${unknown}; authtrail --help lists the options`);
      const line = message.replace(/:?\s*\n\s*/g, ': ').replace(/\.$/, '');
      throw new UsageError(line.includes('--help') ? line : `${line}; authtrail --help lists the options`);
    });
  for (const entry of COMMANDS) {
    // yargs awaits a builder that returns a promise: the module loads for the command named, or its --help.
    parser.command(entry.command, entry.describe, async (y) => (await entry.load()).builder(y), async (args) => {
      exitCode = await (await entry.load()).run(args as never, io);
    });
  }
  skipHelpCache(parser);
  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    return reportError(error, debug, io);
  }
}

/**
 * yargs names an unknown `--bogus-option` twice, as written and camel-cased (`bogus-option, bogusOption`):
 * each once, as the user wrote it.
 */
function unknownArguments(message: string, argv: readonly string[]): string | null {
  const m = /^Unknown arguments?: (.+)$/.exec(message.trim());
  if (!m) return null;
  const names = m[1]!.split(', ');
  const camel = (name: string) => name.replace(/-([a-z])/g, (_x, c: string) => c.toUpperCase());
  // The camel-cased twin of another name in the list is that name again.
  const kept = names.filter((n) => !names.some((o) => o !== n && o.includes('-') && camel(o) === n));
  const written = (n: string) => argv.find((a) => a === `--${n}` || a.startsWith(`--${n}=`) || a === `--no-${n}` || (n.length === 1 && a === `-${n}`));
  const options = kept.filter(written).map((n) => written(n)!.split('=')[0]!);
  const others = kept.filter((n) => !written(n));
  const parts = [
    ...(options.length ? [`unknown ${options.length === 1 ? 'option' : 'options'} ${options.join(', ')}`] : []),
    ...(others.length ? [`unexpected ${others.length === 1 ? 'argument' : 'arguments'} ${others.join(', ')}`] : []),
  ];
  return parts.join('; ');
}

/**
 * yargs renders a command's whole help text as it starts the command's handler, for a handler that later asks
 * for it (showHelp); no authtrail command does, and rendering it took about 30 ms of every run. A yargs without
 * that internal hook is left as it is.
 */
function skipHelpCache(parser: Argv): void {
  const internal = parser as unknown as { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

function reportError(error: unknown, debug: boolean, io: Io): number {
  if (error instanceof OutputClosed) return typeof process.exitCode === 'number' ? process.exitCode : 0;
  // yargs reports an option whose coerce threw as its own YError, past .fail() in a command's builder.
  if (error instanceof InputError || error instanceof UsageError || (error as Error)?.name === 'YError') {
    io.err(`authtrail: ${(error as Error).message}`);
    if (debug && (error as Error).stack) io.err((error as Error).stack!);
    return 2;
  }
  const err = error as NodeJS.ErrnoException;
  io.err(`authtrail: internal error: ${err?.message ?? String(error)}${debug ? '' : ' (run with --debug for details)'}`);
  if (debug && err?.stack) io.err(err.stack);
  return 2;
}
