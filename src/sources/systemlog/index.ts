import { open, readFile } from 'node:fs/promises';
import { InputError } from '../../model/errors.js';
import { newReport, type ImportSource } from '../../ingest/source.js';
import { looksLikeSystemLog, parseSystemLog } from './parse.js';
import { contentHash, decodeText, headText } from '../har/text-coding.js';

export { looksLikeSystemLog, parseSystemLog } from './parse.js';

/** A System Log export is read whole; far beyond a day of a busy org's authentication events. */
const MAX_BYTES = 512 * 2 ** 20;

/** Reads the first 64 KiB (an event with a long user agent and debug data is a few KiB) and checks the shape. */
export async function isSystemLog(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return looksLikeSystemLog(headText(buf.subarray(0, bytesRead)));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** An ImportSource with no exchanges: its events go to their own table (see ingest/systemlog.ts). */
export async function openSystemLogSource(path: string, size: number): Promise<ImportSource> {
  if (size > MAX_BYTES) throw new InputError(`${path}: ${Math.round(size / 2 ** 20)} MB is too large for a System Log export; export a shorter time range`, path);
  const bytes = await readFile(path);
  // UTF-16 (PowerShell's `Out-File`, Windows tools' "Unicode") is decoded as the HAR reader does.
  const events = parseSystemLog(path, decodeText(bytes).text);
  const report = newReport('events');
  report.found = events.length;
  report.imported = events.length;
  return {
    kind: 'systemlog',
    file: path,
    contentHash: contentHash(bytes),
    exchanges: [],
    systemLog: events,
    report,
  };
}
