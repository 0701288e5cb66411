import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { headText } from './text-coding.js';

/**
 * Whether a file is a HAR (or JSON meant as one), from its name and first characters: a `.har` file, a JSON
 * object whose first key is `log` (every producer writes it first: it is the only key HAR defines), or a
 * `.json` file holding JSON. JSON that turns out not to be HAR is then refused with a clear line; a text
 * transcript that happens to start with a JSON body stays a transcript.
 */
export function looksLikeHar(head: string, path = ''): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.har') return true;
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^\{\s*"log"\s*:/.test(text)) return true;
  return ext === '.json' && (text.startsWith('{') || text.startsWith('['));
}

/** Reads the first 4 KiB of a file (UTF-8, or UTF-16 with its byte-order mark) and applies `looksLikeHar`; false when the file cannot be read. */
export async function isHar(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return looksLikeHar(headText(buf.subarray(0, bytesRead)), path);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
