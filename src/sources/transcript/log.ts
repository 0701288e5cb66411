import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { RawExchange } from '../../model/exchange.js';
import { groupCopies } from './groups.js';
import { HANDLER_REQUEST, handlerStatus, isInnerSend, readsAsAnswer } from './log-dotnet.js';
import { loggerPrefix, sideBody } from './log-sides.js';
import { type BodyResult, bodyWarnings, readBody, unreadableBodies } from './json-block.js';
import { inferStatus } from './status.js';
import { proseCall, remarkCall } from './prose-calls.js';
import { type Line, toLines } from './text.js';
import type { TextImport } from './types.js';
import { normalizeUrl } from './url.js';
import { pathOf } from '../../http/url.js';

/** A request the log lines name, with the texts of its bodies (read only once the entry is kept: detection counts). */
interface Entry {
  line: Line;
  /**
   * A log that writes each side's head, then its body on a line of its own (OkHttp's `--> POST url` and
   * `<-- 200 OK url (12ms)`, Python http.client's `send: b'POST …'` and `reply: 'HTTP/1.1 200 OK'`): a body
   * line belongs to the side being logged.
   */
  side?: 'request' | 'response';
  /** What the logger writes in front of the side's head, to read its body lines without it. */
  prefix?: RegExp | null;
  method: string;
  url: string;
  request: string | null;
  status: number | null;
  response: string | null;
  responseLine: number | null;
  /** JSON objects on the request's line after its answer, which name no call: counted in a warning. */
  unread?: number;
  /** Opened by .NET's HttpClient handlers (see log-dotnet.ts): statuses on lines of their own, no bodies. */
  handler?: boolean;
  /** The response body is one the application logged after the call, not the HTTP log's. */
  appLogged?: boolean;
}

/** An entry with its bodies read. */
interface ReadEntry extends Omit<Entry, 'request' | 'response'> {
  request: BodyResult | null;
  response: BodyResult | null;
}

const METHOD_URL = /\b(GET|POST|PUT|PATCH|DELETE)\s+((?:https?:\/\/\S+)?\/api\/v\d+\/\S+)/;
// A key starts where no word does: otherwise every position of a long word run rescans it (quadratic on a huge line).
const KV = /(?<![\w.])([A-Za-z][\w.]*)=("(?:[^"\\]|\\.)*"|\S+)/g;
const RESPONSE_WORD = /\b(?:HTTP\s+Res|Res(?:ponse)?\s*[:=]|Response\b|failed status)/i;
const STATUS = /(?:\bstatus(?:\s*code)?\s*(?:[:=]\s*)?"?|\bResponse\s*(?::\s*)?|failed status\s*:\s*)([1-5]\d\d)\b/i;
/** Spring's RestTemplate at DEBUG: `Writing [{username=jo@acme.com, password=…}] with …`, a Java Map's toString. */
const JAVA_WRITE = /\b(?:Writing|Encoding) \[(\{.*\})\](?: as | with |\s*$)/;
/** Spring WebClient's Jackson decoder at DEBUG: the response body as a Java Map (`Decoded [{status=SUCCESS, …}]`). */
const JAVA_DECODED = /\bDecoded \[(\{.*\})\]\s*$/;
/**
 * OkHttp's HttpLoggingInterceptor (Android, Retrofit): `--> POST url`, its headers and body, `<-- 403 Forbidden
 * url (95ms)`; Python's http.client at debuglevel 1 (what `requests` prints with it): `send: b'POST /path
 * HTTP/1.1\r\nHost: …'`, `send: b'{…}'`, `reply: 'HTTP/1.1 403 Forbidden\r\n'`, `header: …`.
 */
const SIDES_REQUEST = /-->\s+(?:GET|POST|PUT|PATCH|DELETE)\s|\bsend:\s*b['"](?:GET|POST|PUT|PATCH|DELETE)\s/;
const SIDES_RESPONSE = /<--\s+([1-5]\d\d)\b|\breply:\s*['"](?:HTTP\/\S+\s+)?([1-5]\d\d)\b/;
/** Python's repr of the bytes sent: `send: b'{"a": 1}'`. */
const SENT_BYTES = /\bsend:\s*b(['"])(.*)\1\s*$/;
/** The Host header inside http.client's request line: `\r\nHost: acme.okta.com\r\n`. */
const SENT_HOST = /\\r\\nHost:\s*([^\s\\]+)/i;

/**
 * Reads the debug lines of CLIs and SDKs: logrus (`HTTP Req URL="…" method=POST`, `HTTP Res Status="200 OK"`,
 * `HTTP Res Body="{…}"`), `key=value` lines with method/url/status/body, SDK lines with `Request: POST url {…}`
 * and `Response: 200 {…}` on one line, `Error response: {…}` then `failed status: 401`, OkHttp's logging
 * interceptor and Python http.client's debug output (one side, then its body on a line of its own: see
 * SIDES_REQUEST), Spring RestTemplate's `HTTP POST url`, `Writing [{…}]`, `Response 200 OK`. Timestamps and
 * logger names in front are ignored: each line is searched, not parsed from its start.
 */
export function parseLogTranscript(text: string, file: string): TextImport {
  const found = findLogEntries(toLines(text));
  if (found.length === 0) {
    throw new InputError(`${file}: no Okta authn request/response found; expected log lines naming a method and an /api/v1/authn URL`, file);
  }
  const report = newReport('log requests');
  report.found = found.length;
  const exchanges: RawExchange[] = [];
  const unreadable: RawExchange[] = [];
  const entries: ReadEntry[] = found.map((e) => ({ ...e, request: readText(e.request), response: readText(e.response) }));
  entries.forEach((e, k) => {
    const broken = e.request?.error ? 'request' : e.response?.error ? 'response' : null;
    if (broken) {
      const at = broken === 'response' ? e.responseLine ?? e.line.no : e.line.no;
      report.warnings.push({ ref: `${file}:${at} (request ${k + 1})`, message: `${broken} JSON could not be repaired; request left out` });
      unreadable.push(toExchange(e, file, k + 1));
      return;
    }
    for (const message of bodyWarnings('request', e.request, false)) report.warnings.push({ ref: `${file}:${e.line.no} (request ${k + 1})`, message });
    for (const message of bodyWarnings('response', e.response)) report.warnings.push({ ref: `${file}:${e.responseLine ?? e.line.no} (request ${k + 1})`, message });
    if (e.unread) {
      report.warnings.push({ ref: `${file}:${e.line.no} (request ${k + 1})`, message: `${e.unread} more JSON object(s) after the answer on this line name no call of their own; not read (give each call its method and URL)` });
    }
    exchanges.push(toExchange(e, file, k + 1));
  });
  groupCopies(exchanges);
  report.imported = exchanges.length;
  return { exchanges, report, unreadable };
}

/** A raw HTTP request line alone on its line, maybe behind curl -v's `>` mark. */
const BARE_REQUEST_LINE = /^\s*(?:>\s*)?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d(?:\.\d)?\s*$/;

/**
 * The request line a verbose client prints of the call just named (`curl -v`'s `> POST /api/v1/authn HTTP/2`,
 * `http -v`'s `POST /api/v1/authn HTTP/1.1` under the command): the same call, not another one. Only while
 * that call has no answer yet, and never after another bare request line (two of them are two calls).
 */
function isEcho(text: string, open: Entry, method: string, url: string): boolean {
  if (!BARE_REQUEST_LINE.test(text) || BARE_REQUEST_LINE.test(open.line.text)) return false;
  if (open.status !== null || open.response !== null || open.side) return false;
  return open.method === method.toUpperCase() && pathOf(normalizeUrl(open.url).url) === pathOf(normalizeUrl(url).url);
}

/**
 * The status an access or request log writes right after the call (morgan's `POST /api/v1/authn 200 12.3 ms
 * - 512`, `[info] POST https://… -> 200 {…}`, nginx's and Apache's `"POST /api/v1/authn HTTP/1.1" 403 112`),
 * or null. Only there: a number further on (`{…} 200 45ms` after a request body) is not read as one.
 */
function statusAfterUrl(text: string, named: RegExpExecArray): number | null {
  const after = text.slice(named.index + named[0].length);
  const m = /^\s*(?:HTTP\/\d(?:\.\d)?"?\s+|(?:->|=>|→|-|:)\s*)?([1-5]\d\d)(?![\d.:/-]|\s*(?:ms|bytes|s)\b)/.exec(after);
  return m ? Number(m[1]) : null;
}

/** A body text found on a log line, read; null when the entry had none. */
function readText(body: string | null): BodyResult | null {
  return body === null ? null : readBody(body.split('\n'));
}

/** The requests the log lines name, each with the body, status and response body of the lines after it. */
export function findLogEntries(lines: Line[]): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kv = pairs(line.text);
    const named = METHOD_URL.exec(line.text);
    const url = kv.url ?? kv.URL ?? named?.[2];
    const method = kv.method ?? named?.[1];
    const status = STATUS.exec(line.text);
    const body = kv.body ?? kv.Body ?? inlineJson(line.text);
    // A sentence about a call (`Then I noticed that POST /api/v1/authn/… returns 403`) is no request, nor anyone's answer.
    // So is one a wrap carries onto the next line or that ends at the URL, with no body or answer below (see remarkCall).
    if (named && body === undefined && !kv.url && !kv.URL && !kv.method && (proseCall(line) || remarkCall(lines, i))) continue;
    if (url && method && /\/api\/v\d+\//.test(url)) {
      const open = out[out.length - 1];
      if (open && (isInnerSend(line.text, open, method, url) || isEcho(line.text, open, method, url))) continue;
      const e: Entry = { line, method: method.toUpperCase(), url, request: null, status: null, response: null, responseLine: null };
      if (HANDLER_REQUEST.test(line.text)) e.handler = true;
      const head = SIDES_REQUEST.exec(line.text);
      if (head) {
        e.side = 'request';
        e.prefix = loggerPrefix(line.text, head.index);
        const host = SENT_HOST.exec(line.text)?.[1];
        if (host && e.url.startsWith('/')) e.url = `https://${host}${e.url}`;
      }
      out.push(e);
      const shown = status || !named || kv.url || kv.URL ? null : statusAfterUrl(line.text, named);
      if (status || shown) {
        e.status = shown ?? Number(status![1]);
        if (body !== undefined) e.response = body;
        e.responseLine = line.no;
      } else if (body !== undefined) {
        e.request = body;
        const answered = answerOnLine(line.text);
        if (answered !== undefined) {
          e.response = answered.answer;
          e.responseLine = line.no;
          if (answered.more > 0) e.unread = answered.more;
        }
      }
      continue;
    }
    const current = out[out.length - 1];
    if (!current) continue;
    if (current.handler) {
      const answered = handlerStatus(line.text);
      if (answered !== null) {
        current.status ??= answered;
        current.responseLine ??= line.no;
        continue;
      }
      if (body !== undefined && current.status !== null && current.response === null && readsAsAnswer(body, current.status)) {
        current.response = body;
        current.responseLine = line.no;
        current.appLogged = true;
        continue;
      }
    }
    if (current.side) {
      const answered = SIDES_RESPONSE.exec(line.text);
      if (answered) {
        current.side = 'response';
        current.status = Number(answered[1] ?? answered[2]);
        current.responseLine = line.no;
        current.prefix = loggerPrefix(line.text, answered.index);
        continue;
      }
      const block = sideBody(lines, i, current.prefix ?? null);
      if (block) {
        if (current.side === 'request') current.request ??= block.text;
        else current.response ??= block.text;
        i = block.next - 1;
      } else if (body !== undefined) {
        const sent = SENT_BYTES.exec(line.text)?.[2] ?? body;
        if (current.side === 'request') current.request ??= sent;
        else current.response ??= body;
      }
      continue;
    }
    const decoded = current.status !== null && current.response === null ? JAVA_DECODED.exec(line.text) : null;
    if (decoded) {
      current.response = JSON.stringify(javaMap(decoded[1]!));
      current.responseLine ??= line.no;
      continue;
    }
    if (RESPONSE_WORD.test(line.text) || (status && current.request !== null)) {
      if (status) current.status = Number(status[1]);
      if (body !== undefined) current.response = body;
      current.responseLine ??= line.no;
    } else if (body !== undefined && /\bReq(?:uest)?\b/i.test(line.text)) current.request = body;
    else if (current.request === null && current.status === null) {
      const written = JAVA_WRITE.exec(line.text);
      if (written) current.request = JSON.stringify(javaMap(written[1]!));
    }
  }
  return out;
}

/**
 * A Java Map's toString (`{username=a@b.c, password=x, nested={k=v}, list=[a, b]}`) as the object it prints.
 * Values are strings (`null` is null); what does not read as a map stays the text.
 */
export function javaMap(text: string): unknown {
  let i = 0;
  /** Past the `, ` between items. */
  const skipComma = () => {
    if (text[i] === ',') i += text[i + 1] === ' ' ? 2 : 1;
  };
  // Nesting past this is read as text: a hostile log of 100,000 `{` would overflow the stack.
  const MAX_DEPTH = 64;
  let level = 0;
  const value = (stops: string): unknown => {
    if (level < MAX_DEPTH && text[i] === '{') return map();
    if (level < MAX_DEPTH && text[i] === '[') {
      i++;
      level++;
      const list: unknown[] = [];
      while (i < text.length && text[i] !== ']') {
        const before = i;
        list.push(value(',]'));
        if (i === before) i++;
        skipComma();
      }
      i++;
      level--;
      return list;
    }
    const from = i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && depth > 0) depth--;
      else if (depth === 0 && stops.includes(c)) break;
    }
    const raw = text.slice(from, i);
    return raw === 'null' ? null : raw;
  };
  const map = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    i++;
    level++;
    while (i < text.length && text[i] !== '}') {
      const eq = text.indexOf('=', i);
      if (eq < 0) break;
      const key = text.slice(i, eq).trim();
      i = eq + 1;
      out[key] = value(',}');
      skipComma();
    }
    i++;
    level--;
    return out;
  };
  return text.startsWith('{') ? map() : text;
}

/**
 * `key=value` pairs of a line; quoted values are unescaped (`Body="{\"a\":1}"` gives `{"a":1}`). A value that
 * opens a JSON document (`body={"status": "MFA_REQUIRED", …}`) runs to where it closes, spaces and all, or to
 * the end of the line when it never does (a truncated body, left to repair), also inside Python's repr quotes
 * (`body='{…}'`); its members are not pairs.
 */
function pairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const kv = new RegExp(KV.source, 'g');
  for (let m = kv.exec(text); m !== null; m = kv.exec(text)) {
    const v = m[2]!;
    const at = m.index + m[0].length - v.length;
    if (/^[{[]/.test(v)) {
      const end = closingAt(text, at);
      out[m[1]!] = end < 0 ? text.slice(at).trimEnd() : text.slice(at, end);
      kv.lastIndex = end < 0 ? text.length : end;
    } else if (/^'[{[]/.test(v) && text[closingAt(text, at + 1)] === "'") {
      // Python's repr of the body text: body='{"status": "SUCCESS"}'.
      const end = closingAt(text, at + 1);
      out[m[1]!] = text.slice(at + 1, end);
      kv.lastIndex = end + 1;
    } else out[m[1]!] = v.startsWith('"') ? v.slice(1, -1).replace(/\\(["\\])/g, '$1') : v;
  }
  return out;
}

/** The JSON object written on the line after the URL or the marker, if any. */
function inlineJson(text: string): string | undefined {
  const i = text.search(/[{[]\s*"/);
  if (i < 0) return undefined;
  // The object alone when it closes on the line (prose or a log's timing may follow it), else the rest to repair.
  const end = closingAt(text, i);
  return end < 0 ? text.slice(i) : text.slice(i, end);
}

/**
 * A second JSON object on a request's line, after a word that says it came back: a question's sentence
 * `I POST …/authn with {…} and Okta returns {…}`. Undefined when there is none.
 */
function answerOnLine(text: string): { answer: string; more: number } | undefined {
  const i = text.search(/[{[]\s*"/);
  if (i < 0) return undefined;
  const end = closingAt(text, i);
  if (end < 0) return undefined;
  const rest = text.slice(end);
  const m = /\b(?:returns?|returned|gets?|got|responds?|responded|answers?|answered|response(?: is)?|back)\b[^{[]{0,40}?([{[]\s*")/i.exec(rest);
  if (!m) return undefined;
  const at = end + m.index + m[0].length - m[1]!.length;
  const close = closingAt(text, at);
  if (close < 0) return undefined;
  // Objects after the answer (`Then I call it again and get {…}`) name no call of their own: counted, not read.
  let more = 0;
  for (let from = close; ; more++) {
    const j = text.slice(from).search(/[{[]\s*"/);
    const to = j < 0 ? -1 : closingAt(text, from + j);
    if (to < 0) break;
    from = to;
  }
  return { answer: text.slice(at, close), more };
}

/** Where the object or array opened at `start` closes (just past it), strings and escapes skipped; -1 if it does not. */
export function closingAt(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function toExchange(e: ReadEntry, file: string, n: number): RawExchange {
  const url = normalizeUrl(e.url);
  const notes = [...(url.note ? [url.note] : []), ...(e.request?.notes ?? []).map((x) => `request: ${x}`)];
  let status = e.status;
  if (e.appLogged) notes.push(`response body from the application's log line ${e.responseLine} after the call, not from the HTTP log`);
  if (e.response) notes.push(...e.response.notes.map((x) => `response: ${x}`));
  if (status === null && e.response) {
    const inferred = inferStatus(e.response.body);
    status = inferred.status;
    notes.push(inferred.note);
  }
  if (status === null) notes.push('no response in the transcript');
  return {
    method: e.method,
    url: url.url,
    requestHeaders: {},
    requestBody: e.request?.body ?? null,
    responseStatus: status,
    responseHeaders: {},
    responseBody: e.response?.body ?? null,
    transportError: null,
    startedAt: null,
    durationMs: null,
    sourceRef: `${file}:${e.line.no}`,
    group: 't1',
    label: String(n),
    notes,
    ...unreadableOf(e),
  };
}

/** The entry's bodies beyond repair, for their secrets (RawExchange.unreadable). */
function unreadableOf(e: ReadEntry): Pick<RawExchange, 'unreadable'> {
  const unreadable = unreadableBodies(e.request, e.response);
  return unreadable ? { unreadable } : {};
}
