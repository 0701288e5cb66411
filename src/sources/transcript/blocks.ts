import { readBody } from './json-block.js';
import { addHeader } from '../../http/headers.js';
import { type Line } from './text.js';
import type { HeaderMap } from '../../model/exchange.js';

/** One side of a pasted exchange, as read from the lines under a `Request:` or `Response:` marker. */
export interface Side {
  /** First line of the block (the marker's line), for warnings. */
  line: number;
  status: number | null;
  headers: HeaderMap;
  body: unknown;
  notes: string[];
  error?: string;
  /** With `error`: the text beyond repair (see BodyResult.unreadable). */
  unreadable?: string;
  /** Lines after the body's JSON document (see BodyResult.rest). */
  rest?: string[];
}

// Prose such as "Notice: the token changed" must not be read as a header, so only header-shaped names count.
const HEADER_NAME =
  /^(?:authorization|accept|cookie|set-cookie|host|origin|referer|user-agent|date|location|server|vary|etag|expires|pragma|connection|content-[a-z-]+|x-[a-z0-9-]+|[a-z0-9]+(?:-[a-z0-9]+)+)$/i;

/**
 * Reads a block's lines: `Name: value` header lines (and a status line) before the body, then the body.
 * `first` is what followed the marker on its own line.
 */
export function readSide(markerLine: number, status: number | null, first: string, rest: Line[]): Side {
  const texts = (first.trim() === '' ? [] : [first]).concat(rest.map((l) => l.text));
  const headers: HeaderMap = {};
  let i = 0;
  let code = status;
  for (; i < texts.length; i++) {
    const t = texts[i]!.trim().replace(/^<\s+/, '');
    if (t === '' && Object.keys(headers).length === 0 && code === status) continue;
    const statusLine = /^(?:HTTP(?:\/\d(?:\.\d)?)?\s+([1-5]\d\d)\b.*|([1-5]\d\d)(?:\s+[A-Za-z][A-Za-z -]*)?)$/i.exec(t);
    if (statusLine && Object.keys(headers).length === 0) {
      code = Number(statusLine[1] ?? statusLine[2]);
      continue;
    }
    const h = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(t);
    if (!h || !HEADER_NAME.test(h[1]!)) break;
    addHeader(headers, h[1]!, h[2]!.trim());
  }
  const body = readBody(texts.slice(i));
  return { line: markerLine, status: code, headers, ...body };
}
