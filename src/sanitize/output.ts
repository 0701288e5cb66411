import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../model/errors.js';

/**
 * Refuses, before any work, a `-o` file that cannot be written: a directory, or a file in a directory that
 * does not exist. Without this the failure surfaced as the temporary file's ENOENT or the rename's EISDIR.
 */
export function checkOutputFile(path: string, flag = '-o'): void {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${flag} ${path}: is a directory; name a file to write`);
  const dir = dirname(path);
  const parent = statSync(dir, { throwIfNoEntry: false });
  if (!parent) throw new UsageError(`${flag} ${path}: directory ${dir} does not exist; create it first or name a file in an existing directory`);
  if (!parent.isDirectory()) throw new UsageError(`${flag} ${path}: ${dir} is not a directory; name a file in an existing directory`);
}

/**
 * Writes text chunks to `path` through a temporary file beside it, renamed into place only when every
 * chunk was written: a failure halfway leaves no half-written file. The file is mode 0600 (it holds
 * evidence), and memory holds one chunk at a time.
 */
export async function writeChunksAtomically(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<number> {
  checkOutputFile(path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const out = createWriteStream(temp, { mode: 0o600 });
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await chmod(temp, 0o600);
    await rename(temp, path);
    return bytes;
  } catch (error) {
    // A write still queued fails once the stream is destroyed: that error is this one, not a new one. The
    // file may still be opening: wait until it is closed, or the temporary file appears after it was removed.
    // Not events.once: it rejects on that 'error', which would then stand in for the real one.
    out.on('error', () => {});
    const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()));
    out.destroy();
    await closed;
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`-o ${path}: permission denied; name a file in a directory you can write`);
    if (code === 'ENOSPC') throw new UsageError(`-o ${path}: no space left on the device; nothing was written`);
    throw error;
  }
}
