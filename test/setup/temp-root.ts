import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temp dir a test makes (and every temp file the CLI it runs makes) lands under one directory of
 * this run, removed when the run ends, so `npm test` leaves nothing in the system's temp dir nor in
 * ~/.authtrail (AUTHTRAIL_HOME). Test files and the processes they spawn inherit both; `os.tmpdir()`
 * reads TMPDIR. AUTHTRAIL_KEEP_TEST_TMP=1 keeps the directory to look into.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'authtrail-test-run-'));
  const before = { TMPDIR: process.env.TMPDIR, AUTHTRAIL_HOME: process.env.AUTHTRAIL_HOME };
  process.env.TMPDIR = root;
  // The sanitizer's key and the forward proxy's CA too: not the user's ~/.authtrail.
  process.env.AUTHTRAIL_HOME = join(root, 'home');
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (!process.env.AUTHTRAIL_KEEP_TEST_TMP) rmSync(root, { recursive: true, force: true });
  };
}
