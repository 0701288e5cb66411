import { readFileSync } from 'node:fs';
import type { Redactor } from '../redact/redactor.js';
import { decodeText } from '../sources/har/text-coding.js';
import { maskText } from './burp.js';
import { readStoredBody, removedBody } from './stored-body.js';
import { type SecretLocation, Tally, UNREAD_BODY } from './tally.js';
import { sanitizeText, sanitizeTextChunks } from './text.js';

type Json = Record<string, unknown>;
type Where = 'request.body' | 'response.body';
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
/** A body Charles saved base64: `"encoded": "…"` (a JSON string, escapes allowed). */
const ENCODED = /"encoded"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * A Charles JSON session (.chlsj) with every secret masked: the file is masked line by line as a text
 * transcript is, and each body Charles saved base64 (`encoded`, which the line rules cannot read) is first
 * read as readStoredBody reads it (its coding undone and done again, bytes that are no UTF-8 text kept byte
 * for byte), masked, and written back in place; one that cannot be read is replaced by a `text` placeholder
 * naming why, and counted. Tally places are the file's lines, as for text.
 */
export async function* sanitizeCharlesJsonChunks(path: string, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  const text = decodeText(readFileSync(path)).text;
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    doc = null;
  }
  // Each base64 body by its text, with its side and that side's coding.
  const codings = new Map<string, { where: Where; coding: string | undefined }>();
  if (Array.isArray(doc)) {
    for (const t of doc) {
      for (const where of ['request.body', 'response.body'] as const) {
        const side = obj(obj(t)[where === 'request.body' ? 'request' : 'response']);
        const encoded = obj(side.body).encoded;
        if (typeof encoded === 'string') codings.set(encoded, { where, coding: codingOf(side) });
      }
    }
  }
  if (codings.size === 0) {
    // No base64 body (or no JSON a reader could take): the file is text, masked as it streams.
    yield* sanitizeTextChunks(path, redactor, tally);
    return;
  }
  const found: SecretLocation[] = [];
  const lineStarts = [...text.matchAll(/\n/g)].map((m) => m.index!);
  const lineOf = (at: number) => {
    let lo = 0;
    for (let hi = lineStarts.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (lineStarts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return String(lo + 1);
  };
  const rewritten = text.replace(ENCODED, (whole, sep: string, raw: string, at: number) => {
    let value: string;
    try {
      value = JSON.parse(`"${raw}"`) as string;
    } catch {
      return whole;
    }
    const side = codings.get(value);
    if (side === undefined) return whole;
    const line = lineOf(at);
    const stored = readStoredBody(Buffer.from(value, 'base64'), side.coding);
    if ('unread' in stored) return leaveOut(found, { place: line, where: side.where }, sep, stored.unread);
    const own = new Tally();
    const masked = maskText(stored.text, redactor, own, line, false);
    for (const loc of own.locations) found.push({ ...loc, place: line });
    const bytes = stored.back(masked);
    if (bytes === null) return leaveOut(found, { place: line, where: side.where }, sep, `${stored.coding} whose masked copy could not be compressed again`);
    return masked === stored.text ? whole : `"encoded"${sep}"${bytes.toString('base64')}"`;
  });
  const outer = new Tally();
  const out = sanitizeText(rewritten, path, redactor, outer);
  // The bodies' findings and the lines' in one list, by line; a line counts once however many it holds.
  const all = [...found, ...outer.locations].sort((a, b) => Number(a.place) - Number(b.place));
  for (const loc of all) tally.list(loc);
  tally.seen += outer.seen;
  tally.units += new Set(all.filter((l) => l.field !== UNREAD_BODY).map((l) => l.place)).size;
  yield out;
}

/** The side's content coding: Charles's `contentEncoding`, else its Content-Encoding header. */
function codingOf(side: Json): string | undefined {
  if (typeof side.contentEncoding === 'string' && side.contentEncoding !== '') return side.contentEncoding;
  const headers = obj(side.header).headers;
  if (!Array.isArray(headers)) return undefined;
  const h = headers.find((x) => /^content-encoding$/i.test(String(obj(x).name ?? '')));
  return h === undefined ? undefined : String(obj(h).value ?? '');
}

/** A body left out: its `encoded` becomes a `text` placeholder naming why, counted at its line. */
function leaveOut(found: SecretLocation[], at: { place: string; where: Where }, sep: string, what: string): string {
  found.push({ ...at, field: UNREAD_BODY, path: what });
  return `"text"${sep}${JSON.stringify(removedBody(what))}`;
}
