import yargs from 'yargs';
import { InputError } from '../model/errors.js';
import type { CliCommand, Io } from './command.js';
import { UsageError } from '../model/errors.js';
import { analyzeCommand } from './commands/analyze.js';
import { importCommand } from './commands/import.js';
import { capturesCommand } from './commands/captures.js';
import { exportCommand } from './commands/export.js';
import { sanitizeCommand } from './commands/sanitize.js';
import { reportCommand } from './commands/report.js';
import { recordCommand } from './commands/record.js';
import { caCommand } from './commands/ca.js';
import { demoCommand } from './commands/demo.js';
import { rulesCommand } from './commands/rules.js';
import { showCommand } from './commands/show.js';
import { explainCommand } from './commands/explain.js';

/** Every command, in the order `authtrail --help` lists them. Adding a command is one import and one line. */
const COMMANDS: CliCommand<any>[] = [analyzeCommand, importCommand, capturesCommand, exportCommand, sanitizeCommand, reportCommand, recordCommand, caCommand, demoCommand, rulesCommand, explainCommand, showCommand];

const defaultIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  outFd: 1,
  isTTY: Boolean(process.stdout.isTTY),
  progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r${text}\u001b[K`) : undefined,
};

/** Parses argv, runs one command, turns known errors into one line and exit code 2. Returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('authtrail')
    .usage('$0 <command> [options]\n\nRecord, import and audit Okta /api/v1/authn flows.')
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
      const line = message.replace(/:?\s*\n\s*/g, ': ').replace(/\.$/, '');
      throw new UsageError(line.includes('--help') ? line : `${line}; authtrail --help lists the options`);
    });
  for (const cmd of COMMANDS) {
    parser.command(cmd.command, cmd.describe, cmd.builder, async (args) => {
      exitCode = await cmd.run(args as never, io);
    });
  }
  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    return reportError(error, debug, io);
  }
}

function reportError(error: unknown, debug: boolean, io: Io): number {
  if (error instanceof InputError || error instanceof UsageError) {
    io.err(`authtrail: ${error.message}`);
    if (debug && error.stack) io.err(error.stack);
    return 2;
  }
  const err = error as NodeJS.ErrnoException;
  io.err(`authtrail: internal error: ${err?.message ?? String(error)}${debug ? '' : ' (run with --debug for details)'}`);
  if (debug && err?.stack) io.err(err.stack);
  return 2;
}
