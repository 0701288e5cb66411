import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes text chunks to `path` through a temporary file beside it, renamed into place only when every
 * chunk was written: a failure halfway leaves no half-written file. The file is mode 0600 (it holds
 * evidence), and memory holds one chunk at a time.
 */
export async function writeChunksAtomically(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<number> {
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
    throw error;
  }
}
