import { open } from 'node:fs/promises';
import { extname } from 'node:path';

/**
 * Whether text that starts a file is a HAR, or JSON meant as one: every HAR producer writes a JSON object.
 * JSON that turns out not to be HAR is then refused with a clear line rather than read as a transcript.
 */
export function looksLikeHar(head: string, path = ''): boolean {
  if (extname(path).toLowerCase() === '.har') return true;
  const text = head.replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[');
}

/** Reads the first 4 KiB of a file and applies `looksLikeHar`; false when the file cannot be read. */
export async function isHar(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return looksLikeHar(buf.subarray(0, bytesRead).toString('utf8'), path);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
