import { jsonrepair } from 'jsonrepair';
import { parseBounded, repairBounded } from '../../http/json.js';
import { newReport } from '../../ingest/source.js';
import type { RawExchange } from '../../model/exchange.js';
import { BadEntryError, entryToRaw } from '../har/entry.js';
import { isFence } from './text.js';
import type { TextImport } from './types.js';

/** The words a HAR entry holds and little else does: the cheap test before any parsing. */
const HAR_WORDS = /"(?:startedDateTime|httpVersion|headersSize|postData)"/;

/**
 * HAR entries pasted as text: DevTools' "Copy as HAR" (one entry, or `Copy all as HAR`'s whole document) put
 * into a post or ticket, in a code fence or as the whole paste. Each JSON that is a HAR document, an array of
 * entries or one entry is read as the HAR reader reads a file's entries (bodies decoded, times kept), its refs
 * the line it starts on. Null when the paste holds none, so the other readers read it.
 */
export function readHarPaste(text: string, file: string): TextImport | null {
  if (!text.includes('"request"') || !text.includes('"response"') || !HAR_WORDS.test(text)) return null;
  const report = newReport('entries');
  const exchanges: RawExchange[] = [];
  for (const block of jsonBlocks(text)) {
    const entries = entriesOf(parsed(block.text));
    entries.forEach((entry, i) => {
      // The block's lines are its entries' (text exposures count their secrets as the calls').
      const ref = `${file}:${block.line}-${block.end}${entries.length > 1 ? ` (entry ${i + 1})` : ''}`;
      report.found++;
      try {
        exchanges.push(entryToRaw(entry, ref, 'paste', (message) => report.warnings.push({ ref, message })));
        report.imported++;
      } catch (error) {
        if (!(error instanceof BadEntryError)) throw error;
        report.warnings.push({ ref, message: `${error.message}; entry skipped` });
      }
    });
  }
  return report.found > 0 ? { exchanges, report } : null;
}

/** The text's fenced blocks, or the whole text when it is one JSON document; `line`, `end`: its first and last JSON lines (1-based). */
function jsonBlocks(text: string): { text: string; line: number; end: number }[] {
  const lines = text.split(/\r?\n/);
  const blocks: { text: string; line: number; end: number }[] = [];
  let open: number | null = null;
  lines.forEach((line, i) => {
    if (!isFence(line)) return;
    if (open === null) open = i + 1;
    else {
      blocks.push({ text: lines.slice(open, i).join('\n'), line: open + 1, end: i });
      open = null;
    }
  });
  if (blocks.length === 0 && /^\s*[{[]/.test(text)) blocks.push({ text, line: 1 + (/^\s*/.exec(text)![0].match(/\n/g)?.length ?? 0), end: lines.length });
  return blocks.filter((b) => HAR_WORDS.test(b.text));
}

/** The block as JSON, repaired if need be (a paste loses a closing bracket or adds a trailing comma); null if it is none. */
function parsed(text: string): unknown {
  try {
    return parseBounded(text);
  } catch {
    try {
      return parseBounded(repairBounded(text, jsonrepair));
    } catch {
      return null;
    }
  }
}

/** A HAR document's entries, an array's entries, or the one entry; none when it is neither. */
function entriesOf(doc: unknown): unknown[] {
  const isEntry = (x: unknown) => typeof x === 'object' && x !== null && typeof (x as { request?: unknown }).request === 'object' && 'response' in x;
  if (Array.isArray(doc)) return doc.filter(isEntry);
  if (typeof doc !== 'object' || doc === null) return [];
  const entries = (doc as { log?: { entries?: unknown } }).log?.entries ?? (doc as { entries?: unknown }).entries;
  if (Array.isArray(entries)) return entries.filter(isEntry);
  return isEntry(doc) ? [doc] : [];
}
