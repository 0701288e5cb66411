import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temp dir a test makes (and every temp file the CLI it runs makes) lands under one directory of
 * this run, removed when the run ends, so `npm test` leaves nothing in the system's temp dir. Test
 * files and the processes they spawn inherit TMPDIR; `os.tmpdir()` reads it.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'authtrail-test-run-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    if (!process.env.AUTHTRAIL_KEEP_TEST_TMP) rmSync(root, { recursive: true, force: true });
  };
}
