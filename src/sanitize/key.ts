import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redactor } from '../redact/redactor.js';

/**
 * Where the sanitizer's fingerprint key lives: `--key FILE`, else `$AUTHTRAIL_HOME/sanitize.key`, else
 * `~/.authtrail/sanitize.key`. One key per user rather than per database: sanitizing has no database, and
 * one key makes the same token carry the same fingerprint across every file this user sanitizes (two HARs
 * of one incident still correlate). The key never leaves the machine, so fingerprints cannot be reversed
 * by whoever receives the file.
 */
export function sanitizeKeyPath(explicit?: string): string {
  if (explicit) return explicit;
  const home = process.env.AUTHTRAIL_HOME ?? join(homedir(), '.authtrail');
  return join(home, 'sanitize.key');
}

/** The redactor the sanitizer masks with; creates the key (mode 0600, its directory 0700) on first use. */
export function sanitizeRedactor(keyPath: string): Redactor {
  mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 });
  return Redactor.forKeyFile(keyPath);
}
