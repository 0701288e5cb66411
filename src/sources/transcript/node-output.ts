import { type Print, type Printed, matchPrints } from './printed.js';
import { headersValue, sentRequest, shallowestBlock } from './axios-dump.js';
import { bracketDepth, scanCode } from './script-values.js';
import type { Line } from './text.js';

/**
 * What a pasted Node.js script printed: `console.log(res.status, res.data)` (`200 { status: 'MFA_REQUIRED', … }`,
 * util.inspect's syntax, read by json-block.ts), `JSON.stringify(res.data, null, 2)`, an AxiosError dump
 * (`AxiosError: Request failed with status code 403`, then its `response: { status, data: {…} }`), and which
 * print showed which call's response when the script is pasted whole and its output after it.
 */

/** Code the output of a call leaves out: statements, comments, callbacks, a shell prompt, lines ending in `;`. */
const CODE =
  /^\s*(?:[$>]\s|(?:import|export|const|let|var|function|async|await|return|try|catch|finally|if|else|for|while|throw|console|process|module|require)\b|\(\s*async\b|\}\s*\)\s*\(\s*\)|\}\s*(?:catch|finally|else)\b|\.(?:then|catch|finally)\(|\/\/|\/\*|\*\/|\*(?:\s|$)|[\w$.]+\s*=(?![=>])|[\w$.]+\(.*\)\s*$|\}\s*\)\s*$)|;\s*$/;

/** The message axios's error gives a failed status; Node prints it first in the error's dump, and as `e.message`. */
const AXIOS_ERROR = /^\s*(?:Uncaught\s+)?(?:AxiosError|Error)(?:\s*\[\w+\])?:\s*Request failed with status code ([1-5]\d\d)|^\s*Request failed with status code ([1-5]\d\d)\s*$/;

/**
 * The lines of `lines` that are output, not code (see CODE; `code` names the line numbers a call or an
 * assignment takes); a line of closing brackets is code unless it closes a document the output opened.
 */
export function outputTexts(lines: readonly Line[], code: ReadonlySet<number>): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const l of lines) {
    if (code.has(l.no) || CODE.test(l.text) || l.text.trim() === '') continue;
    if (depth <= 0 && /^\s*[)}\]][)}\],\s]*$/.test(l.text)) continue;
    // A browser console's mark before a result (Chrome `< {…}` or `<· {…}`, Firefox `← Object {…}`) is not output.
    const text = l.text.replace(/^\s*(?:<[\s\u00b7]|\u2190\s?)\s*(?:Object\s+(?=\{))?/, '');
    out.push(text);
    depth += bracketDepth(text);
  }
  return out;
}

/** What a call printed: its status, its body's lines and, from a dump, the request it sent and the response's headers. */
export interface NodeOutput {
  status: number | null;
  lines: string[];
  sent?: Printed['sent'];
  headers?: Printed['headers'];
}

const dumped = (d: Printed): NodeOutput => ({ status: d.status, lines: d.body ?? [], ...(d.sent ? { sent: d.sent } : {}), ...(d.headers ? { headers: d.headers } : {}) });

/** What a call printed: its status (a status line, an AxiosError, a response object) and its body's lines. */
export function nodeOutput(texts: readonly string[]): NodeOutput {
  const failed = texts.findIndex((t) => AXIOS_ERROR.test(t));
  if (failed >= 0) {
    const dump = errorDump(texts, failed);
    if (dump) return dumped(dump);
  }
  // `console.log(res)`: the whole response object, its body under `data`.
  const first = texts.findIndex((t) => /^\s*(?:Response\s*)?[{[]/.test(t));
  const whole = first < 0 ? null : responseDump(texts, first);
  if (whole) return dumped(whole);
  const out: string[] = [];
  let status: number | null = null;
  for (const t of texts) {
    const code = /^\s*([1-5]\d\d)(?:\s+(.*))?$/.exec(t);
    // A status before any document: `200 {…}`, or the REPL's echo of `> res.status` after its `undefined`.
    if (code && status === null && !out.some((l) => /^\s*[{[]/.test(l))) {
      status = Number(code[1]);
      if (code[2]) out.push(code[2]);
    } else out.push(t);
  }
  return { status, lines: out };
}

/**
 * An AxiosError as Node prints it, from its message line at `at`: the stack (`    at …`), then the error's
 * properties in braces, of which `response: { status, data }` is the answer; `e.message` alone is the line.
 */
export function errorDump(output: readonly string[], at: number): (Printed & { next: number }) | null {
  const m = AXIOS_ERROR.exec(output[at] ?? '');
  if (!m) return null;
  const status = Number(m[1] ?? m[2]);
  let i = at + 1;
  while (i < output.length && /^\s+at\s/.test(output[i]!) && !/\{\s*$/.test(output[i]!)) i++;
  if (i >= output.length || !/\{\s*$/.test(output[i]!)) return { status, body: null, next: i };
  let depth = 0;
  let end = i;
  for (; end < output.length; end++) {
    depth += bracketDepth(output[end]!);
    if (depth <= 0 && end > i) break;
  }
  const dump = output.slice(i, end + 1);
  const response = dump.findIndex((l) => /^\s*response:\s*\{\s*$/.test(l));
  const headers = response < 0 ? null : headersValue(ownField(dump, response, 'headers'));
  const sent = sentRequest(shallowestBlock(dump, 'config'), ownField);
  return { status, body: responseData(dump), ...(sent ? { sent } : {}), ...(headers ? { headers } : {}), next: end + 1 };
}

/**
 * An error nothing caught, as Node prints it before it exits: where it was thrown (`/app/node_modules/…:2004`),
 * that line of source and a caret, then the AxiosError's dump.
 */
function uncaughtError(output: readonly string[], at: number): (Printed & { next: number }) | null {
  let i = at;
  if (/^\S+:\d+$/.test(output[i] ?? '')) {
    i++;
    while (i < at + 3 && i < output.length && !AXIOS_ERROR.test(output[i]!)) i++;
  }
  return errorDump(output, i);
}

/** `data: {…}` right inside the dump's `response: {…}` (the request's own `data` is in `config`). */
function responseData(dump: readonly string[]): string[] | null {
  const response = dump.findIndex((l) => /^\s*response:\s*\{\s*$/.test(l));
  return response < 0 ? null : ownField(dump, response, 'data');
}

/**
 * A response object as `console.log(res)` prints it, from its `{` at `at`: axios's (`status`, `statusText`,
 * `headers`, `config`, `request`, then `data`, the body) or fetch's `Response { status: 403, … }` (no body).
 */
export function responseDump(output: readonly string[], at: number): (Printed & { next: number }) | null {
  if (!/^\s*(?:Response\s*)?\{\s*$/.test(output[at] ?? '')) return null;
  let depth = 0;
  let end = at;
  for (; end < output.length; end++) {
    depth += bracketDepth(output[end]!);
    if (depth <= 0) break;
  }
  const dump = output.slice(at, end + 1);
  if (!ownField(dump, 0, 'statusText')) return null;
  const status = /^([1-5]\d\d),?$/.exec(ownField(dump, 0, 'status')?.[0] ?? '');
  const headers = headersValue(ownField(dump, 0, 'headers'));
  const sent = sentRequest(ownField(dump, 0, 'config'), ownField);
  return { status: status ? Number(status[1]) : null, body: ownField(dump, 0, 'data'), ...(sent ? { sent } : {}), ...(headers ? { headers } : {}), next: end + 1 };
}

/** The lines of the value of field `name` right inside the block that opens on `block[open]` (by indentation, as util.inspect indents). */
export function ownField(block: readonly string[], open: number, name: string): string[] | null {
  const indent = /^\s*/.exec(block[open]!)![0].length;
  for (let i = open + 1; i < block.length; i++) {
    const l = block[i]!;
    const own = /^\s*/.exec(l)![0].length;
    if (own <= indent) return null;
    const field = new RegExp(String.raw`^\s*${name}:\s*(.*?)\s*$`).exec(l);
    if (!field || own !== indent + 2) continue;
    const value = [field[1]!];
    let depth = bracketDepth(field[1]!);
    // A long string util.inspect cut into `'…' +` lines goes on after the `+`.
    for (let j = i + 1; (depth > 0 || /\+\s*$/.test(value[value.length - 1]!)) && j < block.length; j++) {
      value.push(block[j]!);
      depth += bracketDepth(block[j]!);
    }
    value[value.length - 1] = value[value.length - 1]!.replace(/,\s*$/, '');
    return value;
  }
  return null;
}

/** One call of the script as the print matching sees it: its key, where it starts, the names its result is given. */
export interface ScriptCall {
  key: string;
  line: number;
  response: string[];
  body: string[];
  error: string[];
  /** Its own text holds a `.catch(…)`: the prints in its callbacks may not run. */
  catches: boolean;
  /** The last line it takes. */
  end: number;
}

/**
 * The prints of a script pasted whole, matched to its output (see matchPrints): `console.log(res.status,
 * res.data)`, `console.log(data)` after `const data = await res.json()`, `JSON.stringify(res.data, null, 2)`,
 * `console.log(e.response.status, e.response.data)` in a catch (the error of the call that threw: the first in
 * its `try` that printed nothing), `console.log(err)` (the AxiosError dump). Null when they do not line up.
 */
export function printedByCall(lines: readonly Line[], calls: readonly ScriptCall[], aliases: ReadonlyMap<string, string>, code: ReadonlySet<number>): { printed: Map<string, Printed>; notRun: Set<string> } | null {
  if (calls.length === 0) return null;
  const regions = tryRegions(lines, calls);
  const prints: Print[] = [];
  const catches = new Map<string, string[]>();
  for (const l of lines) {
    const args = consoleArgs(l.text);
    if (args === null) continue;
    const region = regions.find((r) => l.no > r.from && l.no <= r.to);
    const optional = region !== undefined || calls.some((c) => c.catches && l.no >= c.line && l.no <= c.end);
    const print = printOf(args, calls, l.no, aliases, region);
    if (!print) continue;
    prints.push({ ...print, optional });
    if (print.call.startsWith('catch:') && region) catches.set(print.call, region.calls);
  }
  const printed = matchPrints(prints, outputTexts(lines, code), (output, at) => errorDump(output, at) ?? responseDump(output, at), uncaughtError);
  if (!printed) return null;
  // An error printed in a catch is the answer of the first call in its try that printed nothing; the calls
  // after it in the try never ran, nor any call after an error nothing caught.
  const notRun = new Set<string>();
  for (const [key, inTry] of catches) {
    const got = printed.get(key);
    printed.delete(key);
    if (!got) continue;
    const threw = inTry.find((c) => !printed.has(c)) ?? inTry.at(-1)!;
    printed.set(threw, got);
    for (const later of inTry.slice(inTry.indexOf(threw) + 1)) notRun.add(later);
  }
  const stopped = calls.findIndex((c) => c.key === printed.stopped);
  if (stopped >= 0) for (const later of calls.slice(stopped + 1)) notRun.add(later.key);
  return { printed, notRun };
}

/** The arguments of a `console.log(…)` (or `.info`, `.dir`, `.error`) on the line, brackets balanced; null if none. */
function consoleArgs(text: string): string | null {
  const m = /\bconsole\.(?:log|info|dir|error|warn)\(/.exec(text);
  if (!m) return null;
  const from = m.index + m[0].length;
  const end = scanCode(text, from, (c, depth) => c === ')' && depth === 0);
  return end < text.length ? text.slice(from, end) : null;
}

/** A JavaScript name in a pattern: escaped, and not part of a longer name (`$` is part of names, `\b` does not know it). */
function js(name: string): string {
  return String.raw`(?<![\w$])${name.replace(/\$/g, '\\$')}(?![\w$])`;
}

/** Which call's response a print shows, and what of it; null when it prints none. */
function printOf(args: string, calls: readonly ScriptCall[], line: number, aliases: ReadonlyMap<string, string>, region: TryRegion | undefined): Omit<Print, 'optional'> | null {
  const has = (re: string) => new RegExp(re).test(args);
  const label = /^\s*(['"`])([^'"`]*)\1\s*,/.exec(args)?.[2];
  const latest = (pick: (c: ScriptCall) => string[], name: string) => [...calls].reverse().find((c) => c.line <= line && pick(c).includes(name));
  const tag = label === undefined ? {} : { label };
  if (region?.error) {
    const print = errorPrint(args, region.error);
    if (print) return { call: `catch:${region.from}`, ...print, ...tag };
  }
  for (const name of new Set(args.match(/[\w$]+/g) ?? [])) {
    const call = latest((c) => c.response, name) ?? latest((c) => c.error, name);
    if (call) {
      if (call.error.includes(name) && !call.response.includes(name)) {
        const print = errorPrint(args, name);
        if (print) return { call: call.key, ...print, ...tag };
        continue;
      }
      const status = has(String.raw`${js(name)}\.status\b`);
      const body = has(String.raw`${js(name)}\.(?:data\b(?!\s*[.[?])|json\(\))`) || bodyNamed(args, call, aliases);
      const object = has(String.raw`^\s*${js(name)}\s*$`);
      const field = status && !body ? new RegExp(String.raw`${js(name)}\.data\??\.([A-Za-z_$][\w$]*)\s*(?:,|$)`).exec(args)?.[1] : undefined;
      if (status || body || object) return { call: call.key, status, body, object, ...tag, ...(field ? { field: [field] } : {}) };
    }
    const owner = latest((c) => c.body, name) ?? calls.find((c) => c.key === aliases.get(name));
    if (owner && has(String.raw`${js(name)}(?!\s*[.[?])`)) {
      const status = owner.response.some((r) => has(String.raw`${js(r)}\.status\b`));
      return { call: owner.key, status, body: true, object: false, ...tag };
    }
  }
  return null;
}

/** What a print of error `name` shows: `e.response.status`, `e.response.data`, or `e` / `e.message` (the AxiosError). */
function errorPrint(args: string, name: string): { status: boolean; body: boolean; object: boolean } | null {
  const has = (re: string) => new RegExp(re).test(args.replace(/^\s*(['"`])[^'"`]*\1\s*,/, ''));
  const status = has(String.raw`${js(name)}\.response\??\.status\b`);
  const body = has(String.raw`${js(name)}\.response\??\.data\b`);
  const object = has(String.raw`^\s*${js(name)}(?:\.message|\.toString\(\))?\s*$`);
  return status || body || object ? { status, body, object } : null;
}

/** The print shows the body by a name that holds it: `data` in `console.log(res.status, data)`. */
function bodyNamed(args: string, call: ScriptCall, aliases: ReadonlyMap<string, string>): boolean {
  const named = [...call.body, ...[...aliases].filter(([, key]) => key === call.key).map(([name]) => name)];
  return named.some((n) => new RegExp(String.raw`${js(n)}(?!\s*[.[?])`).test(args));
}

/** A `try { … } catch (e) { … }`: the lines after `try` through the end of the catch, its error's name, the calls in it. */
interface TryRegion {
  from: number;
  to: number;
  error: string | null;
  calls: string[];
}

function tryRegions(lines: readonly Line[], calls: readonly ScriptCall[]): TryRegion[] {
  const out: TryRegion[] = [];
  let depth = 0;
  let open: { from: number; depth: number; error: string | null; caught: boolean } | null = null;
  lines.forEach((l, i) => {
    const before = depth;
    depth += bracketDepth(l.text, '//');
    if (!open && /\btry\s*\{/.test(l.text)) open = { from: l.no, depth: before, error: null, caught: false };
    if (!open) return;
    const caught = /\bcatch\s*(?:\(\s*([\w$]+)\s*\))?\s*\{/.exec(l.text);
    if (caught) {
      open.caught = true;
      open.error = caught[1] ?? null;
    }
    if (depth > open.depth || !open.caught) return;
    const next = lines.slice(i + 1).find((n) => n.text.trim() !== '');
    if (!/^\s*(?:catch|finally)\b/.test(next?.text ?? '')) {
      out.push({ from: open.from, to: l.no, error: open.error, calls: calls.filter((c) => c.line > open!.from && c.line <= l.no).map((c) => c.key) });
      open = null;
    }
  });
  return out;
}
