import type { HeaderMap } from '../../model/exchange.js';
import { readBody } from './json-block.js';
import { bracketDepth } from './script-values.js';

/**
 * A script pasted whole, then everything it printed: what each print statement of a response shows, matched
 * in order to the output (python-requests.ts, node-script.ts collect the prints and the output lines).
 */

/** One print statement of a response: of which call, and what of it (status, body, or the whole object). */
export interface Print {
  call: string;
  status: boolean;
  body: boolean;
  /** The response or error object itself (`print(r)`, `console.log(err)`): read by the language's `object` reader. */
  object: boolean;
  /** May not have run (in a `try` after a call that can throw, or in its `catch`): skipped when the output does not show it. */
  optional: boolean;
  /** A text printed before the response (`console.log('Response:', res.data)`), taken off the output line. */
  label?: string;
  /**
   * One member of the body (its path of keys), printed alone (`print(r.json()["status"])`, `>>> r.json()["status"]`)
   * or after the status (`console.log(res.status, res.data.status)`): read as that member.
   */
  field?: readonly string[];
}

/** What one print statement showed of a response: its status, its body's lines, or only some members of the body. */
export interface Printed {
  status: number | null;
  body: string[] | null;
  /** The request as a dump of the response or error shows it was sent (axios's `config`), when it does. */
  sent?: SentRequest;
  /** The response's headers, when the dump shows them. */
  headers?: HeaderMap;
  /** Members of the body printed one by one (the rest of the body is not shown, and is not made up). */
  members?: Record<string, unknown>;
}

/** What a client's dump shows of the request it sent: its URL, body text and headers, each when shown. */
export interface SentRequest {
  url: string | null;
  /** The body as sent: a string's text, an object as JSON. */
  data: string | null;
  headers: HeaderMap;
}

/** Each call's printed response; `stopped`: the call whose uncaught error ended the script (later calls never ran). */
export type PrintedCalls = Map<string, Printed> & { stopped?: string };

/** What a language's object print or an uncaught error shows at `at`, and the index after it; null when it is not there. */
export type ObjectReader = (output: readonly string[], at: number) => (Printed & { next: number }) | null;

// Prose between and after the blocks ("Output:", "then"): a line that starts with a letter and holds no bracket.
const prose = (l: string) => /^\s*[A-Za-z][^{}[\]<>]*$/.test(l);

/**
 * Each call's printed response, the prints matched in order to `output`; an optional print the output does
 * not show is skipped, and `uncaught` (an error that stopped the script) may stand for a print and all after
 * it. Null when the prints and the output do not line up: then each call's output is what follows it.
 */
export function matchPrints(prints: readonly Print[], output: readonly string[], object: ObjectReader, uncaught?: ObjectReader): PrintedCalls | null {
  if (prints.length === 0 || output.length === 0) return null;
  const skip = (at: number) => {
    while (at < output.length && prose(output[at]!)) at++;
    return at;
  };
  // What print k does with the output from `at` on, in a path that matches to the end; worked out once per
  // (print, line): with optional prints the paths multiply, their tails do not. A stack of its own, not
  // recursion: a script may print thousands of times.
  const width = output.length + 1;
  const memo = new Map<number, Step | null>();
  const solve = (k0: number, at0: number): Step | null => {
    const stack: { k: number; at: number; phase: 0 | 1 | 2; read: (Printed & { next: number }) | null }[] = [{ k: k0, at: at0, phase: 0, read: null }];
    let done: Step | null = null;
    const settle = (f: { k: number; at: number }, step: Step | null) => {
      memo.set(f.k * width + f.at, step);
      done = step;
      stack.pop();
    };
    while (stack.length > 0) {
      const f = stack.at(-1)!;
      const p = prints[f.k];
      if (f.phase === 0) {
        const known = memo.get(f.k * width + f.at);
        if (known !== undefined) {
          done = known;
          stack.pop();
        } else if (p === undefined) settle(f, skip(f.at) === output.length ? { skip: true } : null);
        else {
          f.phase = 1;
          f.read = readFrom(p, output, f.at, object);
          done = null;
          if (f.read) stack.push({ k: f.k + 1, at: f.read.next, phase: 0, read: null });
        }
      } else if (f.phase === 1) {
        if (f.read && done) settle(f, { got: f.read, next: f.read.next });
        else {
          f.phase = 2;
          done = null;
          if (p!.optional) stack.push({ k: f.k + 1, at: f.at, phase: 0, read: null });
        }
      } else if (p!.optional && done) settle(f, { skip: true });
      else {
        const error = uncaught?.(output, skip(f.at));
        settle(f, error && skip(error.next) === output.length ? { got: error, next: error.next, stops: true } : null);
      }
    }
    return done;
  };
  if (!solve(0, 0)) return null;
  const out: PrintedCalls = new Map<string, Printed>();
  for (let k = 0, at = 0; k < prints.length; k++) {
    const step = memo.get(k * (output.length + 1) + at)!;
    if ('skip' in step) continue;
    const call = prints[k]!.call;
    const was = out.get(call);
    const sent = step.got.sent ?? was?.sent;
    const headers = step.got.headers ?? was?.headers;
    const members = mergeMembers(was?.members, step.got.members);
    out.set(call, { status: step.got.status ?? was?.status ?? null, body: step.got.body ?? was?.body ?? null, ...(sent ? { sent } : {}), ...(headers ? { headers } : {}), ...(members ? { members } : {}) });
    if (step.stops) {
      out.stopped = call;
      break;
    }
    at = step.next;
  }
  return out;
}

/**
 * What print `p` shows at the first line from `at` on that it reads, passing over prose ("Output:") only: a
 * labelled line can look like prose (`step1 200 RECOVERY_CHALLENGE`), so each is tried before it is passed.
 */
function readFrom(p: Print, output: readonly string[], at: number, object: ObjectReader): (Printed & { next: number }) | null {
  for (let i = at; i < output.length; i++) {
    const read = readPrint(p, output, i, object);
    if (read || !prose(output[i]!)) return read;
  }
  return null;
}

/** A print's part in a match: what it showed and where the output goes on (`stops`: an uncaught error ended the script there), or skipped. */
type Step = { got: Printed; next: number; stops?: true } | { skip: true };

/** What print `p` shows from `at`: a status line, a document that may span lines, a member, or an object. */
export function readPrint(p: Print, output: readonly string[], at: number, object: ObjectReader): (Printed & { next: number }) | null {
  const line = output[at];
  if (line === undefined) return null;
  if (p.object) return object(output, at);
  let status: number | null = null;
  let rest = line.trim();
  if (p.label !== undefined) {
    if (!rest.startsWith(p.label)) return null;
    rest = rest.slice(p.label.length).trim();
  }
  if (p.status) {
    const m = /^([1-5]\d\d)\b\s*(.*)$/.exec(rest);
    if (!m) return null;
    status = Number(m[1]);
    rest = m[2]!;
    if (!p.body) {
      if (rest === '') return { status, body: null, next: at + 1 };
      // More after the status, not a document: a member of the body the print names is read as that member
      // (`200 RECOVERY_CHALLENGE` for res.data.status); other values are left.
      if (/^[bu]?['"]?[{[]/.test(rest)) return null;
      const value = p.field ? memberValue(rest, true) : undefined;
      return { status, body: null, ...(p.field && value ? { members: memberAt(p.field, value.value) } : {}), next: at + 1 };
    }
  }
  if (!p.body && p.field && !p.status) return readMember(p.field, output, at, rest);
  if (!p.body) return null;
  // The document: from here until its brackets close (strings skipped), maybe over several lines.
  if (!/^[bu]?['"]?[{[]/.test(rest)) return null;
  const doc = documentFrom(rest, output, at);
  return doc && { status, body: doc.lines, next: doc.next };
}

/** A document that opens with `first` (on line `at`) and runs until its brackets close; null when they never do. */
function documentFrom(first: string, output: readonly string[], at: number): { lines: string[]; next: number } | null {
  const lines = [first];
  let depth = bracketDepth(first);
  let i = at + 1;
  for (; depth > 0 && i < output.length; i++) {
    lines.push(output[i]!);
    depth += bracketDepth(output[i]!);
  }
  return depth > 0 ? null : { lines, next: i };
}

/**
 * A member printed alone: a value as Python or JavaScript prints or echoes it (`'PASSWORD_RESET'`,
 * `PASSWORD_RESET`, `True`, `3`), or a document that may span lines (`{'user': {…}}`).
 */
function readMember(path: readonly string[], output: readonly string[], at: number, rest: string): (Printed & { next: number }) | null {
  if (/^[{[]/.test(rest)) {
    const doc = documentFrom(rest, output, at);
    if (!doc) return null;
    const read = readBody(doc.lines);
    if (read.error !== undefined || read.body === null || typeof read.body !== 'object') return null;
    return { status: null, body: null, members: memberAt(path, read.body), next: doc.next };
  }
  const value = memberValue(rest, false);
  return value ? { status: null, body: null, members: memberAt(path, value.value), next: at + 1 } : null;
}

/**
 * One value as a print shows it: a quoted string (Python's repr, JSON), `True` / `False` / `None` (or
 * JavaScript's), a number, or a bare word. Without a status in front (`lenient` false) a bare word must look
 * like a value, not prose (`PASSWORD_RESET`, `E0000068`, `00Jx…`; not `Output` or `then`).
 */
function memberValue(text: string, lenient: boolean): { value: unknown } | undefined {
  const t = text.trim();
  const quoted = /^[bu]?(['"])(.*)\1$/.exec(t);
  if (quoted) return { value: quoted[2]!.replace(/\\(['"\\])/g, '$1') };
  if (/^(?:True|true)$/.test(t)) return { value: true };
  if (/^(?:False|false)$/.test(t)) return { value: false };
  if (/^(?:None|null)$/.test(t)) return { value: null };
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return { value: Number(t) };
  if (lenient ? /^[^\s'"]+$/.test(t) : /^[A-Z0-9_]+$|^(?=.*\d)[\w.$@+-]+$/.test(t)) return { value: t };
  return undefined;
}

/** `{a: {b: value}}` for the path `a`, `b`. */
function memberAt(path: readonly string[], value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (const key of [...path].reverse()) out = { [key]: out };
  return out as Record<string, unknown>;
}

/** Members printed by two prints of one response, put together (the later print's value wins). */
export function mergeMembers(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!a || !b) return a ?? b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const was = out[k];
    out[k] = was && v && typeof was === 'object' && typeof v === 'object' && !Array.isArray(was) && !Array.isArray(v) ? mergeMembers(was as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}
