import { createRequire } from 'node:module';
import type { Element as XmlElement } from '@xmldom/xmldom';
import { type ImportSource, type LeftOut, newReport } from '../ingest/source.js';
import { InputError } from '../model/errors.js';
import type { RawExchange } from '../model/exchange.js';
import { parseRawHttpTranscript } from './transcript/http.js';
import { UnreadTally, mayCount } from '../protocols/org.js';
import { undoContentCoding } from './har/coding.js';
import { contentHash, decodeText } from './har/text-coding.js';

/**
 * Burp Suite's saved items (Proxy history or Repeater, "Save items" as XML): `<items burpVersion=…>`, one
 * `<item>` per exchange with its `<url>`, `<time>`, and the raw `<request>` and `<response>` as Burp saw
 * them, base64 when `base64="true"`. Each pair is read by the raw HTTP reader; a compressed body (Burp keeps
 * the bytes off the wire) is decoded first.
 */

let xmldom: typeof import('@xmldom/xmldom') | undefined;
/** xmldom, with its errors raised (never printed): a damaged export is refused in one line. */
const parser = () =>
  new (xmldom ??= createRequire(import.meta.url)('@xmldom/xmldom') as typeof import('@xmldom/xmldom')).DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new BurpXmlError(message);
    },
  });

class BurpXmlError extends Error {}

/** Whether the text is a Burp items export (its root element and version attribute near the start). */
export function isBurpXml(head: string): boolean {
  return /<items\s[^>]*\bburpVersion=/.test(head.slice(0, 4096));
}

function child(item: XmlElement, name: string): XmlElement | null {
  for (let n = item.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as XmlElement).tagName === name) return n as XmlElement;
  return null;
}

/** A message's bytes: base64-decoded when Burp says so. */
function bytesOf(el: XmlElement | null): Buffer | null {
  if (!el) return null;
  const text = el.textContent ?? '';
  if (text === '') return null;
  return el.getAttribute('base64') === 'true' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

/** The message as text, its body decoded from gzip/deflate/br when its head names that coding. */
export function burpMessageText(bytes: Buffer, notes: string[]): string {
  const split = bytes.indexOf('\r\n\r\n');
  const at = split >= 0 ? split + 4 : bytes.indexOf('\n\n') >= 0 ? bytes.indexOf('\n\n') + 2 : -1;
  if (at < 0) return bytes.toString('utf8');
  const head = bytes.subarray(0, at).toString('latin1');
  let body = bytes.subarray(at);
  const named = /^content-encoding:[ \t]*([^\r\n]+)/im.exec(head)?.[1]?.trim();
  if (named && body.length > 0) {
    // The HAR reader's decoding, with its ceiling: a gzip bomb in an export is not inflated.
    const undone = undoContentCoding(body, named);
    if (undone.bytes === null) notes.push(`${undone.coding} body that ${undone.why}; read as sent`);
    else if (undone.coding !== null) {
      body = undone.bytes;
      notes.push(`${undone.coding} body decoded`);
    }
  }
  // The head as text without the coding and length it no longer has: the raw HTTP reader reads the body as it is.
  return `${head.replace(/^(?:content-encoding|content-length|transfer-encoding):[^\n]*\n/gim, '')}${body.toString('utf8')}`;
}

/** One item as an exchange, or why it cannot be one (a warning naming the item). */
function itemToRaw(item: XmlElement, ref: string, url: string): RawExchange | string {
  const notes: string[] = [];
  const request = bytesOf(child(item, 'request'));
  if (!request) return 'an item without its request; left out';
  const response = bytesOf(child(item, 'response'));
  const pair = `${burpMessageText(request, notes).replace(/\r\n/g, '\n').trimEnd()}\n\n${response ? burpMessageText(response, notes).replace(/\r\n/g, '\n').trimEnd() : ''}\n`;
  let read: RawExchange[];
  try {
    read = parseRawHttpTranscript(pair, ref).exchanges;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return 'its request does not read as HTTP; left out';
  }
  const e = read[0];
  if (!e) return 'its request does not read as HTTP; left out';
  const time = Date.parse((child(item, 'time')?.textContent ?? '').replace(/\s[A-Z]{3,4}\s(\d{4})$/, ' $1'));
  return {
    ...e,
    url: url || e.url,
    startedAt: Number.isNaN(time) ? null : new Date(time).toISOString(),
    sourceRef: ref,
    group: 'burp',
    notes: [...(e.notes ?? []), ...notes, ...(response ? [] : ['Burp kept no response for this item'])],
    ...(response ? {} : { responseStatus: null }),
  };
}

export function openBurpSource(path: string, bytes: Buffer, include: (url: string) => boolean): ImportSource {
  // Windows tools save "Unicode" (UTF-16, with a byte-order mark or without): decoded as the HAR reader does.
  const text = decodeText(bytes).text.replace(/^\uFEFF/, '');
  let doc: ReturnType<ReturnType<typeof parser>['parseFromString']>;
  try {
    doc = parser().parseFromString(text.replace(/<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i, ''), 'text/xml');
  } catch (error) {
    const why = (error as Error).message.split('\n')[0]!.slice(0, 160);
    throw new InputError(`${path}: a Burp Suite export that is not well-formed XML (${why}); save the items from Burp again`, path);
  }
  const root = doc.documentElement;
  if (!root || root.tagName !== 'items') throw new InputError(`${path}: not a Burp Suite items export (no <items> root); save the items from Burp as XML`, path);
  const report = newReport('items');
  const exchanges: RawExchange[] = [];
  const items = Array.from(root.getElementsByTagName('item'));
  // The calls to the Okta org outside --include are named, as every reader names them, and read (not kept)
  // for the secrets they show in clear (see ImportSource.leftOut).
  const unread = new UnreadTally<RawExchange>();
  items.forEach((item, i) => {
    report.found++;
    const ref = `${path}#items[${i}]`;
    const url = child(item, 'url')?.textContent?.trim() ?? '';
    if (url !== '' && !include(url)) {
      report.outside++;
      const raw = mayCount(url) ? itemToRaw(item, ref, url) : null;
      if (raw === null || typeof raw === 'string') unread.add(url);
      else unread.add(url, raw.responseHeaders['content-type'] ?? null, false, raw);
      return;
    }
    if (url !== '') unread.sawOrg(url);
    const raw = itemToRaw(item, ref, url);
    if (typeof raw === 'string') report.warnings.push({ ref, message: raw });
    else exchanges.push(raw);
  });
  report.unread = unread.result();
  const leftOut: LeftOut[] = unread.items().map((exchange) => ({ exchange, reason: 'outside' }));
  report.imported = exchanges.length;
  if (report.found === 0) throw new InputError(`${path}: a Burp Suite export with no items`, path);
  if (exchanges.length === 0) throw new InputError(`${path}: none of its ${report.found} Burp items is an Okta authn, Identity Engine or OAuth call (see --include)`, path);
  report.unit = 'items';
  return { kind: 'http', file: path, contentHash: contentHash(bytes), exchanges, report, ...(leftOut.length ? { leftOut } : {}) };
}
