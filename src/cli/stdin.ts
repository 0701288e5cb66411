import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../model/errors.js';
import type { Io } from './command.js';

/** The name evidence read from standard input goes by in messages and in the database. */
export const STDIN_NAME = 'stdin';

/** Commands whose positional arguments are evidence files, so `-` among them means standard input. */
const READERS = new Set(['analyze', 'import', 'report', 'show', 'migration', 'sanitize']);

/** Options that take a value (`--db -` would be a value, not standard input). Booleans take none. */
const TAKES_VALUE = new Set(['--db', '--config', '--format', '--input-format', '--include', '--capture', '--rule', '--tz', '--fail-on', '--threads', '--color', '--output', '-o', '--out', '--key', '--limit']);

export interface Spooled {
  argv: string[];
  /** The temporary file standing for `-`; removed by `cleanup`. */
  path: string;
  /** Messages with the temporary path written as `stdin`. */
  io: Io;
  cleanup(): void;
}

/**
 * `authtrail analyze -` (a paste piped in: `pbpaste | authtrail analyze -`): standard input is read in full
 * into a file of its own (a directory of mode 0700, the file 0600, removed at the end), since every reader
 * takes a path and sniffs the start before it reads. Returns null when no `-` names standard input.
 */
export async function spoolStdin(argv: readonly string[], io: Io, stdin: NodeJS.ReadStream = process.stdin): Promise<Spooled | null> {
  const command = argv.find((a) => !a.startsWith('-'));
  if (!command || !READERS.has(command)) return null;
  const at = argv.findIndex((a, i) => a === '-' && i > argv.indexOf(command) && !TAKES_VALUE.has(argv[i - 1]!));
  if (at < 0) return null;
  if (argv.indexOf('-', at + 1) >= 0) throw new UsageError('- (standard input) can be named once');
  if (stdin.isTTY) io.err('authtrail: reading the evidence from standard input; paste it, then press Ctrl-D (Ctrl-Z then Enter on Windows)');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-stdin-'));
  const path = join(dir, STDIN_NAME);
  writeFileSync(path, Buffer.concat(chunks), { mode: 0o600 });
  const rename = (text: string) => (text.includes(path) ? text.split(path).join(STDIN_NAME) : text);
  return {
    argv: argv.map((a, i) => (i === at ? path : a)),
    path,
    io: { ...io, out: (t) => io.out(rename(t)), err: (t) => io.err(rename(t)), outFully: io.outFully ? (d) => io.outFully!(typeof d === 'string' ? rename(d) : Buffer.from(d.buffer, d.byteOffset, d.byteLength).includes(path) ? rename(Buffer.from(d).toString('utf8')) : d) : undefined, progress: io.progress ? (t) => io.progress!(rename(t)) : undefined },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The database a run wrote to, as main's options give it. */
function dbOf(argv: readonly string[]): string {
  for (let i = argv.length - 1; i >= 0; i--) {
    if (argv[i] === '--db' && i + 1 < argv.length) return argv[i + 1]!;
    if (argv[i]!.startsWith('--db=')) return argv[i]!.slice(5);
  }
  return process.env.AUTHTRAIL_DB ?? './authtrail.db';
}

/** After the command: a capture imported from standard input is named `stdin` in the database, not by its temporary file. */
export async function renameSpooled(spooled: Spooled): Promise<void> {
  try {
    const db = dbOf(spooled.argv);
    // The store (and SQLite) loads only when `-` was used: `--help` loads none of it.
    if (db !== ':memory:') (await import('../store/store.js')).renameSource(db, spooled.path, STDIN_NAME);
  } finally {
    spooled.cleanup();
  }
}
