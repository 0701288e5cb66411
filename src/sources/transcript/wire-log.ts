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
import { decodeEscaped, REQUEST_LINE, type Rewritten } from './rewritten.js';

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
    // Bare, or through a Logger (`http.set_debug_output(Rails.logger)`: `D, [2024-03-01T10:00:00.123 #1] DEBUG -- : <- "…"`).
    const m = /^(?:.*? -- [\w.-]*: )?\s*(<-|->)\s"(.*)"\s*$/.exec(line);
    return m ? { direction: m[1] === '<-' ? 'out' : 'in', connection: '', body: m[2]! } : null;
  },
  decode: decodeEscaped,
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

/**
 * Writes the bytes each direction sent, piece by piece, as the lines of raw HTTP they are: `piece` adds to the
 * current direction's bytes (a new direction or connection ends them), `line` writes a line of the paste
 * as it is. Each written line names the paste's line its bytes started in.
 */
class WireWriter {
  readonly out: string[] = [];
  readonly lines: number[] = [];
  requests = 0;
  private run: { key: string; pieces: { text: string; no: number }[] } | null = null;

  piece(key: string, text: string, no: number): void {
    if (this.run && this.run.key !== key) this.flush();
    this.run ??= { key, pieces: [] };
    this.run.pieces.push({ text, no });
  }

  get open(): boolean {
    return this.run !== null;
  }

  line(text: string, no: number): void {
    this.flush();
    this.emit(text, no);
  }

  result(note: string): Rewritten | null {
    this.flush();
    return this.requests === 0 ? null : { text: this.out.join('\n'), lines: this.lines, note };
  }

  private emit(text: string, no: number): void {
    this.out.push(text);
    this.lines.push(no);
  }

  flush(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    const { pieces } = run;
    const text = pieces.map((p) => p.text).join('');
    if (REQUEST_LINE.test(text.slice(0, text.search(/\r?\n|$/)))) this.requests++;
    if (this.out.length > 0 && this.out[this.out.length - 1] !== '') this.emit('', pieces[0]!.no);
    const parts = text.split(/(\r?\n)/);
    // The bytes end with the head's CRLF CRLF (a request with no body yet): one blank line ends the head.
    while (parts.length >= 2 && parts[parts.length - 1] === '' && /\n/.test(parts[parts.length - 2]!)) parts.splice(-2, 2);
    let at = 0;
    let k = 0;
    let consumed = 0;
    for (let i = 0; i < parts.length; i += 2) {
      while (k < pieces.length - 1 && consumed + pieces[k]!.text.length <= at) consumed += pieces[k++]!.text.length;
      this.emit(parts[i]!, pieces[k]!.no);
      at += parts[i]!.length + (parts[i + 1]?.length ?? 0);
    }
    if (/\r?\n\r?\n$/.test(text)) this.emit('', pieces[pieces.length - 1]!.no);
  }
}

function rewriteWith(style: Style, input: readonly string[]): Rewritten | null {
  const w = new WireWriter();
  let noise = 0;
  input.forEach((line, i) => {
    const no = i + 1;
    const piece = style.piece(line);
    if (piece) {
      const text = style.decode(piece.body);
      if (text !== null) return w.piece(`${piece.direction} ${piece.connection}`, text, no);
    }
    if (style.noise(line)) {
      noise++;
      return;
    }
    if (line.trim() === '' && w.open) return;
    w.line(line, no);
  });
  const left = noise ? `; ${noise} ${noise === 1 ? 'line' : 'lines'} of its own about the connection left out` : '';
  return w.result(`${style.name} read as raw HTTP (the pieces of each direction put together)${left}`);
}

/** `=> Send header, 158 bytes (0x9e)`: a section of curl's --trace or --trace-ascii output (after --trace-time's time). */
const TRACE_SECTION = /^\s*(?:\d\d:\d\d:\d\d\.\d+\s+)?(=>|<=) (Send|Recv) (header|data|SSL data), (\d+) bytes? \(0x[0-9a-f]+\)\s*$/;
const TRACE_INFO = /^\s*(?:\d\d:\d\d:\d\d\.\d+\s+)?== Info:/;
/** `0000: 50 4f 53 54 …  POST …` (--trace) or `0000: POST /api/v1/authn HTTP/1.1` (--trace-ascii). */
const TRACE_DATA = /^([0-9a-f]{4,}): ?(.*)$/;
const TRACE_HEX = /^((?:[0-9a-f]{2} ){1,16})/;

/**
 * curl's `--trace-ascii` and `--trace` output: sections (`=> Send header, 158 bytes`, `<= Recv data, 260 bytes`),
 * each a dump of its bytes at their offsets. --trace-ascii drops the line breaks it ends a line at and cuts long
 * lines at 64 characters: the offsets say which (the next line starting 2 bytes further than this one's text
 * ends was a CRLF). --trace writes the bytes in hex, which is read instead. TLS records and `== Info:` lines are
 * left out and counted.
 */
export function rewriteCurlTrace(raw: string): Rewritten | null {
  if (!/(?:=>|<=) (?:Send|Recv) (?:header|data)/.test(raw)) return null;
  const input = raw.split(/\r?\n/);
  const w = new WireWriter();
  let left = 0;
  for (let i = 0; i < input.length; i++) {
    const section = TRACE_SECTION.exec(input[i]!);
    if (!section) {
      if (TRACE_INFO.test(input[i]!)) left++;
      else if (!(input[i]!.trim() === '' && w.open)) w.line(input[i]!, i + 1);
      continue;
    }
    const [, , way, kind, size] = section as unknown as [string, string, string, string, string];
    // The section's dump: its offset lines, up to the next section or other line.
    const rows: { offset: number; text: string; no: number }[] = [];
    while (i + 1 < input.length && TRACE_DATA.test(input[i + 1]!) && !TRACE_SECTION.test(input[i + 1]!)) {
      const m = TRACE_DATA.exec(input[++i]!)!;
      rows.push({ offset: parseInt(m[1]!, 16), text: m[2]!, no: i + 1 });
    }
    if (kind === 'SSL data') {
      left++;
      continue;
    }
    if (rows.length > 0 && rows.every((r) => TRACE_HEX.test(r.text))) {
      // --trace: the bytes in hex, decoded as UTF-8 once the section is whole (a character may span two rows).
      const bytes = rows.flatMap((r) => TRACE_HEX.exec(r.text)![1]!.trim().split(' ').map((h) => parseInt(h, 16)));
      w.piece(way === 'Send' ? 'out' : 'in', Buffer.from(bytes).toString('utf8'), rows[0]!.no);
      continue;
    }
    const total = Number(size);
    rows.forEach((row, k) => {
      // The bytes this line stood for beyond its text were the line break it was cut at.
      const gap = (rows[k + 1]?.offset ?? total) - row.offset - row.text.length;
      w.piece(way === 'Send' ? 'out' : 'in', row.text + (gap >= 2 ? '\r\n' : gap === 1 ? '\n' : ''), row.no);
    });
  }
  const note = `curl's --trace output read as raw HTTP (each direction's sections put together)${left ? `; ${left} ${left === 1 ? 'line' : 'lines'} of connection info and TLS records left out` : ''}`;
  return w.result(note);
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

/** Ruby's `String#dump` escapes (see decodeEscaped). */
export const decodeRubyDump = decodeEscaped;
