import { addHeader } from '../../http/headers.js';
import { type CurlRequest, emptyRequest, placeholdersIn } from './curl-args.js';
import { mergeMembers, type Print, type Printed, matchPrints, readPrint } from './printed.js';
import { closingLine, plainValue, ScriptReader, ScriptScope, shown, Unknown } from './script-values.js';
import type { Line } from './text.js';

/**
 * Python scripts pasted with what they printed: `requests` and `httpx` calls (`requests.post(url, json={…})`,
 * a `requests.Session()` / `httpx.Client()` variable's `.post(…)`, `requests.request("POST", url, …)`), their
 * URL, `json=`, `data=`, `headers=`, `params=` and `auth=` written as Python writes them (dicts, f-strings,
 * names set on the lines before, `r.json()["stateToken"]` from an earlier call's response), and the output
 * of `print(r.status_code)`, `print(r.json())`, `print(r.status_code, r.text)` or `<Response [403]>`.
 */

const LIBRARY = /\b(?:requests|httpx)\b/;
const METHODS = 'get|post|put|patch|delete|head|options|request';
/** `s = requests.Session()`, `client = httpx.Client(…)`, `async with httpx.AsyncClient() as client:`. */
const SESSION = /(?:^|\s)(\w+)\s*=\s*(?:requests\.(?:Session|session)|httpx\.(?:Client|AsyncClient))\(|(?:requests\.Session|httpx\.(?:Client|AsyncClient))\([^)]*\)\s+as\s+(\w+)/;

/** The names that stand for a library or a session in these lines: `requests`, `httpx`, and session variables. */
export function pythonReceivers(lines: Line[]): Set<string> {
  const names = new Set<string>();
  const text = lines.map((l) => l.text).join('\n');
  if (!LIBRARY.test(text)) return names;
  names.add('requests').add('httpx');
  for (const line of lines) {
    const m = SESSION.exec(line.text);
    if (m) names.add((m[1] ?? m[2])!);
  }
  return names;
}

/** A line that calls one of `receivers`' request methods: `r = s.post(`, `>>> requests.get(`, `resp = await client.post(`. */
export function isPythonCall(text: string, receivers: ReadonlySet<string>): boolean {
  if (receivers.size === 0) return false;
  const m = new RegExp(`^\\s*(?:>>>\\s*|\\.\\.\\.\\s*)?(?:(?:\\w+)\\s*=\\s*)?(?:await\\s+)?(\\w+)\\.(?:${METHODS})\\(`).exec(text);
  return m !== null && receivers.has(m[1]!);
}

/** Index just after the line where the call's parentheses close (Python strings and comments skipped); `limit` if they never do. */
export function pythonCallEnd(lines: Line[], start: number, limit: number): number {
  return closingLine(lines, start, limit, '#');
}

/** What an earlier call returned: `r.json()` is its body, `r.status_code` its status, `r.text` the body's text. */
export class PythonResponse {
  constructor(
    readonly body: unknown,
    readonly status: number | null,
  ) {}
}

/** Names set in the paste, in order (see ScriptScope). */
export { ScriptScope as PythonScope };
type PythonScope = ScriptScope;

/** Reads Python expressions: literals, dicts, lists, f-strings, names, `x["k"]`, `x.get("k")`, `r.json()`. */
class Reader extends ScriptReader {
  /** A term, then `+ term` as Python adds strings: `base + "/api/v1/authn"`. */
  expression(): unknown {
    return this.sum((a, b) => (typeof a === 'string' && typeof b === 'string' ? a + b : new Unknown(`${textOf(a)} + ${textOf(b)}`)));
  }

  protected term(): unknown {
    this.space();
    const from = this.i;
    let value = this.atom();
    for (;;) {
      this.space();
      const s = this.s;
      const before = value;
      if (s[this.i] === '[') {
        this.i++;
        const key = this.expression();
        this.space();
        if (s[this.i] === ']') this.i++;
        value = member(value, key);
      } else if (s[this.i] === '.' && /^\.\w+/.test(s.slice(this.i))) {
        const name = /^\.(\w+)/.exec(s.slice(this.i))![1]!;
        this.i += name.length + 1;
        this.space();
        const args = s[this.i] === '(' ? this.callArgs() : null;
        value = attribute(value, name, args);
      } else return value;
      // A member the value the paste shows does not hold (an earlier response printed in part): named by the
      // expression that asks for it, `r.json()["_embedded"]["factors"][0]["id"]`, not by the missing key alone.
      if (value instanceof Unknown && !(before instanceof Unknown)) value = new Unknown(s.slice(from, this.i).trim());
    }
  }

  /** `(a, b=c)`: the positional arguments (keywords are skipped: `.get(k, default)` needs only positions). */
  private callArgs(): unknown[] {
    return this.argumentList((args) => {
      const kw = /^(\w+)\s*=(?!=)/.exec(this.s.slice(this.i));
      if (kw) this.i += kw[0].length;
      const v = this.expression();
      if (!kw) args.push(v);
    });
  }

  private atom(): unknown {
    const c = this.peek();
    const s = this.s;
    if (c === undefined) return new Unknown('');
    if (c === '{' || c === '[' || c === '(') return this.container(c);
    const str = /^([rRbBuUfF]{0,2})(["'])/.exec(s.slice(this.i));
    if (str) {
      this.i += str[1]!.length;
      return this.string(/f/i.test(str[1]!));
    }
    const number = this.number();
    if (number !== null) return number;
    const name = /^[A-Za-z_]\w*/.exec(s.slice(this.i));
    if (name) {
      this.i += name[0].length;
      if (name[0] === 'True') return true;
      if (name[0] === 'False') return false;
      if (name[0] === 'None') return null;
      if (name[0] === 'os' && /^\.(?:environ|getenv)/.test(s.slice(this.i))) {
        // os.environ["X"], os.getenv("X"): not in the paste.
        const m = /^\.(?:environ\s*\[\s*|getenv\(\s*)(["'])(\w+)\1\s*[\])]/.exec(s.slice(this.i));
        if (m) {
          this.i += m[0].length;
          return new Unknown(`os.environ["${m[2]}"]`);
        }
      }
      return this.scope.get(name[0]);
    }
    this.i++;
    return new Unknown(c);
  }

  private container(open: string): unknown {
    const close = open === '{' ? '}' : open === '[' ? ']' : ')';
    this.i++;
    const items: unknown[] = [];
    const dict: Record<string, unknown> = {};
    let isDict = open === '{';
    let tuple = open !== '(';
    for (;;) {
      this.separators();
      if (this.s[this.i] === close || this.i >= this.s.length) break;
      const v = this.expression();
      this.space();
      if (open === '{' && this.s[this.i] === ':') {
        this.i++;
        dict[String(plain(v))] = this.expression();
      } else {
        if (open === '{') isDict = false;
        items.push(v);
      }
      this.space();
      if (this.s[this.i] === ',') {
        this.i++;
        tuple = true;
      }
    }
    this.i++;
    if (open === '{') return isDict ? dict : items;
    // `(x)` is x; `(x,)` and `(a, b)` are tuples, read as lists.
    return tuple || items.length !== 1 ? items : items[0];
  }

  private string(f: boolean): unknown {
    const quote = this.s[this.i]!;
    let out = '';
    for (this.i++; this.i < this.s.length && this.s[this.i] !== quote; this.i++) {
      const c = this.s[this.i]!;
      if (c === '\\') {
        const n = this.s[++this.i] ?? '';
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      } else if (f && c === '{' && this.s[this.i + 1] === '{') {
        out += '{';
        this.i++;
      } else if (f && c === '{') {
        const end = this.s.indexOf('}', this.i);
        const inner = this.s.slice(this.i + 1, end < 0 ? this.s.length : end).replace(/[!:][^}]*$/, '');
        const v = new Reader(inner, this.scope).expression();
        out += v instanceof Unknown ? shown(v.text) : typeof v === 'string' ? v : JSON.stringify(plain(v));
        this.i = end < 0 ? this.s.length : end;
      } else out += c;
    }
    this.i++;
    // Adjacent literals join: ("https://x" "/api/v1/authn").
    this.space();
    if (/^[rRbBuUfF]{0,2}["']/.test(this.s.slice(this.i))) {
      const next = this.atom();
      if (typeof next === 'string') return out + next;
    }
    return out;
  }

  protected space(): void {
    while (this.i < this.s.length && /[ \t\r\n\\]/.test(this.s[this.i]!)) this.i++;
  }

  protected separators(): void {
    for (;;) {
      while (this.i < this.s.length && /[\s,]/.test(this.s[this.i]!)) this.i++;
      if (this.s[this.i] !== '#') return;
      while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
    }
  }
}

/** A string as it is, anything else as the expression the paste wrote or its placeholder. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : value instanceof Unknown ? value.text : JSON.stringify(plain(value));
}

function member(value: unknown, key: unknown): unknown {
  if (value instanceof Unknown) return new Unknown(`${value.text}[${JSON.stringify(plain(key))}]`);
  if (Array.isArray(value) && typeof key === 'number') return value[key] ?? new Unknown(`[${key}]`);
  if (value && typeof value === 'object' && typeof key === 'string' && key in value) return (value as Record<string, unknown>)[key];
  return new Unknown(`[${JSON.stringify(plain(key))}]`);
}

function attribute(value: unknown, name: string, args: unknown[] | null): unknown {
  if (value instanceof PythonResponse) {
    if (name === 'json') return value.body;
    if (name === 'status_code') return value.status;
    if (name === 'text') return typeof value.body === 'string' ? value.body : JSON.stringify(value.body);
  }
  if (name === 'get' && args && args.length > 0) {
    const got = member(value, args[0]);
    return got instanceof Unknown && args.length > 1 ? args[1] : got;
  }
  if (value instanceof Unknown) return new Unknown(`${value.text}.${name}${args ? '()' : ''}`);
  return new Unknown(`.${name}`);
}

/** A value as JSON sees it (see plainValue); a response stands for its body. */
function plain(value: unknown): unknown {
  return plainValue(value, (v) => (v instanceof PythonResponse ? v.body : v));
}

export function evaluatePython(text: string, scope: PythonScope): unknown {
  return new Reader(text, scope).expression();
}

/** `NAME = expression` statements (not calls that send a request), in line order, with the lines they take. */
export function pythonAssignments(lines: Line[], receivers: ReadonlySet<string>): { line: number; name: string; text: string }[] {
  const out: { line: number; name: string; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:>>>\s*)?([A-Za-z_]\w*)\s*=(?!=)\s*(.*)$/.exec(lines[i]!.text);
    if (!m || isPythonCall(lines[i]!.text, receivers)) continue;
    const end = pythonCallEnd(lines, i, lines.length);
    const opens = /[([{]/.test(m[2]!);
    const text = opens ? [m[2]!, ...lines.slice(i + 1, end).map((l) => l.text.replace(/^\s*\.\.\.\s?/, ''))].join('\n') : m[2]!;
    out.push({ line: lines[i]!.no, name: m[1]!, text });
    if (opens) i = end - 1;
  }
  return out;
}

/** One call: the name its response is assigned to (`r = s.post(…)`), and the request. */
export function readPythonCall(text: string, scope: PythonScope): { request: CurlRequest; result: string | null } {
  const req = emptyRequest();
  const m = new RegExp(`^\\s*(?:>>>\\s*)?(?:(\\w+)\\s*=\\s*)?(?:await\\s+)?\\w+\\.(${METHODS})\\(`).exec(text)!;
  // The arguments, read one by one: positional, then keywords.
  const positional: unknown[] = [];
  const keywords = new Map<string, unknown>();
  const s = text.slice(m[0].length);
  const inner = new Reader(s, scope);
  for (;;) {
    while (inner.i < s.length && /[\s,\\]/.test(s[inner.i]!)) inner.i++;
    if (inner.i >= s.length || s[inner.i] === ')') break;
    if (s[inner.i] === '#') {
      while (inner.i < s.length && s[inner.i] !== '\n') inner.i++;
      continue;
    }
    const kw = /^(\w+)\s*=(?!=)\s*/.exec(s.slice(inner.i));
    if (kw) {
      inner.i += kw[0].length;
      keywords.set(kw[1]!, inner.expression());
    } else positional.push(inner.expression());
  }
  const method = m[2] === 'request' ? String(plain(positional.shift() ?? 'GET')) : m[2]!;
  req.method = method.toUpperCase();
  const url = keywords.get('url') ?? positional[0];
  req.url = url === undefined ? null : String(plain(url));
  const params = keywords.get('params');
  if (params && typeof params === 'object' && !(params instanceof Unknown) && req.url) {
    const query = new URLSearchParams(Object.entries(plain(params) as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
    if (query) req.url += (req.url.includes('?') ? '&' : '?') + query;
  }
  const headers = keywords.get('headers');
  if (headers instanceof Unknown) req.notes.push(`headers are ${headers.text}, not in the paste`);
  else if (headers && typeof headers === 'object') for (const [k, v] of Object.entries(plain(headers) as Record<string, unknown>)) addHeader(req.headers, k, String(v));
  const auth = keywords.get('auth');
  if (Array.isArray(auth) && auth.length === 2) addHeader(req.headers, 'authorization', `Basic ${Buffer.from(`${plain(auth[0])}:${plain(auth[1])}`).toString('base64')}`);
  const json = keywords.get('json');
  const data = keywords.get('data') ?? keywords.get('content');
  if (json !== undefined) {
    if (json instanceof Unknown) req.notes.push(`request body is ${json.text}, not in the paste`);
    else {
      req.data = JSON.stringify(plain(json));
      if (!req.headers['content-type']) addHeader(req.headers, 'content-type', 'application/json');
    }
  } else if (data !== undefined) {
    if (data instanceof Unknown) req.notes.push(`request body is ${data.text}, not in the paste`);
    else if (typeof data === 'string') req.data = data;
    else if (data && typeof data === 'object') {
      // A dict as data= is sent form-encoded.
      req.data = new URLSearchParams(Object.entries(plain(data) as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
      if (!req.headers['content-type']) addHeader(req.headers, 'content-type', 'application/x-www-form-urlencoded');
    }
  }
  const unknown = placeholdersIn(req);
  if (unknown.length > 0) req.notes.push(`not in the paste, shown as {{…}}: ${unknown.join(', ')}`);
  return { request: req, result: m[1] ?? null };
}

/** Code the output of a call leaves out: statements, fences, prompts (`>>>`, `...`). */
const CODE = /^\s*(?:```|~~~|>>>|\.\.\.(?:\s|$)|(?:import|from|print|def|class|for|if|elif|else|with|async|await|return|try|except|raise|assert|while)\b|[A-Za-z_][\w.]*\s*=(?!=)|[A-Za-z_][\w.]*\(.*\)\s*$|#)/;

/**
 * What a call printed: a status (`200`, `403 {…}`, `<Response [403]>`) and the body, from the lines after it
 * that are not code; a member of the body printed or echoed alone (`>>> r.json()["status"]` then
 * `'PASSWORD_RESET'`, `print(r.status_code, r.json()["status"])` then `200 PASSWORD_RESET`) as that member,
 * when `name` (what the call's response is assigned to) says whose member it is.
 */
export function pythonOutput(lines: Line[], name: string | null = null): { status: number | null; lines: string[]; members?: Record<string, unknown> } {
  const out: string[] = [];
  let status: number | null = null;
  let members: Record<string, unknown> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    // A wire log of the calls (http.client's debug output rewritten as raw HTTP) is the raw HTTP reader's:
    // passed over; what stands right under a response's head is what some print showed after the call
    // (the script's last call is not told which): this call's output ends there. In a REPL the next `>>>`
    // line comes first, and reads on.
    if (RAW_REQUEST.test(l.text) || RAW_STATUS.test(l.text)) {
      const response = RAW_STATUS.test(l.text);
      i = pastMessage(lines, i, !response);
      let next = i + 1;
      while (next < lines.length && lines[next]!.text.trim() === '') next++;
      if (response && next < lines.length && !CODE.test(lines[next]!.text)) break;
      continue;
    }
    if (CODE.test(l.text)) {
      const print = name === null ? null : memberPrint(l.text, name);
      if (!print) continue;
      // What the statement showed: the output lines up to the next code line.
      let end = i + 1;
      while (end < lines.length && !CODE.test(lines[end]!.text)) end++;
      const shown = lines.slice(i + 1, end).map((o) => o.text);
      const first = shown.findIndex((t) => t.trim() !== '');
      const read = first < 0 ? null : readPrint(print, shown, first, responseObject);
      if (read && (read.status === null || status === null)) {
        status ??= read.status;
        members = mergeMembers(members, read.members);
        i += read.next;
      }
      continue;
    }
    const t = l.text.trim();
    if (t === '') {
      if (out.length > 0) out.push(l.text);
      continue;
    }
    const response = /^<Response \[([1-5]\d\d)[^\]]*\]>$/.exec(t);
    if (response) {
      status ??= Number(response[1]);
      continue;
    }
    const code = /^([1-5]\d\d)(?:\s+(.*))?$/.exec(t);
    if (code && status === null && !out.some((o) => o.trim() !== '')) {
      status = Number(code[1]);
      if (code[2]) out.push(code[2]);
      continue;
    }
    // `>>> r.text` echoes the body as a Python string: '{"status": …}'.
    const echoed = /^[bu]?'([{[].*[}\]])'$/.exec(t);
    out.push(echoed ? echoed[1]!.replace(/\\'/g, "'").replace(/\\\\/g, '\\') : l.text);
  }
  return { status, lines: out, ...(members ? { members } : {}) };
}

const RAW_REQUEST = /^\s*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d(?:\.\d)?\s*$/;
const RAW_STATUS = /^\s*HTTP\/\d(?:\.\d)?\s+[1-5]\d\d\b/;

/** The index of the last line of what was printed under the response head ending at `at` (up to a blank line or code); `at` when nothing was. */
function pastPrinted(lines: readonly Line[], at: number): number {
  let i = at;
  while (i + 1 < lines.length && lines[i + 1]!.text.trim() === '') i++;
  if (i + 1 >= lines.length || CODE.test(lines[i + 1]!.text) || RAW_REQUEST.test(lines[i + 1]!.text)) return at;
  while (i + 1 < lines.length && lines[i + 1]!.text.trim() !== '' && !CODE.test(lines[i + 1]!.text)) i++;
  return i;
}

/** The index of the last line of the raw HTTP head at `at` (up to its blank line), and of a request's body after it. */
function pastMessage(lines: readonly Line[], at: number, withBody: boolean): number {
  let i = at;
  while (i + 1 < lines.length && lines[i + 1]!.text.trim() !== '') i++;
  if (!withBody) return i;
  // The blank line, then the body's lines up to the next blank line.
  if (i + 2 < lines.length && lines[i + 2]!.text.trim() !== '' && !CODE.test(lines[i + 2]!.text)) {
    i += 2;
    while (i + 1 < lines.length && lines[i + 1]!.text.trim() !== '') i++;
  }
  return i;
}

/** A print or a REPL echo of one member of `name`'s body (`>>> r.json()["status"]`); null for any other statement. */
function memberPrint(text: string, name: string): Print | null {
  const args = printedArgs(text);
  const print = args === null ? null : printOf(args, name);
  return print?.field ? { call: name, optional: false, ...print } : null;
}

/** Keywords that start a statement a REPL does not echo a value for. */
const STATEMENT = /^(?:import|from|def|class|for|if|elif|else|with|async|await|return|try|except|finally|raise|assert|while|del|pass|global|nonlocal|lambda)\b/;

/**
 * What a line shows the value of: the arguments of `print(…)`, or the expression a REPL echoes (`>>> r.status_code`,
 * not an assignment, a statement or a continuation); null for other lines.
 */
function printedArgs(text: string): string | null {
  const print = /^\s*(?:>>>\s*)?print\((.*)\)\s*;?\s*$/.exec(text);
  if (print) return print[1]!;
  const echo = /^\s*>>>\s*(\S.*?)\s*$/.exec(text);
  const expression = echo?.[1];
  if (expression === undefined || STATEMENT.test(expression) || /^[A-Za-z_][\w.]*\s*(?:[-+*/%|&^]|\/\/|\*\*)?=(?!=)/.test(expression)) return null;
  // A call typed without assigning it sends a request: it is a command, not an echo of an earlier answer.
  if (new RegExp(`^(?:await\\s+)?\\w+\\.(?:${METHODS})\\(`).test(expression)) return null;
  return expression;
}

/** A member path after `.json()`: `["a"]`, `.get("a")`, one or more. */
const KEY = String.raw`(?:\[\s*['"][\w$]+['"]\s*\]|\.get\(\s*['"][\w$]+['"]\s*\))`;

/** What a print (or a REPL echo) of `args` shows of the response named `name`: its status, body, the object, a label, one member. */
function printOf(args: string, name: string): Omit<Print, 'call' | 'optional'> {
  // `print("step1", r.status_code, r.json()["status"])`: a label first, one member of the body after the status.
  const label = /^\s*[rbuf]?(['"])([^'"]*)\1\s*,/i.exec(args)?.[2];
  // The whole path of keys, not a member further in that the paste indexes by position (`["factors"][0]`).
  const path = new RegExp(String.raw`\b${name}\.json\(\)(${KEY}+)(?!\s*[[.(\w])`).exec(args)?.[1];
  const field = path ? [...path.matchAll(/['"]([\w$]+)['"]/g)].map((k) => k[1]!) : undefined;
  return {
    status: new RegExp(`\\b${name}\\.status_code\\b`).test(args),
    body: new RegExp(`\\b${name}\\.(?:json\\(\\)(?!\\s*[[.])|text|content)`).test(args),
    object: new RegExp(`^\\s*${name}\\s*$`).test(args),
    ...(label !== undefined ? { label } : {}),
    ...(field ? { field } : {}),
  };
}

/** One call of a script as the print matching sees it: its key, its line, the name its response is assigned to. */
export interface PythonCall {
  key: string;
  line: number;
  result: string;
}

/**
 * A script pasted whole, then everything it printed (code block, then output block): each `print(…)` of a
 * response (`r.status_code`, `r.json()`, `r.text`, `json.dumps(r.json(), indent=2)`, `r`) is matched, in
 * order, to what the output shows (a status line, a document that may span lines, `<Response [403]>`), so
 * each call gets what was printed of its own response (see matchPrints), keyed by the call's key: a print is
 * of the latest call before it that sets the name it prints (`r = s.post(…)` again is another call). Null
 * when they do not line up.
 */
export function printedResponses(lines: Line[], calls: readonly PythonCall[]): Map<string, Printed> | null {
  if (calls.length === 0) return null;
  const prints: Print[] = [];
  const output: string[] = [];
  // A wire log of the calls (http.client's debug output rewritten as raw HTTP) is the raw HTTP reader's: its
  // messages, and what was printed right under a response's head (that reader's body), are not matched; a
  // print may then have shown nothing here.
  const wire = lines.some((l) => RAW_REQUEST.test(l.text));
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (wire && (RAW_REQUEST.test(l.text) || RAW_STATUS.test(l.text))) {
      const response = RAW_STATUS.test(l.text);
      i = pastMessage(lines, i, !response);
      if (response) i = pastPrinted(lines, i);
      continue;
    }
    // A print, or what a REPL echoes (`>>> r.status_code`): each shows the value of what it names.
    const args = printedArgs(l.text);
    const printsOf = args === null ? [] : calls.filter((c) => new RegExp(`\\b${c.result}\\b`).test(args));
    if (args !== null && printsOf.length > 0) {
      // A print above every call of the name (in a helper defined first) is taken as the first call's.
      const call = printsOf.filter((c) => c.line < l.no).at(-1) ?? printsOf[0]!;
      prints.push({ call: call.key, optional: wire, ...printOf(args, call.result) });
    } else if (!CODE.test(l.text) && l.text.trim() !== '') output.push(l.text);
  }
  const matched = matchPrints(prints, output, responseObject);
  // A call whose prints showed nothing here (what they printed is under the wire log's response heads) has
  // no printed answer: not one read from where it sits, which is the output of the whole script.
  if (matched && wire) for (const p of prints) if (!matched.has(p.call)) matched.set(p.call, { status: null, body: null });
  return matched;
}

/** `print(r)`: `<Response [403]>`. */
function responseObject(output: readonly string[], at: number): (Printed & { next: number }) | null {
  const m = /^\s*<Response \[([1-5]\d\d)[^\]]*\]>\s*$/.exec(output[at] ?? '');
  return m ? { status: Number(m[1]), body: null, next: at + 1 } : null;
}
