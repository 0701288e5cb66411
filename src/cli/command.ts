import type { Argv } from 'yargs';

/**
 * What `--include` replaces, in words: the list itself (`DEFAULT_INCLUDE`) lives with the protocols, which
 * `--help` does not load.
 */
export const INCLUDE_HELP =
  "path globs to keep, replacing the default: every protocol's calls (/api/v1/authn/**, /idp/idx/**, /oauth2/**, /login/token/redirect, SAML endpoints, discovery documents); repeat to keep several";

/** Where a command writes. Only src/cli prints; the library returns data. */
export interface Io {
  out(text: string): void;
  /**
   * Output written in full before this returns (large documents in pieces: a slow reader slows the writer
   * instead of the pieces queuing in memory). Absent: `out`.
   */
  outFully?(data: string | Uint8Array): void;
  err(text: string): void;
  /** true when stdout is a terminal (colour, live redraws). */
  isTTY: boolean;
  /** Redraws one status line on a terminal's stderr (empty text clears it); absent when stderr is not a terminal. */
  progress?(text: string): void;
}

/** Options every command accepts (declared once in main.ts). */
export interface GlobalOptions {
  db: string;
  debug: boolean;
  config?: string;
}

/**
 * One CLI command: yargs wiring plus an async run that returns the exit code
 * (0 clean, 1 findings at or above --fail-on, 2 usage or input error).
 */
export interface CliCommand<A = Record<string, unknown>> {
  command: string;
  describe: string;
  builder(yargs: Argv): Argv;
  run(args: A & GlobalOptions, io: Io): Promise<number>;
}

