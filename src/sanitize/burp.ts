import { readFileSync } from 'node:fs';
import type { Redactor } from '../redact/redactor.js';
import { decodeText } from '../sources/har/text-coding.js';
import { byteText, readStoredBody, removedBody } from './stored-body.js';
import { Tally } from './tally.js';
import { sanitizeText } from './text.js';

/** A raw message of a Burp item: `<request base64="true"><![CDATA[…]]></request>`. */
const MESSAGE = /<(request|response)((?:\s+[\w-]+="[^"]*")*)>(\s*)<!\[CDATA\[([\s\S]*?)\]\]>(\s*)<\/\1>/g;
const MARK = (k: number) => `\u0000authtrail-burp-message-${k}\u0000`;

/**
 * A Burp Suite items export with every secret masked: each raw request and response is decoded (base64),
 * masked as a raw HTTP transcript is, and encoded again; the XML around them (URLs, paths, comments) is
 * masked as text. A message keeps every byte no mask touched (see maskMessage). Tally places are
 * `items[3] request:5` (the item, the side, the line of that message).
 */
export async function* sanitizeBurpChunks(path: string, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  // A UTF-16 export (Windows tools' "Unicode") is decoded; the copy is UTF-8 and its XML declaration says so.
  const { text: decoded, encoding } = decodeText(readFileSync(path));
  const text = encoding === 'utf-8' ? decoded : decoded.replace(/^(\uFEFF?<\?xml[^>]*?\bencoding=["'])UTF-16(?:LE|BE)?(?=["'])/i, '$1UTF-8');
  // Each raw message is set aside (the XML around it keeps a mark) and masked on its own below.
  const messages: { attrs: string; side: 'request' | 'response'; lead: string; trail: string; item: number; base64: boolean; bytes: Buffer }[] = [];
  let item = -1;
  const outer = text.replace(MESSAGE, (_m, side: 'request' | 'response', attrs: string, lead: string, body: string, trail: string) => {
    if (side === 'request') item++;
    const base64 = /\bbase64="true"/.test(attrs);
    messages.push({ attrs, side, lead, trail, item, base64, bytes: base64 ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8') });
    return MARK(messages.length - 1);
  });
  const masked = messages.map((m) => {
    const wrap = (body: string) => `<${m.side}${m.attrs}>${m.lead}<![CDATA[${body}]]>${m.trail}</${m.side}>`;
    if (m.bytes.length === 0) return wrap('');
    const clean = maskMessage(m.bytes, redactor, tally, `items[${m.item}] ${m.side}`, m.side);
    return wrap(m.base64 ? clean.toString('base64') : clean.toString('utf8').replace(/\]\]>/g, ']]]]><![CDATA[>'));
  });
  const cleanOuter = maskText(outer, redactor, tally, 'xml');
  yield cleanOuter.replace(/\u0000authtrail-burp-message-(\d+)\u0000/g, (_m, n: string) => masked[Number(n)]!);
}

/**
 * A raw HTTP message with its secrets masked, as bytes: the head read one character per byte, the body as
 * readStoredBody reads it (its Content-Encoding undone and done again, bytes that are no UTF-8 text kept
 * byte for byte), both masked together so the rules see the whole message. A body that cannot be read is
 * replaced by a placeholder naming why, and counted.
 */
function maskMessage(bytes: Buffer, redactor: Redactor, tally: Tally, place: string, side: 'request' | 'response'): Buffer {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const at = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : bytes.length;
  const headText = bytes.subarray(0, at).toString('latin1');
  const body = bytes.subarray(at);
  const coding = /^content-encoding:[ \t]*([^\r\n]+)/im.exec(headText)?.[1]?.trim();
  let stored = readStoredBody(body, coding);
  if ('unread' in stored) {
    tally.leftOut(place, side === 'request' ? 'request.body' : 'response.body', stored.unread);
    stored = { text: removedBody(stored.unread), coding: null, back: (t) => Buffer.from(t, 'utf8') };
  }
  const clean = maskText(headText + stored.text, redactor, tally, place);
  // The masks keep lines one for one: the head's lines are the first ones, the body's the rest.
  let cut = headText.endsWith('\n') ? 0 : clean.length;
  for (let n = (headText.match(/\n/g) ?? []).length; n > 0 && cut < clean.length; n--) {
    const nl = clean.indexOf('\n', cut);
    cut = nl < 0 ? clean.length : nl + 1;
  }
  const head = clean.slice(0, cut);
  const headBytes = head === headText ? bytes.subarray(0, at) : byteText(head);
  const bodyBytes = stored.back(clean.slice(cut));
  if (bodyBytes !== null) return Buffer.concat([headBytes, bodyBytes]);
  tally.leftOut(place, side === 'request' ? 'request.body' : 'response.body', `${stored.coding} that could not be compressed again`);
  return Buffer.concat([headBytes, Buffer.from(removedBody(`${stored.coding} whose masked copy could not be compressed again`), 'utf8')]);
}

/** `text` masked by the text sanitizer; its findings join `tally` under `place:line`. */
/** `unit`: whether the text counts as one unit read (a message); a piece of one (a URL) does not. */
export function maskText(text: string, redactor: Redactor, tally: Tally, place: string, unit = true): string {
  const own = new Tally();
  const out = sanitizeText(text, 'message.txt', redactor, own);
  tally.merge(own, place, unit);
  return out;
}
