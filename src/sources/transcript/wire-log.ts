/**
 * HTTP clients' wire logs: every write to the socket and every read from it, one quoted piece per line.
 *
 * Ruby's Net::HTTP (`http.set_debug_output($stdout)`), pieces as `String#dump` writes them:
 *
 *     <- "POST /api/v1/authn HTTP/1.1\r\nHost: dev-1.okta.com\r\nContent-Type: application/json\r\n\r\n"
 *     <- "{\"username\":\"jane@example.com\",\"password\":\"…\"}"
 *     -> "HTTP/1.1 200 OK\r\n"
 *     -> "Content-Type: application/json\r\n"
 *     -> "\r\n"
 *     reading 420 bytes...
 *     -> "{\"stateToken\":\"00…\",\"status\":\"MFA_REQUIRED\",…}"
 *
 * Apache HttpClient's `org.apache.http.wire` (4.x and 5.x, after any log layout), CR and LF as `[\r]` `[\n]`
 * and other bytes outside printable ASCII as `[0xNN]`:
 *
 *     … org.apache.http.wire : http-outgoing-0 >> "POST /api/v1/authn HTTP/1.1[\r][\n]"
 *     … org.apache.http.wire : http-outgoing-0 << "HTTP/1.1 401 Unauthorized[\r][\n]"
 *
 * The pieces of one direction are put together into the bytes that crossed the wire, then written out as the
 * raw HTTP they are (the raw HTTP reader reads them, chunked framing included); `lines` maps each line of the
 * rewritten text to the paste's line its first piece came from.
 */
import type { Rewritten } from './python-debug.js';

type Direction = 'out' | 'in';

interface Style {
  name: string;
  /** A wire line: its direction, the connection it names (if any) and the quoted piece's body. */
  piece(line: string): { direction: Direction; connection: string; body: string } | null;
  decode(body: string): string | null;
  /** What the client logs around the pieces that says nothing the pieces do not (connection set-up, byte counts). */
  noise(line: string): boolean;
}

const RUBY: Style = {
  name: "Ruby Net::HTTP's debug output",
  piece(line) {
    const m = /^\s*(<-|->)\s"(.*)"\s*$/.exec(line);
    return m ? { direction: m[1] === '<-' ? 'out' : 'in', connection: '', body: m[2]! } : null;
  },
  decode: decodeRubyDump,
  noise: (line) => /^\s*(?:opening connection to \S+|opened|starting SSL for \S+|SSL established\b.*|reading \d+ bytes\.*|read \d+ bytes|Conn (?:keep-alive|close)|EOF)\s*$/.test(line),
};

const APACHE: Style = {
  name: "Apache HttpClient's wire log",
  piece(line) {
    const m = /(?:^|\s)(?:(http-outgoing-\d+|\[[\w-]+\])\s+)?(>>|<<)\s"(.*)"\s*$/.exec(line);
    if (!m || !(m[1] || /\bwire\b/i.test(line) || /^\s*(?:>>|<<)\s"/.test(line))) return null;
    return { direction: m[2] === '>>' ? 'out' : 'in', connection: m[1] ?? '', body: m[3]! };
  },
  decode: decodeApacheWire,
  // org.apache.http.headers logs the same heads again, unquoted (`http-outgoing-0 >> POST /api/v1/authn HTTP/1.1`),
  // and the client's other loggers (`o.a.h.impl.execchain.MainClientExec : Executing request POST …`) the same calls.
  noise: (line) => /\bhttp-outgoing-\d+\s+(?:>>|<<)\s(?!")/.test(line) || /\b(?:org\.apache\.http|o\.a\.h|org\.apache\.hc\.client5|o\.a\.h\.c\.h)\.(?!wire\b)[\w.]+\s/.test(line),
};

const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/\d(?:\.\d)?$/;

/** The paste with a client's wire log written as raw HTTP; null when it holds none. */
export function rewriteWireLog(raw: string): Rewritten | null {
  if (!/(?:<-|>>) "/.test(raw)) return null;
  const input = raw.split(/\r?\n/);
  for (const style of [RUBY, APACHE]) {
    const out = rewriteWith(style, input);
    if (out) return out;
  }
  return null;
}

function rewriteWith(style: Style, input: readonly string[]): Rewritten | null {
  const out: string[] = [];
  const lines: number[] = [];
  let run: { direction: Direction; connection: string; pieces: { text: string; no: number }[] } | null = null;
  let requests = 0;
  let noise = 0;
  const emit = (text: string, no: number) => {
    out.push(text);
    lines.push(no);
  };
  const flush = () => {
    if (!run) return;
    const { pieces } = run;
    run = null;
    const text = pieces.map((p) => p.text).join('');
    if (REQUEST_LINE.test(text.slice(0, text.search(/\r?\n|$/)))) requests++;
    if (out.length > 0 && out[out.length - 1] !== '') emit('', pieces[0]!.no);
    // Each line of the bytes is the paste's line of the piece it starts in.
    let at = 0;
    let k = 0;
    let consumed = 0;
    const parts = text.split(/(\r?\n)/);
    // The bytes end with the head's CRLF CRLF (a request with no body yet): one blank line ends the head.
    while (parts.length >= 2 && parts[parts.length - 1] === '' && /\n/.test(parts[parts.length - 2]!)) parts.splice(-2, 2);
    for (let i = 0; i < parts.length; i += 2) {
      while (k < pieces.length - 1 && consumed + pieces[k]!.text.length <= at) consumed += pieces[k++]!.text.length;
      emit(parts[i]!, pieces[k]!.no);
      at += parts[i]!.length + (parts[i + 1]?.length ?? 0);
    }
    if (/\r?\n\r?\n$/.test(text)) emit('', pieces[pieces.length - 1]!.no);
  };
  input.forEach((line, i) => {
    const no = i + 1;
    const piece = style.piece(line);
    if (piece) {
      const text = style.decode(piece.body);
      if (text !== null) {
        if (run && (run.direction !== piece.direction || run.connection !== piece.connection)) flush();
        run ??= { direction: piece.direction, connection: piece.connection, pieces: [] };
        run.pieces.push({ text, no });
        return;
      }
    }
    if (style.noise(line)) {
      noise++;
      return;
    }
    if (line.trim() === '' && run) return;
    flush();
    emit(line, no);
  });
  flush();
  if (requests === 0) return null;
  const left = noise ? `; ${noise} ${noise === 1 ? 'line' : 'lines'} of its own about the connection left out` : '';
  return { text: out.join('\n'), lines, note: `${style.name} read as raw HTTP (the pieces of each direction put together)${left}` };
}

/** The body of a Ruby `String#dump` literal: `\"`, `\\`, `\r`, `\n`, `\t`, `\e`, `\#`, `\xNN` (bytes, as UTF-8), `\uXXXX`, `\u{…}`. */
export function decodeRubyDump(body: string): string | null {
  if (!body.includes('\\')) return body;
  const bytes: number[] = [];
  const push = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      if (c.charCodeAt(0) < 0x80) bytes.push(c.charCodeAt(0));
      else push(c);
      continue;
    }
    const next = body[++i];
    const simple: Record<string, number> = { r: 13, n: 10, t: 9, e: 27, a: 7, b: 8, f: 12, v: 11, s: 32, '0': 0 };
    if (next === undefined) return null;
    if (next in simple) bytes.push(simple[next]!);
    else if (next === '\\' || next === '"' || next === "'" || next === '#') bytes.push(next.charCodeAt(0));
    else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      push(String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)));
      i += 4;
    } else if (next === 'u' && body[i + 1] === '{') {
      const end = body.indexOf('}', i);
      const codes = end < 0 ? null : body.slice(i + 2, end).trim().split(/\s+/);
      if (!codes || codes.some((h) => !/^[0-9a-fA-F]{1,6}$/.test(h) || parseInt(h, 16) > 0x10ffff)) return null;
      for (const h of codes) push(String.fromCodePoint(parseInt(h, 16)));
      i = end;
    } else return null;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The body of an Apache wire log piece: `[\r]`, `[\n]`, `[\t]` and `[0xNN]` (bytes, as UTF-8); other text as it is. */
export function decodeApacheWire(body: string): string {
  if (!body.includes('[')) return body;
  const bytes: number[] = [];
  const re = /\[\\r\]|\[\\n\]|\[\\t\]|\[0x([0-9a-fA-F]{1,2})\]|[^[]+|\[/g;
  for (let m; (m = re.exec(body)); ) {
    const t = m[0];
    if (t === '[\\r]') bytes.push(13);
    else if (t === '[\\n]') bytes.push(10);
    else if (t === '[\\t]') bytes.push(9);
    else if (m[1] !== undefined) bytes.push(parseInt(m[1], 16));
    // A loop, not push(...): a run of text may be longer than a call's arguments can be.
    else for (const b of Buffer.from(t, 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}
