import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redactor } from '../redact/redactor.js';
import { burpMessageText } from '../sources/burp.js';
import { decodeText } from '../sources/har/text-coding.js';
import { Tally } from './tally.js';
import { sanitizeTextChunks } from './text.js';

/** A raw message of a Burp item: `<request base64="true"><![CDATA[…]]></request>`. */
const MESSAGE = /<(request|response)((?:\s+[\w-]+="[^"]*")*)>(\s*)<!\[CDATA\[([\s\S]*?)\]\]>(\s*)<\/\1>/g;
const MARK = (k: number) => `\u0000authtrail-burp-message-${k}\u0000`;

/**
 * A Burp Suite items export with every secret masked: each raw request and response is decoded (base64,
 * and a gzip/deflate/br body, which is written back decoded with its Content-Encoding dropped), masked as a
 * raw HTTP transcript is, and encoded again; the XML around them (URLs, paths, comments) is masked as text.
 * Tally places are `items[3] request:5` (the item, the side, the line of that message).
 */
export async function* sanitizeBurpChunks(path: string, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  // A UTF-16 export (Windows tools' "Unicode") is decoded; the copy is UTF-8 and its XML declaration says so.
  const { text: decoded, encoding } = decodeText(readFileSync(path));
  const text = encoding === 'utf-8' ? decoded : decoded.replace(/^(\uFEFF?<\?xml[^>]*?\bencoding=["'])UTF-16(?:LE|BE)?(?=["'])/i, '$1UTF-8');
  const dir = mkdtempSync(join(tmpdir(), 'authtrail-burp-'));
  try {
    // Each raw message is set aside (the XML around it keeps a mark) and masked on its own below.
    const messages: { attrs: string; side: string; lead: string; trail: string; item: number; base64: boolean; bytes: Buffer }[] = [];
    let item = -1;
    const outer = text.replace(MESSAGE, (_m, side: string, attrs: string, lead: string, body: string, trail: string) => {
      if (side === 'request') item++;
      const base64 = /\bbase64="true"/.test(attrs);
      messages.push({ attrs, side, lead, trail, item, base64, bytes: base64 ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8') });
      return MARK(messages.length - 1);
    });
    // Each message masked through the text sanitizer, from a private temp file (mode 0600, removed after).
    const masked: string[] = [];
    for (const m of messages) {
      const wrap = (body: string) => `<${m.side}${m.attrs}>${m.lead}<![CDATA[${body}]]>${m.trail}</${m.side}>`;
      if (m.bytes.length === 0) {
        masked.push(wrap(''));
        continue;
      }
      const notes: string[] = [];
      let message = burpMessageText(m.bytes, notes);
      // A compressed body that does not decode (or would expand past the ceiling) cannot be checked: it is
      // removed, as the HAR sanitizer removes one, and counted so that --check lists it.
      if (notes.some((n) => /; read as sent$/.test(n))) {
        const end = message.search(/\r?\n\r?\n/);
        message = end < 0 ? message : message.slice(0, end);
        tally.add(`items[${m.item}] ${m.side}`, [{ where: m.side === 'request' ? 'request.body' : 'response.body', field: 'undecodable body', preview: '' }]);
      }
      const clean = await maskText(dir, message, redactor, tally, `items[${m.item}] ${m.side}`);
      masked.push(wrap(m.base64 ? Buffer.from(clean, 'utf8').toString('base64') : clean.replace(/\]\]>/g, ']]]]><![CDATA[>')));
    }
    const cleanOuter = await maskText(dir, outer, redactor, tally, 'xml');
    yield cleanOuter.replace(/\u0000authtrail-burp-message-(\d+)\u0000/g, (_m, n: string) => masked[Number(n)]!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `text` masked by the text sanitizer; its findings join `tally` under `place:line`. */
/** `unit`: whether the text counts as one unit read (a message); a piece of one (a URL) does not. */
export async function maskText(dir: string, text: string, redactor: Redactor, tally: Tally, place: string, unit = true): Promise<string> {
  const file = join(dir, 'message.txt');
  writeFileSync(file, text, { mode: 0o600 });
  const own = new Tally();
  let out = '';
  for await (const chunk of sanitizeTextChunks(file, redactor, own)) out += chunk;
  for (const loc of own.locations) {
    tally.byField.set(loc.field, (tally.byField.get(loc.field) ?? 0) + 1);
    tally.locations.push({ ...loc, place: `${place}:${loc.place}` });
  }
  if (unit) {
    tally.seen += 1;
    if (own.locations.length > 0) tally.units += 1;
  }
  return out.endsWith('\n') && !text.endsWith('\n') ? out.slice(0, -1) : out;
}
