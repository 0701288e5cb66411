/**
 * What a rewrite of another program's output into raw HTTP gives (python-debug.ts, wire-log.ts): the text the
 * readers read, where each of its lines came from, and the note each exchange read from it carries.
 */
export interface Rewritten {
  text: string;
  /** For each line of `text` (index 0 is line 1), the paste's line number it came from. */
  lines: number[];
  note: string;
}

/**
 * The text a rewrite writes, line by line, with the paste's line each came from: `emit` a line, `apart` a
 * blank line unless the text ends with one (what stands between two messages), `done` the result.
 */
export function rewriteOutput() {
  const out: string[] = [];
  const lines: number[] = [];
  const emit = (text: string, no: number): void => {
    out.push(text);
    lines.push(no);
  };
  const apart = (no: number): void => {
    if (out.length > 0 && out[out.length - 1] !== '') emit('', no);
  };
  const done = (note: string): Rewritten => ({ text: out.join('\n'), lines, note });
  return { emit, apart, done };
}

/** `POST /api/v1/authn HTTP/1.1`: a request's start line, as the bytes on the wire begin. */
export const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/\d(?:\.\d)?$/;

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { r: 13, n: 10, t: 9, e: 27, a: 7, b: 8, f: 12, v: 11, s: 32, '0': 0 };

/**
 * The body of a quoted literal as Ruby's `String#dump` or Python's `repr()` writes it: `\"`, `\'`, `\\`, `\r`,
 * `\n`, `\t`, `\e`, `\#`, `\xNN` (bytes, as UTF-8), `\uXXXX`, `\u{…}`. Null when an escape is none of those.
 */
export function decodeEscaped(body: string): string | null {
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
    if (next === undefined) return null;
    if (next in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[next]!);
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
