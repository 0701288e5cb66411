import { writeSync } from 'node:fs';

/** The reader of stdout went away (`authtrail analyze ... | head`): not an error, the output is just not wanted. */
export class OutputClosed extends Error {
  constructor() {
    super('stdout was closed by its reader');
  }
}

/** For the pause while a full pipe drains. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `data` (text as UTF-8) to `fd` before returning: a slow reader (`| jq`) slows the writer instead of the text
 * queuing in memory. process.stdout queues what a pipe cannot take yet, and a JSON document of a million
 * exchanges queued so is gigabytes of memory, then a failed write (ENOBUFS). A pipe set non-blocking by
 * someone else answers EAGAIN while full: wait a moment and write on.
 */
export function writeFully(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 2);
      else if (code === 'EPIPE') throw new OutputClosed();
      else throw error;
    }
  }
}
