import type { LazyCommand } from './main.js';

/**
 * The one line for a command run without a positional argument it needs: yargs says only "Not enough
 * non-option arguments: got 0, need at least 1", which names neither the command nor the argument.
 */

/** What to give for each required positional of the commands (by its name in `command`). */
const WHAT: Record<string, string> = {
  files: 'give one or more files (HAR, forum transcript, curl or raw HTTP)',
  input: 'give the HAR file or text transcript to sanitize',
  rule: 'give a rule id (`authtrail rules` lists them)',
  target: 'give a transaction (1.1) or a step (1.1:4)',
  format: 'give the format to write, e.g. har',
};

/** The message for yargs' "Not enough non-option arguments" in `argv`, or null when it is not that. */
export function missingArgumentMessage(message: string, argv: readonly string[], commands: readonly LazyCommand[]): string | null {
  const got = /^Not enough non-option arguments: got (\d+)/.exec(message);
  if (!got) return null;
  // The first word that is a command (an option's value such as `--db x.db` may come before it).
  const nameOf = (c: LazyCommand) => c.command.split(' ')[0];
  const name = argv.find((a) => commands.some((c) => nameOf(c) === a));
  const entry = commands.find((c) => nameOf(c) === name);
  if (!entry) return null;
  const required = [...entry.command.matchAll(/<(\w+)(?:\.\.)?>/g)].map((m) => m[1]!);
  const missing = required[Number(got[1])] ?? required[0]!;
  return `${name} needs <${missing}>: ${WHAT[missing] ?? `give ${missing}`}; authtrail ${name} --help shows how`;
}
