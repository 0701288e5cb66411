import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element as XmlElement } from '@xmldom/xmldom';
import type { Redactor } from '../redact/redactor.js';
import { InputError } from '../model/errors.js';
import { child, children, parseCharlesXml, textOf } from '../sources/charles-xml.js';
import { undoContentCoding } from '../sources/har/coding.js';
import { decodeText } from '../sources/har/text-coding.js';
import { maskText } from './burp.js';
import type { Tally } from './tally.js';

/**
 * A Charles XML session with every secret masked, written back as XML (parsed and serialized by xmldom, so
 * the copy is well-formed whatever the masks hold). Each side of a transaction is masked as a raw HTTP
 * message is (first line, headers, body: a base64 body decoded first, a compressed one inflated and written
 * back decoded), and so is its URL (`path`, `query`). Tally places are `transaction[3] request:5`.
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
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-chlsx-'));
  try {
    let i = 0;
    for (const t of children(root, 'transaction')) {
      const place = `transaction[${i++}]`;
      await maskUrl(dir, t, redactor, tally, place);
      for (const side of ['request', 'response'] as const) {
        const el = child(t, side);
        if (el) await maskSide(dir, el, side, redactor, tally, `${place} ${side}`);
      }
    }
    let out = new (await import('@xmldom/xmldom')).XMLSerializer().serializeToString(doc);
    // The copy is UTF-8 whatever the input was, and its declaration says so.
    if (encoding !== 'utf-8') out = out.replace(/^(<\?xml[^>]*?\bencoding=["'])UTF-16(?:LE|BE)?(?=["'])/i, '$1UTF-8');
    yield out.endsWith('\n') ? out : `${out}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `path` and `query` masked as a request line is (tokens in Okta paths, secret query parameters). */
async function maskUrl(dir: string, t: XmlElement, redactor: Redactor, tally: Tally, place: string): Promise<void> {
  const path = t.getAttribute('path') ?? '';
  const query = t.getAttribute('query') ?? '';
  if (path === '' && query === '') return;
  const line = `GET ${path}${query !== '' ? `?${query}` : ''} HTTP/1.1`;
  const masked = await maskText(dir, line, redactor, tally, `${place} url`, false);
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

async function maskSide(dir: string, el: XmlElement, side: 'request' | 'response', redactor: Redactor, tally: Tally, place: string): Promise<void> {
  const block = child(el, 'headers');
  const first = child(block, 'first-line');
  const headers = block ? children(block, 'header').map((h) => ({ h, name: child(h, 'name'), value: child(h, 'value') })) : [];
  const body = child(el, 'body');
  const coding = el.getAttribute('contentEncoding') || headers.find((x) => /^content-encoding$/i.test(x.name?.textContent?.trim() ?? ''))?.value?.textContent?.trim() || undefined;
  let bodyText = '';
  let base64 = false;
  let decoded = false;
  if (body) {
    base64 = (body.getAttribute('encoding') ?? '').toLowerCase() === 'base64';
    if (base64) {
      const bytes = Buffer.from(textOf(body).replace(/\s+/g, ''), 'base64');
      const undone = undoContentCoding(bytes, coding);
      if (undone.bytes === null) {
        // Compressed bytes that do not decode cannot be checked: removed, as the HAR sanitizer removes them.
        el.removeChild(body);
        tally.add(place, [{ where: side === 'request' ? 'request.body' : 'response.body', field: 'undecodable body', preview: '' }]);
      } else {
        decoded = undone.coding !== null;
        bodyText = undone.bytes.toString('utf8');
      }
    } else bodyText = textOf(body);
  }
  const head = [first ? textOf(first).trim() : side === 'request' ? 'GET / HTTP/1.1' : 'HTTP/1.1 200', ...headers.map((x) => `${x.name?.textContent?.trim() ?? ''}: ${x.value ? textOf(x.value) : ''}`)];
  const message = `${head.join('\n')}\n\n${bodyText}`;
  const masked = await maskText(dir, message, redactor, tally, place);
  const split = masked.indexOf('\n\n');
  const maskedHead = (split >= 0 ? masked.slice(0, split) : masked).split('\n');
  const maskedBody = split >= 0 ? masked.slice(split + 2) : '';
  if (maskedHead.length !== head.length) {
    // The masks changed the head's lines: its headers cannot be put back one by one, so they are dropped.
    if (block) el.removeChild(block);
  } else {
    if (first) setText(first, maskedHead[0]!);
    headers.forEach((x, k) => {
      const line = maskedHead[k + 1]!;
      const colon = line.indexOf(': ');
      if (x.value) setText(x.value, colon >= 0 ? line.slice(colon + 2) : '');
    });
  }
  if (body && body.parentNode) {
    if (base64) setText(body, Buffer.from(maskedBody, 'utf8').toString('base64'));
    else setText(body, maskedBody);
    if (decoded) {
      // Written back decoded: the coding no longer applies to the bytes.
      el.removeAttribute('contentEncoding');
      for (const x of headers) if (/^content-(?:encoding|length)$/i.test(x.name?.textContent?.trim() ?? '') && x.h.parentNode) x.h.parentNode.removeChild(x.h);
    }
  }
}
