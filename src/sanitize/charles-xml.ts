import { readFileSync } from 'node:fs';
import type { Element as XmlElement } from '@xmldom/xmldom';
import type { Redactor } from '../redact/redactor.js';
import { InputError } from '../model/errors.js';
import { child, children, parseCharlesXml, textOf } from '../sources/charles-xml.js';
import { decodeText } from '../sources/har/text-coding.js';
import { maskText } from './burp.js';
import { type StoredBody, readStoredBody, removedBody } from './stored-body.js';
import type { Tally } from './tally.js';

/**
 * A Charles XML session with every secret masked, written back as XML (parsed and serialized by xmldom, so
 * the copy is well-formed whatever the masks hold). Each side of a transaction is masked as a raw HTTP
 * message is (first line, headers, body: a base64 body decoded first, a compressed one inflated, masked and
 * compressed again), and so is its URL (`path`, `query`). Tally places are `transaction[3] request:5`.
 */
export async function* sanitizeCharlesXmlChunks(path: string, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  const { text, encoding } = decodeText(readFileSync(path));
  let doc: ReturnType<typeof parseCharlesXml>;
  try {
    doc = parseCharlesXml(text);
  } catch (error) {
    throw new InputError(`${path}: a Charles XML session that is not well-formed XML (${(error as Error).message.split('\n')[0]!.slice(0, 160)}); export the session from Charles again`, path);
  }
  const root = doc.documentElement;
  if (!root || root.tagName !== 'charles-session') throw new InputError(`${path}: not a Charles XML session (no <charles-session> root)`, path);
  let i = 0;
  for (const t of children(root, 'transaction')) {
    const place = `transaction[${i++}]`;
    maskUrl(t, redactor, tally, place);
    for (const side of ['request', 'response'] as const) {
      const el = child(t, side);
      if (el) maskSide(el, side, redactor, tally, `${place} ${side}`);
    }
  }
  let out = new (await import('@xmldom/xmldom')).XMLSerializer().serializeToString(doc);
  // The copy is UTF-8 whatever the input was, and its declaration says so.
  if (encoding !== 'utf-8') out = out.replace(/^(<\?xml[^>]*?\bencoding=["'])UTF-16(?:LE|BE)?(?=["'])/i, '$1UTF-8');
  yield out.endsWith('\n') ? out : `${out}\n`;
}

/** `path` and `query` masked as a request line is (tokens in Okta paths, secret query parameters). */
function maskUrl(t: XmlElement, redactor: Redactor, tally: Tally, place: string): void {
  const path = t.getAttribute('path') ?? '';
  const query = t.getAttribute('query') ?? '';
  if (path === '' && query === '') return;
  const line = `GET ${path}${query !== '' ? `?${query}` : ''} HTTP/1.1`;
  const masked = maskText(line, redactor, tally, `${place} url`, false);
  const target = /^GET (\S*) HTTP\/1\.1$/.exec(masked)?.[1];
  if (target === undefined) {
    // A mask that changed the line's shape: the URL is dropped rather than written back unchecked.
    t.setAttribute('path', '/');
    t.removeAttribute('query');
    return;
  }
  const cut = query !== '' ? target.indexOf('?') : -1;
  t.setAttribute('path', cut >= 0 ? target.slice(0, cut) : target);
  if (t.hasAttribute('query')) t.setAttribute('query', cut >= 0 ? target.slice(cut + 1) : '');
}

/** An element's content replaced by `text` (CDATA when it had one and the text allows it). */
function setText(el: XmlElement, text: string): void {
  const hadCdata = Array.from(el.childNodes).some((n) => n.nodeType === 4);
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(hadCdata && !text.includes(']]>') ? el.ownerDocument!.createCDATASection(text) : el.ownerDocument!.createTextNode(text));
}

/**
 * One side masked as a raw HTTP message is (first line, headers, body), put back element by element. A
 * base64 body is read as readStoredBody reads it: its coding undone and done again, bytes that are no
 * UTF-8 text kept byte for byte; one that cannot be read is replaced by a placeholder naming why, and counted.
 */
function maskSide(el: XmlElement, side: 'request' | 'response', redactor: Redactor, tally: Tally, place: string): void {
  const block = child(el, 'headers');
  const first = child(block, 'first-line');
  const headers = block ? children(block, 'header').map((h) => ({ h, name: child(h, 'name'), value: child(h, 'value') })) : [];
  const body = child(el, 'body');
  const coding = el.getAttribute('contentEncoding') || headers.find((x) => /^content-encoding$/i.test(x.name?.textContent?.trim() ?? ''))?.value?.textContent?.trim() || undefined;
  const where = side === 'request' ? 'request.body' : 'response.body';
  let stored: StoredBody | null = null;
  let bodyText = '';
  let left = false;
  if (body) {
    if ((body.getAttribute('encoding') ?? '').toLowerCase() === 'base64') {
      stored = readStoredBody(Buffer.from(textOf(body).replace(/\s+/g, ''), 'base64'), coding);
      if ('unread' in stored) {
        tally.leftOut(place, where, stored.unread);
        leaveOut(body, stored.unread);
        stored = null;
        left = true;
      } else bodyText = stored.text;
    } else bodyText = textOf(body);
  }
  const head = [first ? textOf(first).trim() : side === 'request' ? 'GET / HTTP/1.1' : 'HTTP/1.1 200', ...headers.map((x) => `${x.name?.textContent?.trim() ?? ''}: ${x.value ? textOf(x.value) : ''}`)];
  const message = `${head.join('\n')}\n\n${bodyText}`;
  const masked = maskText(message, redactor, tally, place);
  // The masks keep lines one for one: the head's lines come first, then the blank line, then the body's.
  const lines = masked.split('\n');
  const headLines = head.join('\n').split('\n').length;
  const maskedHead = lines.slice(0, headLines);
  const maskedBody = lines.slice(headLines + 1).join('\n');
  const kept = lines.length === message.split('\n').length;
  if (!kept || headLines !== head.length) {
    // A header value over several lines: the headers cannot be put back one by one, so they are dropped.
    if (block) el.removeChild(block);
  } else {
    if (first) setText(first, maskedHead[0]!);
    headers.forEach((x, k) => {
      const line = maskedHead[k + 1]!;
      const colon = line.indexOf(': ');
      if (x.value) setText(x.value, colon >= 0 ? line.slice(colon + 2) : '');
    });
  }
  if (!body || left) return;
  if (!kept) {
    // Never expected (a mask is one line): the body's lines cannot be told apart, so it is left out.
    tally.leftOut(place, where, 'a body whose masked lines could not be put back');
    leaveOut(body, 'a body whose masked lines could not be put back');
    return;
  }
  if (stored === null) {
    if (maskedBody !== bodyText) setText(body, maskedBody);
    return;
  }
  const bytes = stored.back(maskedBody);
  if (bytes !== null) {
    if (maskedBody !== bodyText) setText(body, bytes.toString('base64'));
    return;
  }
  const why = `${stored.coding} whose masked copy could not be compressed again`;
  tally.leftOut(place, where, why);
  leaveOut(body, why);
}

/** A body replaced by the placeholder naming why it was left out, as text (no longer base64). */
function leaveOut(body: XmlElement, what: string): void {
  body.removeAttribute('encoding');
  setText(body, removedBody(what));
}
