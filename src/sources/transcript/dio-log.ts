/**
 * Dio's `LogInterceptor` (Dart, Flutter), as `flutter run` or Logcat prints it, each line perhaps behind a
 * log head (`I/flutter (12345): `):
 *
 *     *** Request ***
 *     uri: https://dev-1.okta.com/api/v1/authn
 *     method: POST
 *     responseType: ResponseType.json
 *     headers:
 *      content-type: application/json
 *     data:
 *     {username: jane@example.com, password: …}
 *
 *     *** Response ***
 *     uri: https://dev-1.okta.com/api/v1/authn
 *     statusCode: 200
 *     headers:
 *      content-type: application/json; charset=utf-8
 *     Response Text:
 *     {"stateToken":"00…","status":"MFA_REQUIRED",…}
 *
 * rewritten as the raw HTTP it stands for, which the raw HTTP reader reads (the request's `data:` is a Dart
 * map's text when the app passed a map: the readers take it as the damaged JSON it looks like). Dio's options
 * lines (`responseType:`, `followRedirects:`, timeouts …) are its own, left out and counted in the note.
 * `lines` maps each line of the rewritten text to the paste's line it came from.
 */
import { rewriteOutput, type Rewritten } from './rewritten.js';

const START = /^(.*?)\*\*\* (Request|Response|DioException|DioError) \*\*\*:?\s*(.*)$/;
/** `name: value` of a block's own lines, after the log head. */
const FIELD = /^([A-Za-z][\w -]*?):\s*(.*)$/;

/**
 * A Dart map or list as `toString()` writes it (`{username: jane@example.com, password: x, context: {a: 1}}`:
 * what Dio logs when the app passed a map) as JSON; null when the text is JSON already or not such a value.
 * Values are read up to the next `, `, `}` or `]`; numbers, booleans and null keep their type.
 */
export function dartToJson(text: string): string | null {
  const t = text.trim();
  if (!/^[{[]/.test(t)) return null;
  try {
    JSON.parse(t);
    return null;
  } catch {
    // Not JSON: read it as Dart's text.
  }
  let i = 0;
  const scalar = (value: string) => {
    const v = value.trim();
    return /^(?:-?\d+(?:\.\d+)?|true|false|null)$/.test(v) ? v : JSON.stringify(v);
  };
  const value = (): string | null => {
    if (t[i] === '{' || t[i] === '[') {
      const map = t[i] === '{';
      const close = map ? '}' : ']';
      i++;
      const parts: string[] = [];
      while (i < t.length && t[i] !== close) {
        let key = '';
        if (map) {
          const colon = t.indexOf(': ', i);
          if (colon < 0) return null;
          key = `${JSON.stringify(t.slice(i, colon).trim())}:`;
          i = colon + 2;
        }
        const v = value();
        if (v === null) return null;
        parts.push(key + v);
        if (t.startsWith(', ', i)) i += 2;
        else if (t[i] !== close) return null;
      }
      if (t[i] !== close) return null;
      i++;
      return map ? `{${parts.join(',')}}` : `[${parts.join(',')}]`;
    }
    let end = i;
    while (end < t.length && !t.startsWith(', ', end) && t[end] !== '}' && t[end] !== ']') end++;
    const v = scalar(t.slice(i, end));
    i = end;
    return v;
  };
  const json = value();
  return json !== null && i === t.length ? json : null;
}

/** The paste with its Dio log blocks written as raw HTTP; null when it holds none. */
export function rewriteDioLog(raw: string): Rewritten | null {
  // Cheap test first: most pastes hold no Dio block at all.
  if (!raw.includes('*** Request ***')) return null;
  const input = raw.split(/\r?\n/);
  const { emit, apart, done } = rewriteOutput();
  let requests = 0;
  let own = 0;
  let dart = 0;
  /** In a `*** DioException ***` block, whose lines say what the Response block after it shows. */
  let error = false;
  let errors = 0;
  /** The block being read and the log head its lines carry. */
  let block: { kind: 'request' | 'response'; head: string; at: 'fields' | 'headers' | 'body'; url?: URL; method?: string; status?: string; no: number; headers: [string, number][] } | null = null;
  /** Writes the block's start line and headers once its fields are known (they come in any order). */
  const open = (no: number) => {
    if (!block || block.at !== 'fields') return;
    if (block.kind === 'request') {
      if (!block.url) return;
      apart(block.no);
      emit(`${block.method ?? 'GET'} ${block.url.pathname}${block.url.search} HTTP/1.1`, block.no);
      emit(`Host: ${block.url.host}`, block.no);
      requests++;
    } else {
      if (!block.status) return;
      apart(block.no);
      emit(`HTTP/1.1 ${block.status}`, block.no);
    }
    for (const [header, at] of block.headers) emit(header, at);
    emit('', no);
  };
  input.forEach((line, i) => {
    const no = i + 1;
    const start = START.exec(line);
    if (start) {
      if (block?.at === 'fields' || block?.at === 'headers') block.at = 'fields';
      open(no);
      // An error block (`*** DioException ***`) says what failed; its response, if any, follows as a block of its own.
      error = false;
      if (start[2] === 'Request' || start[2] === 'Response') block = { kind: start[2] === 'Request' ? 'request' : 'response', head: start[1]!, at: 'fields', no, headers: [] };
      else {
        // `*** DioException ***:` then its uri: and message: the status and body come in the Response block after it.
        block = null;
        error = true;
        errors++;
      }
      return;
    }
    if (error) {
      if (line.trim() === '') error = false;
      else return;
    }
    if (!block) return emit(line, no);
    const text = block.head !== '' && line.startsWith(block.head) ? line.slice(block.head.length) : line;
    if (block.at === 'body') {
      // The body ends at a blank line: what follows is the paste's again.
      if (text.trim() === '') {
        emit('', no);
        block = null;
        return;
      }
      if (block.kind === 'request') {
        const json = dartToJson(text);
        if (json !== null) {
          dart++;
          return emit(json, no);
        }
      }
      return emit(text, no);
    }
    if (block.at === 'headers' && /^\s+\S/.test(text)) {
      const h = FIELD.exec(text.trim());
      if (h) block.headers.push([`${h[1]}: ${h[2]!.replace(/^\[(.*)\]$/, '$1')}`, no]);
      return;
    }
    const field = FIELD.exec(text);
    if (!field || text.trim() === '') {
      if (block.at === 'headers') block.at = 'fields';
      open(no);
      block = null;
      return emit(line, no);
    }
    const [, name, value] = field as unknown as [string, string, string];
    block.at = 'fields';
    if (name === 'uri') {
      try {
        block.url = new URL(value.trim());
      } catch {
        own++;
      }
    } else if (name === 'method') block.method = value.trim().toUpperCase();
    else if (name === 'statusCode') block.status = value.trim();
    else if (name === 'headers') block.at = 'headers';
    else if ((name === 'data' && block.kind === 'request') || (name === 'Response Text' && block.kind === 'response')) {
      open(no);
      block.at = 'body';
      const json = block.kind === 'request' && value.trim() !== '' ? dartToJson(value) : null;
      if (json !== null) dart++;
      if (value.trim() !== '') emit(json ?? value, no);
    } else own++;
  });
  if (block) open(input.length);
  if (requests === 0) return null;
  return done(`Dio LogInterceptor output (*** Request *** / *** Response *** blocks) read as raw HTTP${dart ? `; ${dart} request bod${dart === 1 ? 'y' : 'ies'} written as a Dart map read as JSON` : ''}${own ? `; ${own} line${own === 1 ? '' : 's'} of its options left out` : ''}${errors ? `; ${errors} DioException block${errors === 1 ? '' : 's'} left out (the Response block after each shows the status and body)` : ''}`);
}
