import { addHeader } from '../../http/headers.js';
import { type CurlRequest, emptyRequest, placeholdersIn } from './curl-args.js';
import { plainValue, shown, Unknown } from './script-values.js';
import type { Line } from './text.js';
import type { CurlCommand } from './curl-commands.js';
import type { Output } from './curl-output.js';
import type { HeaderMap } from '../../model/exchange.js';
import { type BodyResult, readBody } from './json-block.js';
import { readDates } from './powershell-dates.js';
import { joinWrapped, type TableView, tableView } from './powershell-table.js';

/**
 * PowerShell's web cmdlets as people paste them: `Invoke-RestMethod` / `Invoke-WebRequest` (`irm`, `iwr`)
 * with `-Uri`, `-Method`, `-Body`, `-Headers`, `-ContentType`, their values written as PowerShell writes them
 * (hashtables `@{ username = "…"; password = "…" }`, `| ConvertTo-Json`, here-strings, variables set on the
 * lines before, `$r.stateToken` from an earlier call's result), and the output each prints: JSON (`$r |
 * ConvertTo-Json`), the list view of an object (`status : MFA_REQUIRED`) or its table view (see
 * powershell-table.ts), Invoke-WebRequest's `StatusCode` and `Content`, or the error record of a failed call
 * (`Invoke-RestMethod : {"errorCode":…}`).
 */

// Windows PowerShell 5 also answers to `curl` and `wget` with Invoke-WebRequest (see curl-commands.ts).
const CMDLET = /(?:Invoke-RestMethod|Invoke-WebRequest|irm|iwr|curl|wget)(?![\w.-])/i;
/** Parameters only the cmdlets take: `curl -Uri … -Method Post` is PowerShell's alias, not curl. */
export const CMDLET_PARAMETER = /\s-(?:Uri|Method|Body|ContentType|Headers|UseBasicParsing|InFile|OutFile|WebSession|SessionVariable)\b/i;
const PROMPT = /^\s*(?:(?:\d{1,3}[.)]|[-*])\s+)?(?:PS(?:\s[^>]*)?>\s*|>>\s*)?/;
/** A statement that runs a web cmdlet: after a prompt, an assignment (`$r = `) or a `(`. */
const START = new RegExp(`${PROMPT.source}(?:\\$[\\w:]+\\s*=\\s*)?(?:\\(\\s*)?${CMDLET.source}\\s+(?=\\S)`, 'i');
/** What only a command has: a parameter, a URL or a variable (prose that names the cmdlet has none). */
const ARGUMENT = /\s-(?:Uri|Method|Body|Headers|ContentType)\b|https?:\/\/|\s\$\w/i;

export function isPowerShellStart(text: string): boolean {
  return START.test(text) && ARGUMENT.test(text);
}

/** `$name = …` at the start of a statement (not `-eq`, not `==`). */
const ASSIGNMENT = new RegExp(`${PROMPT.source}\\$([\\w:]+)\\s*=(?!=)\\s*`, 'i');

/** Index just after the statement that starts at `start`: brackets, quotes and here-strings closed, no trailing backtick. */
export function statementEnd(lines: Line[], start: number, limit: number): number {
  let depth = 0;
  let quote = '';
  let here = '';
  for (let i = start; i < limit; i++) {
    const t = lines[i]!.text;
    if (here) {
      if (t.startsWith(here)) here = '';
      if (!here && depth === 0 && !/`\s*$/.test(t)) return i + 1;
      continue;
    }
    for (let j = 0; j < t.length; j++) {
      const c = t[j]!;
      if (quote) {
        if (c === '`') j++;
        else if (c === quote) {
          if (t[j + 1] === quote) j++;
          else quote = '';
        }
      } else if (c === '@' && (t[j + 1] === "'" || t[j + 1] === '"') && j + 2 === t.trimEnd().length) {
        here = `${t[j + 1]}@`;
        break;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '#' && (j === 0 || /\s/.test(t[j - 1]!))) break;
      else if (c === '(' || c === '{' || c === '[') depth++;
      else if (c === ')' || c === '}' || c === ']') depth = Math.max(0, depth - 1);
      else if (c === '`') j++;
    }
    // A quote does not span lines unless a here-string opened (PowerShell strings may, pastes rarely do).
    quote = '';
    if (!here && depth === 0 && !/`\s*$/.test(t)) return i + 1;
  }
  return limit;
}

/** The statement's text, its prompt and line continuations (backtick, newline) taken out. */
export function statementText(lines: Line[], start: number, end: number): string {
  return lines
    .slice(start, end)
    .map((l) => l.text)
    .map((t, i) => (i === 0 ? t.replace(PROMPT, '') : t.replace(/^\s*>>\s?/, '')))
    .join('\n')
    .replace(/`\r?\n/g, ' ');
}

type Value = unknown;

/** Variables set in the transcript, in order: later statements see earlier ones. */
export class PowerShellScope {
  private readonly vars = new Map<string, Value>();

  set(name: string, value: Value): void {
    this.vars.set(name.toLowerCase(), value);
  }

  /** `$name.a.b`: null when the variable was never set. */
  get(path: string): Value | Unknown {
    const [name, ...props] = path.replace(/^\$/, '').split('.');
    const key = name!.toLowerCase().replace(/^(?:script|global|local):/, '');
    if (key === 'true') return true;
    if (key === 'false') return false;
    if (key === 'null') return null;
    if (!this.vars.has(key)) return this.missing(path);
    let value = this.vars.get(key);
    for (const p of props) {
      value = property(value, p);
      if (value instanceof Unknown) return this.missing(path);
    }
    return value;
  }

  private missing(path: string): Unknown {
    return new Unknown(`$${path.replace(/^\$/, '')}`);
  }
}

/** Reads PowerShell expressions: literals, hashtables, arrays, strings with `$var` in them, `| ConvertTo-Json`. */
class Reader {
  i = 0;
  constructor(
    private readonly s: string,
    private readonly scope: PowerShellScope,
  ) {}

  /** A whole expression, with its pipeline: `@{…} | ConvertTo-Json -Depth 5`. */
  expression(): Value | Unknown {
    let value = this.list();
    for (;;) {
      this.space();
      if (this.s[this.i] !== '|') return value;
      this.i++;
      this.space();
      const m = /^([\w-]+)[^|;)}\n]*/.exec(this.s.slice(this.i))!;
      this.i += m ? m[0].length : this.s.length;
      const cmd = m?.[1]?.toLowerCase() ?? '';
      if (cmd === 'convertto-json') value = value instanceof Unknown ? value : JSON.stringify(plain(value));
      else if (cmd === 'convertfrom-json' && typeof value === 'string') {
        try {
          value = JSON.parse(value);
        } catch {
          // Left as the text.
        }
      }
    }
  }

  /** `a, b, c` (an array) or one value. */
  private list(): Value | Unknown {
    const first = this.value();
    this.space();
    if (this.s[this.i] !== ',') return first;
    const items = [first];
    while (this.s[this.i] === ',') {
      this.i++;
      items.push(this.value());
      this.space();
    }
    return items;
  }

  value(): Value | Unknown {
    this.space();
    const s = this.s;
    // A type in front: [pscustomobject]@{…}, [ordered]@{…}, [string]$x.
    while (s[this.i] === '[' && /^\[[\w.]+(?:\[\])?\]/.test(s.slice(this.i))) this.i += /^\[[\w.]+(?:\[\])?\]/.exec(s.slice(this.i))![0].length;
    const c = s[this.i];
    if (c === undefined) return new Unknown('');
    if (s.startsWith('@{', this.i)) return this.hashtable();
    if (s.startsWith('@(', this.i)) {
      this.i += 2;
      const items: unknown[] = [];
      for (;;) {
        this.separators();
        if (s[this.i] === ')' || this.i >= s.length) break;
        const v = this.list();
        if (Array.isArray(v)) items.push(...v);
        else items.push(v);
      }
      this.i++;
      return items;
    }
    if (s.startsWith("@'", this.i) || s.startsWith('@"', this.i)) return this.hereString();
    if (c === '(') {
      this.i++;
      let v = this.expression();
      this.space();
      if (s[this.i] === ')') this.i++;
      // `(… | ConvertFrom-Json).stateToken`
      for (let m; (m = /^\.(\w+)/.exec(s.slice(this.i))); this.i += m[0].length) v = property(v, m[1]!);
      return v;
    }
    if (c === "'") return this.single();
    if (c === '"') return this.double();
    if (c === '$') {
      const m = /^\$\{?([\w:]+(?:\.\w+)*)\}?/.exec(s.slice(this.i))!;
      this.i += m[0].length;
      return this.scope.get(m[1]!);
    }
    const number = /^-?\d+(?:\.\d+)?(?![\w.])/.exec(s.slice(this.i));
    if (number) {
      this.i += number[0].length;
      return Number(number[0]);
    }
    const word = /^[^\s,;|)}]+/.exec(s.slice(this.i));
    this.i += word ? word[0].length : 1;
    return word?.[0] ?? '';
  }

  private hashtable(): Record<string, unknown> {
    const s = this.s;
    this.i += 2;
    const out: Record<string, unknown> = {};
    for (;;) {
      this.separators();
      if (s[this.i] === '}' || this.i >= s.length) break;
      let key: string;
      if (s[this.i] === "'") key = this.single();
      else if (s[this.i] === '"') key = String(plain(this.double()));
      else {
        key = /^[^\s=;}]+/.exec(s.slice(this.i))?.[0] ?? '';
        this.i += key.length;
      }
      this.space();
      if (s[this.i] !== '=') break;
      this.i++;
      out[key] = this.expression();
    }
    this.i++;
    return out;
  }

  private single(): string {
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i]!;
      if (c === "'") {
        if (this.s[this.i + 1] !== "'") break;
        this.i++;
      }
      out += c;
    }
    this.i++;
    return out;
  }

  private double(): string | Unknown {
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i]!;
      if (c === '`') {
        const n = this.s[++this.i] ?? '';
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else if (c === '"') {
        if (this.s[this.i + 1] !== '"') break;
        out += '"';
        this.i++;
      } else if (c === '$' && /[\w{(]/.test(this.s[this.i + 1] ?? '')) out += this.interpolate();
      else out += c;
    }
    this.i++;
    return out;
  }

  /** `$name`, `${name}` or `$(expression)` inside a double-quoted string: its value, or as written when unknown. */
  private interpolate(): string {
    const s = this.s;
    if (s[this.i + 1] === '(') {
      const start = this.i;
      let depth = 0;
      for (; this.i < s.length; this.i++) {
        if (s[this.i] === '(') depth++;
        else if (s[this.i] === ')' && --depth === 0) break;
      }
      const inner = s.slice(start + 2, this.i);
      const v = new Reader(inner, this.scope).expression();
      return v instanceof Unknown ? shown(`$(${inner})`) : typeof v === 'string' ? v : JSON.stringify(plain(v));
    }
    // In a string `$r.stateToken` is `$r` then ".stateToken": only `$($r.stateToken)` reads the property.
    const m = /^\$\{?([\w:]+)\}?/.exec(s.slice(this.i))!;
    this.i += m[0].length - 1;
    const v = this.scope.get(m[1]!);
    return v instanceof Unknown ? shown(m[0]) : typeof v === 'string' ? v : JSON.stringify(plain(v));
  }

  private hereString(): Value | Unknown {
    const quote = this.s[this.i + 1]!;
    const start = this.s.indexOf('\n', this.i);
    const end = this.s.indexOf(`\n${quote}@`, start);
    const body = this.s.slice(start + 1, end < 0 ? this.s.length : end);
    this.i = end < 0 ? this.s.length : end + 3;
    return quote === "'" ? body : new Reader(`"${body.replace(/"/g, '`"')}"`, this.scope).value();
  }

  private space(): void {
    while (this.i < this.s.length && /[ \t]/.test(this.s[this.i]!)) this.i++;
  }

  private separators(): void {
    while (this.i < this.s.length && /[\s;,]/.test(this.s[this.i]!)) this.i++;
    if (this.s[this.i] === '#') {
      while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      this.separators();
    }
  }
}

/** `value.name` as PowerShell reads it (names in any case); unknown when there is none. */
function property(value: unknown, name: string): unknown {
  if (value instanceof Unknown) return new Unknown(`${value.text}.${name}`);
  const entry = value && typeof value === 'object' ? Object.entries(value).find(([k]) => k.toLowerCase() === name.toLowerCase()) : undefined;
  return entry ? entry[1] : new Unknown(`(…).${name}`);
}

const plain = (value: unknown) => plainValue(value);

export function evaluate(text: string, scope: PowerShellScope): unknown {
  return new Reader(text, scope).expression();
}

/** Parameters that take no value. */
const SWITCHES = new Set(
  'usebasicparsing usedefaultcredentials skipcertificatecheck skiphttperrorcheck disablekeepalive noproxy passthru resume allowunencryptedauthentication preserveauthorizationonredirect skipheadervalidation allowinsecureredirect'.split(' '),
);
const NAMES = ['uri', 'method', 'body', 'headers', 'contenttype', 'useragent', 'websession', 'sessionvariable', 'infile', 'outfile', 'form', 'credential', 'token', 'authentication', 'timeoutsec', 'maximumredirection', 'statuscodevariable', 'responseheadersvariable', 'erroraction', 'proxy'];

/** A parameter name as PowerShell matches it: the whole name, or a prefix only one parameter has. */
function parameterName(written: string): string {
  const w = written.toLowerCase();
  if (SWITCHES.has(w) || NAMES.includes(w)) return w;
  const matches = NAMES.filter((n) => n.startsWith(w));
  return matches.length === 1 ? matches[0]! : w;
}

/** One web-cmdlet statement: the variable it is assigned to (`$r = Invoke-RestMethod …`), and the request. */
export function readPowerShellCommand(text: string, scope: PowerShellScope): { request: CurlRequest; result: string | null; webRequest: boolean } {
  const req = emptyRequest();
  const assigned = /^\s*\$([\w:]+)\s*=\s*/.exec(text);
  const at = text.search(new RegExp(`${CMDLET.source}\\s`, 'i'));
  const rest = text.slice(at).replace(/^\S+\s+/, '');
  const reader = new Reader(rest, scope);
  const args: { name: string | null; value: unknown }[] = [];
  const src = rest;
  for (;;) {
    while (reader.i < src.length && /\s/.test(src[reader.i]!)) reader.i++;
    const c = src[reader.i];
    if (c === undefined || c === '|' || c === ';' || c === ')' || c === '}' || c === '#') break;
    const param = /^-([A-Za-z][\w]*)(:?)/.exec(src.slice(reader.i));
    if (param) {
      reader.i += param[0].length;
      const name = parameterName(param[1]!);
      if (SWITCHES.has(name) && !param[2]) {
        args.push({ name, value: true });
        continue;
      }
      args.push({ name, value: reader.value() });
      continue;
    }
    args.push({ name: null, value: reader.value() });
  }
  let body: unknown;
  let hasBody = false;
  let contentType: string | null = null;
  for (const { name, value } of args) {
    const v = value instanceof Unknown ? shown(value.text) : value;
    switch (name) {
      case null:
        if (req.url === null && typeof v === 'string') req.url = v;
        break;
      case 'uri': req.url = String(v); break;
      case 'method': req.method = String(v).toUpperCase(); break;
      case 'body': body = value; hasBody = true; break;
      case 'contenttype': contentType = String(v); break;
      case 'useragent': addHeader(req.headers, 'user-agent', String(v)); break;
      case 'headers':
        if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, h] of Object.entries(plain(v) as Record<string, unknown>)) addHeader(req.headers, k, String(h));
        else req.notes.push(`headers are ${String(v)}, not in the transcript`);
        break;
      case 'infile': req.notes.push(`request body read from the file ${String(v)}, not in the transcript`); break;
      case 'form': req.notes.push('multipart form (-Form) not reproduced'); break;
    }
  }
  if (contentType) addHeader(req.headers, 'content-type', contentType);
  if (hasBody) {
    if (body instanceof Unknown) req.notes.push(`request body is ${body.text}, not in the transcript`);
    else if (typeof body === 'string') req.data = body;
    else if (body && typeof body === 'object' && !Array.isArray(body)) {
      // A hashtable without ConvertTo-Json is sent form-encoded (a GET puts it in the query instead).
      req.data = new URLSearchParams(Object.entries(plain(body) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
      req.notes.push('-Body is a hashtable without ConvertTo-Json: PowerShell sends it form-encoded');
      if (!contentType) addHeader(req.headers, 'content-type', 'application/x-www-form-urlencoded');
    } else if (body !== undefined && body !== null) req.data = JSON.stringify(plain(body));
  }
  const unknown = placeholdersIn(req);
  if (unknown.length > 0) req.notes.push(`not in the transcript, shown as {{…}}: ${unknown.join(', ')}`);
  if (!req.method) {
    req.method = 'GET';
    if (hasBody) req.notes.push('no -Method: PowerShell sends GET');
  }
  return { request: req, result: assigned ? assigned[1]! : null, webRequest: /^(?:Invoke-WebRequest|iwr|curl|wget)$/i.test(/\S+/.exec(text.slice(at))![0]) };
}

/** Statements that set a variable, in line order, with the lines they take. */
export function assignmentsIn(lines: Line[]): { line: number; end: number; name: string; text: string; command: boolean }[] {
  const out: { line: number; end: number; name: string; text: string; command: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ASSIGNMENT.exec(lines[i]!.text);
    if (!m) continue;
    const end = statementEnd(lines, i, lines.length);
    const text = statementText(lines, i, end).replace(/^\s*\$[\w:]+\s*=\s*/, '');
    out.push({ line: lines[i]!.no, end, name: m[1]!, text, command: START.test(lines[i]!.text) });
    i = end - 1;
  }
  return out;
}

/**
 * The lines of a command's output that are output: statements typed at the prompt (`$r | ConvertTo-Json`,
 * `$v = @{…}`, a bare `PS C:\>`), the error record's position lines (`At line:1 char:1`, `+ …`), the
 * stream lines PowerShell adds (`WARNING: Resulting JSON is truncated …`) and a label in front of the
 * output (`Response:`, `Output (401):`, `Result:`) left out.
 */
export function outputLines(lines: Line[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (/^\s*PS(?:\s[^>]*)?>/.test(t) || ASSIGNMENT.test(t) || /^\s*\$[\w:]+(?:\.\w+)*\s*(?:\|.*)?$/.test(t)) {
      i = statementEnd(lines, i, lines.length) - 1;
      continue;
    }
    if (/^\s*At (?:line|\S.*?):\d+ char:\d+/.test(t) || /^\s*\+ /.test(t) || /^\s*\+\s*~+\s*$/.test(t)) continue;
    if (/^\s*(?:WARNING|VERBOSE|DEBUG):\s/.test(t)) continue;
    const label = LABEL.exec(t);
    if (label) {
      if (label[2]!.trim() !== '') out.push(label[2]!);
      continue;
    }
    out.push(t);
  }
  return out;
}

/** `Response:`, `**Output (401):**`, `Result: {…}`: a label a post puts before what the call printed. */
const LABEL = /^\s*(?:\*\*|__)?(?:(?:the\s+)?(?:response|output|result)(?:\s*\(\s*([1-5]\d\d)\s*\))?)\s*:(?:\*\*|__)?(.*)$/i;

/** An error record's first line: `Invoke-RestMethod : {…}` (Windows PowerShell) or `Invoke-RestMethod: {…}` (7). */
export const ERROR_RECORD = new RegExp(`^\\s*${CMDLET.source}\\s*:\\s?(.*)$`, 'i');

/** A list view line: a property name, white space PowerShell pads it with, ` : ` and the value. */
const LIST_LINE = /^([A-Za-z_][\w]*)\s+:(?:\s(.*))?$/;

/** The list view of an object (`name : value` lines), as an object; nested `@{…}` and arrays as PowerShell printed them (see unprinted). */
export function listView(lines: string[]): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let last: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const m = LIST_LINE.exec(line.trimEnd());
    if (m && line.search(/\S/) === 0) {
      last = m[1]!;
      out[last] = listValue((m[2] ?? '').trim());
    } else if (last !== null && typeof out[last] === 'string') out[last] = joinWrapped(out[last] as string, line.trim());
    else return null;
  }
  return Object.keys(out).length >= 2 ? out : null;
}

function listValue(text: string): unknown {
  if (text === '') return null;
  if (text === 'True' || text === 'False') return text === 'True';
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  // A collection: `{a, b}`, `{@{id=…}, @{id=…}}`, `{}`; its items read one by one. `@{…}` stays text for unprinted.
  if (text.startsWith('{') && text.endsWith('}')) return splitTop(text.slice(1, -1), ',').map((p) => listValue(p.trim()));
  return text;
}

/** An object or array PowerShell printed by its type name: `System.Object[]`, `System.Collections.Hashtable`. */
const TYPE_NAME = /^System\.[\w.`]+(?:\[\])?$/;
/** What a value cut at the console's width, or a collection cut at $FormatEnumerationLimit, ends in. */
const CUT = /(?:\.\.\.|…)$/;

/**
 * What PowerShell printed but did not show: an object one level down as `@{id=00u1; profile=}` (its own
 * members read, an object or array inside it printed as nothing or `System.Object[]`), a value cut with
 * `...`. Values not printed are left out (as the other readers leave out `[Object]`) and named in `leftOut`;
 * cut values are kept as printed, `...` and all (a token cut so reads as masked, never as the token), and
 * named in `cut`; an object cut inside (`@{id=00u1; passwordChanged=2024-0…`, a table's narrow column) keeps the
 * members before the cut, the last one cut. `listed`: the body is a list or table view, where values are cut;
 * ConvertTo-Json writes strings whole.
 */
export function unprinted(body: unknown, listed: boolean): { body: unknown; leftOut: string[]; cut: string[] } {
  const leftOut: string[] = [];
  const cut: string[] = [];
  const GONE = Symbol('gone');
  const walk = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x, i) => walk(x, `${path}[${i}]`));
      // An array whose items none were printed is itself unknown, not empty.
      const kept = items.filter((x) => x !== GONE);
      return kept.length === 0 && items.length > 0 ? GONE : kept;
    }
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const w = walk(x, path ? `${path}.${k}` : k);
        if (w !== GONE) out[k] = w;
      }
      return out;
    }
    if (typeof v !== 'string') return v;
    if (TYPE_NAME.test(v)) {
      leftOut.push(path);
      return GONE;
    }
    if (v.startsWith('@{')) {
      const cutInside = listed && !v.endsWith('}') && CUT.test(v);
      if (!v.endsWith('}') && !cutInside) {
        leftOut.push(path);
        return GONE;
      }
      const out: Record<string, unknown> = {};
      const parts = splitTop(cutInside ? v.slice(2) : v.slice(2, -1), ';');
      for (const [n, part] of parts.entries()) {
        const eq = part.indexOf('=');
        // The cut fell in a member's name: the object is shown in part.
        if (eq < 0) {
          if (cutInside && n === parts.length - 1) cut.push(path);
          continue;
        }
        const key = part.slice(0, eq).trim();
        const text = part.slice(eq + 1).trim();
        // `user=`: an object (or a null) PowerShell printed as nothing.
        if (text === '') {
          leftOut.push(`${path}.${key}`);
          continue;
        }
        const w = walk(listValue(text), `${path}.${key}`);
        if (w !== GONE) out[key] = w;
      }
      // An object none of whose members were printed (`_links : @{next=; cancel=}`) is unknown, not empty:
      // read as empty it would say Okta published no links.
      return Object.keys(out).length === 0 && parts.some((p) => p.includes('=')) ? GONE : out;
    }
    if (listed && CUT.test(v)) cut.push(path);
    return v;
  };
  const out = walk(body, '');
  return { body: out === GONE ? null : out, leftOut, cut };
}

/** A PowerShell command's output as read: the response, and warnings about values it could not read. */
export type PowerShellOutput = Output & { warnings: string[] };

/**
 * What a PowerShell command printed: a failed call's error record, Invoke-WebRequest's `StatusCode`,
 * `Content` and `RawContent`, JSON (`| ConvertTo-Json`), or an object's list view. The output is what
 * follows the command in its own code block; when that holds none (the block ends with the call), the
 * next code block, with at most a label or a short line ending in `:` (`Response:`, "and I get:")
 * between them. `fences`: the line numbers of the paste's code fences (toLines drops them).
 */
export function readPowerShellOutput(cmd: CurlCommand, fences: readonly number[]): PowerShellOutput | null {
  const segments = fenced(cmd, fences);
  const own = readOutputLines(segments[0]?.lines ?? []);
  if (own || segments.length < 2) return own;
  for (const seg of segments.slice(1)) {
    if (!seg.inBlock) {
      if (bridges(seg.lines)) continue;
      return null;
    }
    const read = readOutputLines(seg.lines);
    if (read) return { ...read, body: { ...read.body, notes: ['read from the code block after the command', ...read.body.notes] } };
    // A block of more statements (`$st = $r.stateToken`) may sit between; a block of anything else ends the search.
    if (outputLines(seg.lines).some((l) => l.trim() !== '')) return null;
  }
  return null;
}

/** The command's output split where code fences were: each part, and whether it sits inside a fenced block. */
function fenced(cmd: CurlCommand, fences: readonly number[]): { lines: Line[]; inBlock: boolean }[] {
  if (fences.length === 0) return [{ lines: cmd.output, inBlock: false }];
  const before = (no: number) => fences.filter((f) => f < no).length;
  const out: { lines: Line[]; inBlock: boolean }[] = [];
  let count = before(cmd.line.no);
  let current: Line[] = [];
  out.push({ lines: current, inBlock: count % 2 === 1 });
  for (const line of cmd.output) {
    const n = before(line.no);
    if (n !== count) {
      count = n;
      current = [];
      out.push({ lines: current, inBlock: count % 2 === 1 });
    }
    current.push(line);
  }
  return out;
}

/** Text between a call's block and its output's: blank lines, a label, or a line or two ending in `:` ("Response:", "I get this back:"). */
function bridges(lines: Line[]): boolean {
  const text = lines.map((l) => l.text.trim()).filter((t) => t !== '');
  return text.length <= 3 && (text.length === 0 || /:(?:\*\*|__)?$/.test(text[text.length - 1]!));
}

function readOutputLines(raw: Line[]): PowerShellOutput | null {
  const labelled = raw.map((l) => LABEL.exec(l.text)?.[1]).find((s) => s !== undefined);
  const lines = outputLines(raw);
  const read = readOutput(lines, removedColumns(raw));
  if (!read) return null;
  if (read.status === null && labelled) read.status = Number(labelled);
  return read;
}

function readOutput(lines: string[], removed: (string | number)[]): PowerShellOutput | null {
  const failed = lines.findIndex((l) => ERROR_RECORD.test(l));
  if (failed >= 0) return errorRecord([ERROR_RECORD.exec(lines[failed]!)![1]!, ...lines.slice(failed + 1)]);
  const code = lines.map((l) => /^\s*StatusCode\s+:\s*([1-5]\d\d)\b/.exec(l)).find(Boolean);
  const content = lines.findIndex((l) => /^\s*Content\s+:/.test(l));
  const raw = lines.findIndex((l) => /^\s*RawContent\s+:\s*HTTP\/[\d.]+\s+[1-5]\d\d\b/.test(l));
  if (code || content >= 0 || raw >= 0) return webResponse(lines, code ? Number(code[1]) : null, content, raw);
  // Before JSON: a table's row may begin with a collection's `{a, b}`.
  const table = tableView(lines);
  if (table && table.rows.length > 0) return tableOutput(table, removed);
  if (lines.some((l) => /^\s*[{[]/.test(l))) {
    const body = readBody(lines);
    return withUnprinted({ status: null, headers: {}, body, warnings: [] }, null);
  }
  // The list view's `name : value` lines and their indented continuations; prose around them left out.
  const list = listView(lines.filter((l) => LIST_LINE.test(l.trimEnd()) || /^\s+\S/.test(l)));
  if (!list) return null;
  return withUnprinted({ status: null, headers: {}, body: { body: list, notes: ["response shown as PowerShell's list view, not JSON"] }, warnings: [] }, 'list');
}

/**
 * The table view as the response: one row, the object; more, an array of them. Columns PowerShell dropped
 * (`WARNING: column "stateToken" does not fit into the display and was removed.`), columns whose name it cut
 * and rows whose cells do not line up are named in warnings, never guessed.
 */
function tableOutput(table: TableView, removed: (string | number)[]): PowerShellOutput {
  const rows = table.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, listValue(v)])));
  const notes = ["response shown as PowerShell's table view, not JSON"];
  const warnings: string[] = [];
  const named = [...removed.filter((r) => typeof r === 'string'), ...table.cutNames.map((n) => `${n} (its name cut)`)];
  const counted = removed.filter((r): r is number => typeof r === 'number').reduce((a, b) => a + b, 0);
  const gone = [...(named.length ? [`the column${named.length > 1 ? 's' : ''} ${named.join(', ')}`] : []), ...(counted ? [`${counted} column${counted > 1 ? 's' : ''}`] : [])];
  if (gone.length) {
    const what = `PowerShell's table view did not show ${gone.join(' and ')}`;
    notes.push(`${what}: not in the body`);
    warnings.push(`response: ${what} (too narrow a console); not read, use Format-List or ConvertTo-Json`);
  }
  if (table.unread) {
    const what = `${table.unread} row${table.unread > 1 ? 's' : ''} of PowerShell's table view did not line up with its columns`;
    notes.push(`${what}: left out`);
    warnings.push(`response: ${what}; left out, not read as values`);
  }
  const body: BodyResult = { body: rows.length === 1 ? rows[0]! : rows, notes };
  return withUnprinted({ status: null, headers: {}, body, warnings }, 'table');
}

/** Columns a table left out, from PowerShell's warning: by name (5), or only how many (7: `2 columns do not fit…`). */
function removedColumns(raw: Line[]): (string | number)[] {
  return raw.flatMap((l): (string | number)[] => {
    const named = /^\s*WARNING:\s*column "([^"]+)" does not fit into the display and was removed/i.exec(l.text);
    if (named) return [named[1]!];
    const counted = /^\s*WARNING:\s*(\d+) columns? do(?:es)? not fit into the display and (?:was|were) removed/i.exec(l.text);
    return counted ? [Number(counted[1])] : [];
  });
}

/**
 * The body with what PowerShell did not print taken out or marked (see unprinted), the dates PowerShell 7
 * printed in the console's locale read and marked as of unknown zone (see readDates), and a warning for each
 * kind. `view`: the list or table view the body was printed in; null for JSON, which has neither.
 */
function withUnprinted(out: PowerShellOutput, view: 'list' | 'table' | null): PowerShellOutput {
  if (out.body.body === null || typeof out.body.body !== 'object') return out;
  const { body: shown, leftOut, cut } = unprinted(out.body.body, view !== null);
  // ConvertTo-Json writes a DateTime exact, but one inside a member it wrote as `@{…}` text as the console does.
  const { body, dates } = readDates(shown);
  const notes = [...out.body.notes];
  if (leftOut.length) {
    const what = `PowerShell printed ${leftOut.join(', ')} as a type name or nothing (an object or array it does not show)`;
    notes.push(`${what}: left out`);
    out.warnings.push(`response: ${what}; left out, not read as values`);
  }
  if (cut.length) {
    const what = `PowerShell cut ${cut.join(', ')} with ... (the ${view} view shortens long values)`;
    notes.push(`${what}: kept as cut`);
    out.warnings.push(`response: ${what}; kept as cut, not read as the whole value`);
  }
  const read = dates.filter((d) => d.read !== null);
  if (read.length) {
    const what = `PowerShell 7 printed ${read.map((d) => `${d.path} as ${d.printed}`).join(', ')}: a date in the console's locale, without its time zone`;
    notes.push(`${what}: read as ${read.map((d) => d.read).join(', ')}, not compared with other times`);
    out.warnings.push(`response: ${what}; read as a date of unknown zone, not compared with other times (ConvertTo-Json prints it exact)`);
  }
  for (const d of dates.filter((x) => x.read === null)) {
    const what = `PowerShell 7 printed ${d.path} as ${d.printed}: a date in the console's locale whose day and month order is unknown (${d.readings![0]} or ${d.readings![1]})`;
    notes.push(`${what}: kept as printed, not read as a date`);
    out.warnings.push(`response: ${what}; kept as printed, not read as a date (ConvertTo-Json prints it exact)`);
  }
  return { ...out, body: { ...out.body, body, notes } };
}

/**
 * A failed call's error record: the message is Okta's body (one line, or pretty-printed over several in
 * PowerShell 7), or what the cmdlet says when there is none: "Response status code does not indicate
 * success: 401 (Unauthorized)." (7), "The remote server returned an error: (401) Unauthorized." (5).
 * PowerShell 7's view of a script's error (`Line |`, `  5 |  Invoke-RestMethod …`, `     | {…}`) too.
 */
function errorRecord(record: string[]): PowerShellOutput {
  let text = record;
  if (/^\s*\S+:\d+\s*$/.test(text[0]!) || text.some((l) => /^\s*Line\s*\|/.test(l))) {
    text = text.flatMap((l, i) => {
      if (i === 0 && /^\s*\S+:\d+\s*$/.test(l)) return [];
      if (/^\s*Line\s*\|/.test(l) || /^\s*\d+\s*\|/.test(l) || /^\s*\|\s*~+\s*$/.test(l)) return [];
      const m = /^\s*\|\s?(.*)$/.exec(l);
      return [m ? m[1]! : l];
    });
  }
  const joined = text.join(' ');
  const said = /status code does not indicate success:\s*([1-5]\d\d)/i.exec(joined) ?? /remote server returned an error:\s*\(([1-5]\d\d)\)/i.exec(joined);
  const json = text.findIndex((l) => /^\s*[{[]/.test(l));
  const body = json >= 0 ? readBody(text.slice(json)) : { body: joined.trim() || null, notes: ['the error record of a failed call'] };
  return { status: said ? Number(said[1]) : null, headers: {}, body, warnings: [] };
}

/**
 * Invoke-WebRequest's response as PowerShell lists it: `StatusCode`, `Content` (the body, maybe wrapped
 * or cut with `...`), `RawContent` (the status line and headers; it ends in `...` where cut).
 */
function webResponse(lines: string[], code: number | null, content: number, raw: number): PowerShellOutput {
  const continued = (from: number) => {
    const out: string[] = [];
    for (let i = from + 1; i < lines.length && /^\s{2,}\S/.test(lines[i]!) && !LIST_LINE.test(lines[i]!.trimEnd()); i++) out.push(lines[i]!.trim());
    return out;
  };
  const headers: HeaderMap = {};
  let status = code;
  if (raw >= 0) {
    status ??= Number(/HTTP\/[\d.]+\s+([1-5]\d\d)/.exec(lines[raw]!)![1]);
    for (const l of continued(raw)) {
      const h = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(l);
      if (!h || CUT.test(l)) break;
      addHeader(headers, h[1]!, h[2]!);
    }
  }
  const warnings: string[] = [];
  let body: BodyResult = { body: null, notes: [] };
  if (content >= 0) {
    const first = lines[content]!.replace(/^\s*Content\s+:\s?/, '');
    const text = [first, ...continued(content)];
    if (/^\s*[{[]/.test(first)) {
      // The `...` stays: inside a string it keeps a cut token a mask, not a shorter token.
      const cut = CUT.test(text[text.length - 1]!);
      body = readBody([text.join('')]);
      if (cut) {
        body = { ...body, notes: [...body.notes, 'PowerShell cut Content with ...: read as far as it goes'] };
        warnings.push('response: PowerShell cut Content with ... (the list view shortens long values); the body read as far as it goes');
      }
    } else if (first.trim() !== '') body = { body: text.join(' '), notes: [] };
  }
  return { status, headers, body, warnings };
}

function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== '');
}
