import { createRequire } from 'node:module';
import type { Document as XmlDocument, Element as XmlElement } from '@xmldom/xmldom';
import type { ImportSource } from '../ingest/source.js';
import { InputError } from '../model/errors.js';
import { readCharlesTransactions } from './charles.js';
import { decodeText } from './har/text-coding.js';

/**
 * Charles Proxy's XML session (File > Export Session… > XML Session File, `.chlsx`): a `<charles-session>`
 * root (after `<?charles serialisation-version='2.0' ?>`, or the older `<!DOCTYPE charles-session …>`), one
 * `<transaction>` per call whose attributes carry `method`, `protocol`, `host`, `port`, `path`, `query`, the
 * times and `status` (COMPLETE, FAILED …), with a `<request>` and a `<response status="…">`, each holding
 * `<headers>` (`<first-line>`, then `<header><name/><value/></header>`) and a `<body>`, base64 when
 * `encoding="base64"` (Charles's DTD; `headers`/`body` on the side only say whether it kept them). Each
 * transaction is turned into the JSON session's shape and read by the JSON session's reader.
 */

let xmldom: typeof import('@xmldom/xmldom') | undefined;
const load = () => (xmldom ??= createRequire(import.meta.url)('@xmldom/xmldom') as typeof import('@xmldom/xmldom'));

class CharlesXmlError extends Error {}

/** The file's text parsed (errors raised, never printed); a DOCTYPE is dropped first: nothing is fetched. */
export function parseCharlesXml(text: string): XmlDocument {
  const parser = new (load().DOMParser)({
    onError: (level, message) => {
      if (level !== 'warning') throw new CharlesXmlError(message);
    },
  });
  return parser.parseFromString(text.replace(/^\uFEFF/, '').replace(/<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i, ''), 'text/xml');
}

/** Whether the start of a file is a Charles XML session: `<charles-session>` is its root element. */
export function isCharlesXml(head: string): boolean {
  // What may stand before the root: the XML declaration, Charles's processing instruction, a DOCTYPE, comments.
  const rest = head.replace(/^\uFEFF/, '').replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i, '');
  return /^<charles-session[\s>/]/.test(rest);
}

export function children(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (name === undefined || (n as XmlElement).tagName === name)) out.push(n as XmlElement);
  return out;
}
export const child = (el: XmlElement | null | undefined, name: string): XmlElement | null => (el ? (children(el, name)[0] ?? null) : null);

/** An element's text: its CDATA sections when it has some (the whitespace around them is layout), else its text. */
export function textOf(el: XmlElement): string {
  let cdata: string | null = null;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 4) cdata = (cdata ?? '') + ((n as unknown as { data: string }).data ?? '');
  return cdata ?? el.textContent ?? '';
}

const attr = (el: XmlElement, name: string): string | null => (el.hasAttribute(name) ? el.getAttribute(name) : null);
const int = (v: string | null): number | null => (v !== null && /^\s*\d+\s*$/.test(v) ? Number(v) : null);

/** What a side's `<body>` becomes in the JSON session's shape, or a note on what could not be read. */
function bodyOf(side: XmlElement, label: string, notes: string[]): Record<string, unknown> {
  const body = child(side, 'body');
  if (!body) {
    // `body="true"` (or a size) without a <body>: Charles said it had one but the export holds none.
    const said = attr(side, 'body');
    if (said !== null && said !== 'false' && said !== '0') notes.push(`Charles marked a ${label} body but the export holds none`);
    return {};
  }
  const encoding = (attr(body, 'encoding') ?? '').toLowerCase();
  const text = textOf(body);
  if (encoding === 'base64') return { body: { encoded: text.replace(/\s+/g, '') } };
  if (encoding !== '' && encoding !== 'plain' && encoding !== 'text') {
    notes.push(`the ${label} body is written with encoding "${encoding}", which authtrail does not read; left out`);
    return {};
  }
  return { body: { text } };
}

/** One `<headers>` block: its first line and name/value pairs. */
function headersOf(side: XmlElement): { firstLine: string | null; headers: { name: string; value: string }[] } {
  const block = child(side, 'headers');
  if (!block) return { firstLine: null, headers: [] };
  const first = child(block, 'first-line');
  const headers = children(block, 'header').map((h) => ({ name: (child(h, 'name')?.textContent ?? '').trim(), value: textOf(child(h, 'value') ?? h.ownerDocument!.createElement('value')) }));
  return { firstLine: first ? textOf(first).trim() : null, headers: headers.filter((h) => h.name !== '') };
}

/** A side (request or response) in the JSON session's shape. */
function sideOf(el: XmlElement, label: string, notes: string[]) {
  const { firstLine, headers } = headersOf(el);
  const coding = attr(el, 'contentEncoding');
  return { firstLine, out: { header: { firstLine, headers }, ...(coding && coding !== 'identity' ? { contentEncoding: coding } : {}), ...bodyOf(el, label, notes) } };
}

/** Attributes (or child elements) naming why a transaction failed: `error`, `errorMessage`, `exception` … */
function errorOf(t: XmlElement): string | null {
  for (const a of Array.from(t.attributes)) if (/error|exception|failure/i.test(a.name) && a.value.trim() !== '') return a.value.trim();
  for (const c of children(t)) if (/error|exception|failure/i.test(c.tagName) && textOf(c).trim() !== '') return textOf(c).trim();
  return null;
}

const KNOWN_CHILDREN = new Set(['request', 'response']);

/** One `<transaction>` in the JSON session's shape (see charles.ts), and warnings on what it held that was not read. */
export function transactionOf(t: XmlElement): { json: Record<string, unknown>; unknown: string[] } {
  // `unknown`: warnings on what the transaction held that was not read.
  const notes: string[] = [];
  const request = child(t, 'request');
  const response = child(t, 'response');
  const req = request ? sideOf(request, 'request', notes) : null;
  const res = response ? sideOf(response, 'response', notes) : null;
  // The request line fills what the attributes leave out (method, path, query).
  const line = /^(\S+)\s+(\S+)/.exec(req?.firstLine ?? '');
  const target = line?.[2] && !/^https?:/i.test(line[2]) ? line[2] : null;
  // A path written with its query (some tools, no `query` attribute) is split as the request line is.
  const full = attr(t, 'path') ?? target;
  const cut = full !== null && full.includes('?') && attr(t, 'query') === null ? full.indexOf('?') : -1;
  const path = full === null ? null : cut >= 0 ? full.slice(0, cut) : full;
  const query = cut >= 0 ? full!.slice(cut + 1) : attr(t, 'query');
  const status = int(response ? attr(response, 'status') : null) ?? int(/^HTTP\/\S+\s+(\d{3})\b/.exec(res?.firstLine ?? '')?.[1] ?? null);
  const startMs = int(attr(t, 'startTimeMillis'));
  const startText = attr(t, 'startTime');
  const start = startText && !Number.isNaN(Date.parse(startText)) ? startText : startMs !== null ? new Date(startMs).toISOString() : null;
  const endMs = int(attr(t, 'endTimeMillis'));
  const duration = int(attr(t, 'duration')) ?? (startMs !== null && endMs !== null && endMs >= startMs ? endMs - startMs : null);
  const error = errorOf(t);
  const unknown = children(t)
    .filter((c) => !KNOWN_CHILDREN.has(c.tagName) && !/error|exception|failure/i.test(c.tagName))
    .map((c) => `<${c.tagName}> not read`);
  // A body left out is a warning too, not only a note on the exchange.
  unknown.push(...notes.filter((n) => n.endsWith('; left out')));
  const port = int(attr(t, 'port')) ?? int(attr(t, 'actualPort'));
  return {
    json: {
      status: attr(t, 'status'),
      method: attr(t, 'method') ?? line?.[1] ?? undefined,
      scheme: attr(t, 'protocol') ?? 'https',
      host: attr(t, 'host'),
      ...(port !== null ? { port } : {}),
      path,
      query,
      times: { start },
      durations: { total: duration },
      request: req?.out ?? {},
      response: res ? { ...res.out, ...(status !== null ? { status } : {}) } : null,
      ...(error ? { errorMessage: error } : {}),
      ...(notes.length ? { notes } : {}),
    },
    unknown,
  };
}

export function openCharlesXmlSource(path: string, bytes: Buffer, include: (url: string) => boolean): ImportSource {
  // Windows tools save "Unicode" (UTF-16, with a byte-order mark or without): decoded as the HAR reader does.
  let doc: XmlDocument;
  try {
    doc = parseCharlesXml(decodeText(bytes).text);
  } catch (error) {
    const why = (error as Error).message.split('\n')[0]!.slice(0, 160);
    throw new InputError(`${path}: a Charles XML session that is not well-formed XML (${why}); export the session from Charles again`, path);
  }
  const root = doc.documentElement;
  if (!root || root.tagName !== 'charles-session') throw new InputError(`${path}: not a Charles XML session (no <charles-session> root); in Charles, File > Export Session… as an XML Session File`, path);
  const warnings: { ref: string; message: string }[] = [];
  const transactions: Record<string, unknown>[] = [];
  for (const el of children(root)) {
    if (el.tagName !== 'transaction') {
      warnings.push({ ref: `${path}#<${el.tagName}>`, message: `an element <${el.tagName}> that is no transaction; left out` });
      continue;
    }
    const { json, unknown } = transactionOf(el);
    for (const message of unknown) warnings.push({ ref: `${path}#transaction[${transactions.length}]`, message });
    transactions.push(json);
  }
  return readCharlesTransactions(path, bytes, transactions, include, { ref: (i) => `${path}#transaction[${i}]`, name: 'Charles XML session', warnings });
}
