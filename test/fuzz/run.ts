import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

/** The readers' seed files: HAR from several producers, forum transcripts, curl and raw HTTP, PHP's print_r and var_dump. */
export const SEEDS = [
  'test/fixtures/har/chrome.har', 'test/fixtures/har/firefox.har', 'test/fixtures/har/charles.har', 'test/fixtures/har/pairs.har',
  'test/fixtures/transcripts/forum-flat.md', 'test/fixtures/transcripts/inline-and-comments.md', 'test/fixtures/transcripts/devforum-curl.md',
  'test/fixtures/transcripts/devforum-http.md', 'test/fixtures/transcripts/http-varied.txt', 'test/fixtures/transcripts/app-log.log',
  'test/fixtures/transcripts/pastes/78-php-guzzle-print-r.txt', 'test/fixtures/transcripts/pastes/80-php-var-dump.txt',
  'test/fixtures/transcripts/pastes/83-python-http-client-debug.txt', 'test/fixtures/transcripts/pastes/85-ruby-net-http-debug.txt', 'test/fixtures/transcripts/pastes/86-apache-httpclient-wire.log',
  'test/fixtures/transcripts/pastes/87-curl-trace-ascii.txt', 'test/fixtures/transcripts/pastes/88-curl-trace-hex.txt',
].map((p) => ({ name: p.slice(p.lastIndexOf('/') + 1), bytes: readFileSync(p) }));

export interface Outcome {
  code: number;
  errors: string[];
}

/** Imports one file through the CLI in-process into a throw-away database; what it exited with and the error lines. */
export async function importCase(dir: string, name: string, bytes: Buffer): Promise<Outcome> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  let stderr = '';
  const code = await main(['import', file, '--db', ':memory:'], { out: () => {}, err: (t) => (stderr += `${t}\n`), isTTY: false });
  return { code, errors: stderr.split('\n').filter((l) => l.startsWith('authtrail:')) };
}

/** Why an outcome is a failure, or null: exit 0, 1 or 2, at most one error line, never an internal error. */
export function verdict(o: Outcome): string | null {
  if (![0, 1, 2].includes(o.code)) return `exit ${o.code}`;
  if (o.errors.length > 1) return `${o.errors.length} error lines`;
  if (o.errors.some((l) => l.includes('internal error'))) return o.errors[0];
  return null;
}

export const corpus = (dir: string) => readdirSync(dir).filter((f) => !f.startsWith('.')).map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }));
