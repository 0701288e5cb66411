import { isCommandStart } from './curl-commands.js';
import type { Line } from './text.js';

/** One raw HTTP message found in the text: its start line and every line up to the next message. */
export interface HttpMessage {
  kind: 'request' | 'response';
  line: Line;
  /** Start line without a curl -v `>`/`<` prefix. */
  start: string;
  lines: Line[];
}

const REQUEST_LINE = /^\s*(?:>\s*)?((?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d(?:\.\d)?)\s*$/;
const STATUS_LINE = /^\s*(?:<\s*)?(HTTP\/\d(?:\.\d)?\s+[1-5]\d\d\b.*?)\s*$/;

const MARKED = /^\s*[<>]/;
const CURL_INFO = /^\s*(?:\*\s|[{}] \[\d+ bytes data\])/;

export function findHttpMessages(lines: Line[]): HttpMessage[] {
  const found: { kind: HttpMessage['kind']; index: number; start: string }[] = [];
  lines.forEach((l, index) => {
    const req = REQUEST_LINE.exec(l.text);
    if (req) found.push({ kind: 'request', index, start: req[1]! });
    const res = req ? null : STATUS_LINE.exec(l.text);
    if (res) found.push({ kind: 'response', index, start: res[1]! });
  });
  return found.map((m, k) => {
    const limit = found[k + 1]?.index ?? lines.length;
    // A command typed after the message (the next `curl -v`, `http -v`) is not part of its body.
    let end = m.index + 1;
    while (end < limit && !isCommandStart(lines[end]!.text)) end++;
    let own = lines.slice(m.index + 1, end);
    // curl -v's own lines (`* Connection #0 … left intact`, `{ [5 bytes data]`) are no part of a message it marked.
    if (MARKED.test(lines[m.index]!.text)) own = own.filter((l) => !CURL_INFO.test(l.text));
    return { kind: m.kind, line: lines[m.index]!, start: m.start, lines: own };
  });
}

/** Splits a message's lines into header lines (folded continuations joined) and body lines. */
export function splitHead(lines: Line[]): { headers: string[]; body: Line[] } {
  const headers: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const t = lines[i]!.text.replace(/^\s*[<>]\s?/, '');
    if (t.trim() === '') {
      i++;
      break;
    }
    if (/^[ \t]/.test(t) && headers.length) headers[headers.length - 1] += ` ${t.trim()}`;
    else if (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*:/.test(t)) headers.push(t.trim());
    else break;
  }
  const body = lines.slice(i);
  // Insomnia's timeline writes a request's body as `| ` lines right after its `> ` headers.
  if (/^\s*\|/.test(body[0]?.text ?? '')) {
    const end = body.findIndex((l) => !/^\s*\|/.test(l.text));
    return { headers, body: body.slice(0, end < 0 ? body.length : end).map((l) => ({ ...l, text: l.text.replace(/^\s*\|\s?/, '') })) };
  }
  return { headers, body };
}
