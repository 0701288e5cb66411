import type { Io } from './command.js';

/**
 * The columns terminal output fits: $COLUMNS when set (a shell exports it, a user can force it), else the
 * terminal's own width, else 100 (a pipe or a file has no width; 100 reads well in an editor or an issue).
 */
export function terminalWidth(io: Io, env: NodeJS.ProcessEnv = process.env): number {
  const columns = Number(env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return io.isTTY && process.stdout.columns ? process.stdout.columns : 100;
}
