import type { RawExchange } from '../../model/exchange.js';
import { jsonrepair } from 'jsonrepair';
import { commonRepairs, goValueToJson, javaMapToJson, mayBePython, pythonToJson, rewritePython } from './lenient.js';
import { parseBounded, repairBounded } from '../../http/json.js';
import { isProse } from './text.js';
import { rejoinWrapped } from './wrapped.js';
import { repairNotes, restoreLostQuotes, untypeset, untypesetNeeded, untypesetRepairs } from './typography.js';

/** A body read from pasted text: parsed JSON, the text itself, or null; `error` when JSON was beyond repair. */
export interface BodyResult {
  body: unknown;
  notes: string[];
  error?: string;
  /**
   * With `error`: the text beyond repair, from its first bracket to the first blank line. Never stored: the
   * import's redaction reads it only for the secrets it shows in clear (RawExchange.unreadable).
   */
  unreadable?: string;
  /** The lines after a JSON document that closed: a second document pasted without a marker may be there. */
  rest?: string[];
}

/**
 * The warning for a side whose JSON is beyond repair. The other side, the status and the headers are still
 * evidence, so only the body goes (`leftOut` null); `leftOut` names what goes with it when nothing is left to
 * keep (`step left out`, `command left out`).
 */
export function repairWarning(side: 'request' | 'response', error: string, leftOut: string | null): string {
  return `${side} JSON could not be repaired: ${error}; ${leftOut ?? `its body left out, the ${side === 'request' ? 'response' : 'request'} read`}`;
}

/** The note an exchange keeps about a body left out as beyond repair. */
export function leftOutNote(error: string): string {
  return `body beyond repair (${error}): left out`;
}

/** A body beyond repair, left out: null, its notes saying why. */
export function bodyLeftOut(body: BodyResult): BodyResult {
  return { body: null, notes: [...body.notes, leftOutNote(body.error ?? 'unknown')], ...(body.unreadable !== undefined ? { unreadable: body.unreadable } : {}) };
}

/** The bodies of an exchange left out as beyond repair, as RawExchange.unreadable holds them; undefined when none was. */
export function unreadableBodies(request: { unreadable?: string } | null | undefined, response: { unreadable?: string } | null | undefined): RawExchange['unreadable'] {
  const out: NonNullable<RawExchange['unreadable']> = [];
  if (request?.unreadable) out.push({ where: 'request.body', text: request.unreadable });
  if (response?.unreadable) out.push({ where: 'response.body', text: response.unreadable });
  return out.length > 0 ? out : undefined;
}

interface Opener {
  char: '{' | '[';
  indent: number;
  elided: boolean;
}

const ELISION_LINE = /^(?:\.\.\.|\[\.\.\.\]|\(\.\.\.\)|\/\/\s*\.\.\.|<snip>|\[snip\]|\[truncated\])+,?$/i;
const CLOSER_LINE = /^([}\]])(,?)$/;

/**
 * Reads the body that starts in `lines` (the first line starting with `{` or `[`), ignoring prose before it
 * and after it. Without JSON the body is the text up to the first blank line, or null.
 */
export function readBody(input: string[]): BodyResult {
  const read = readFrom(new PasteLines(input), 0, false);
  return read.next === undefined ? read.result : { ...read.result, rest: read.lines.slice(read.next) };
}

/**
 * A paste's lines, for reading documents one after another (findResponseOnly). What readBody works out from
 * the whole rest of the paste for each document (typography and Python repairs, the lost-quote count) is
 * worked out here once, for every line, so reading the next document does not read the rest again.
 */
export class PasteLines {
  /** Lines from this index on need no typography or Python repair (and hold no line break). */
  private readonly plainFrom: number;
  private quoted: { lines: string[]; countFrom: number[] } | null = null;
  private repaired: LineRepairs | null | undefined;

  constructor(readonly texts: string[]) {
    let last = texts.length - 1;
    while (last >= 0 && !needsRepair(texts[last]!)) last--;
    this.plainFrom = last + 1;
  }

  /** Whether the lines from `from` on read the same after the typography and Python repairs. */
  plain(from: number): boolean {
    return from >= this.plainFrom;
  }

  /** The lines with their lost quotes restored, and how many were restored from each line to the end. */
  lostQuotes(): { lines: string[]; countFrom: number[] } {
    if (this.quoted) return this.quoted;
    const lines: string[] = [];
    const countFrom = new Array<number>(this.texts.length + 1).fill(0);
    // restoreLostQuotes works line by line: one line at a time gives each line's count.
    const each = this.texts.map((t) => restoreLostQuotes([t]));
    for (let i = each.length - 1; i >= 0; i--) countFrom[i] = countFrom[i + 1]! + each[i]!.count;
    for (const e of each) lines.push(e.lines[0]!);
    this.quoted = { lines, countFrom };
    return this.quoted;
  }

  /**
   * The lines from `from` on as the typography and Python repairs of their joined text leave them, with
   * those repairs' notes, worked out line by line once; null when a repair may reach across a line break.
   */
  repairedFrom(from: number): { paste: PasteLines; notes: string[] } | null {
    if (this.repaired === undefined) this.repaired = lineRepairs(this.texts);
    const r = this.repaired;
    if (r === null) return null;
    const notes = repairNotes(r.madeFrom[from]!);
    // pythonToJson rewrites the whole text once any line looks like Python, else none of it.
    if (from > r.lastPython) return { paste: r.typo, notes };
    if (from <= r.lastRewritten) notes.push(PYTHON_NOTE);
    return { paste: r.python, notes };
  }
}

const PYTHON_NOTE = 'Python/JavaScript object syntax read as JSON';
const GO_NOTE = 'Go %+v struct syntax read as JSON (field names lower-cased)';
const JAVA_NOTE = "Java's Map.toString() syntax read as JSON (values as strings, numbers, true/false, null)";

/** What PasteLines.repairedFrom works from: the repairs made line by line, and from each line to the end. */
interface LineRepairs {
  /** untypeset's lines. */
  typo: PasteLines;
  /** Those lines rewritten by pythonToJson (when one of them looks like Python, else untypeset's). */
  python: PasteLines;
  /** untypeset's repairs (indexes) made from each line to the end. */
  madeFrom: number[][];
  /** The last line that looks like Python (mayBePython), or -1. */
  lastPython: number;
  /** The last line the Python rewrite changes, or -1. */
  lastRewritten: number;
}

// A line where an autolink (`:` then a line break then `<mail>`, `&lt;` once decoded) or a mail link may
// reach across the break: such a paste is repaired as a whole, rest by rest.
const CROSSES_LINES = /^[\s\u200B\u200C\u200D\u2060\uFEFF]*[<&]|mailto:/i;

function lineRepairs(texts: string[]): LineRepairs | null {
  if (texts.some((t) => t.includes('\n') || CROSSES_LINES.test(t))) return null;
  const each = texts.map(untypesetRepairs);
  // pythonToJson's strings end at a line break, unless a backslash ends the line.
  if (each.some((e) => e.text.endsWith('\\'))) return null;
  const typo = each.map((e) => e.text);
  const madeFrom: number[][] = new Array(texts.length + 1);
  madeFrom[texts.length] = [];
  for (let i = texts.length - 1; i >= 0; i--) {
    const more = each[i]!.made.filter((k) => !madeFrom[i + 1]!.includes(k));
    madeFrom[i] = more.length ? [...madeFrom[i + 1]!, ...more].sort((a, b) => a - b) : madeFrom[i + 1]!;
  }
  let lastPython = typo.length - 1;
  while (lastPython >= 0 && !mayBePython(typo[lastPython]!)) lastPython--;
  const python = lastPython < 0 ? typo : typo.map(rewritePython);
  let lastRewritten = typo.length - 1;
  while (lastRewritten >= 0 && python[lastRewritten] === typo[lastRewritten]) lastRewritten--;
  const typoLines = new PasteLines(typo);
  return { typo: typoLines, python: python === typo ? typoLines : new PasteLines(python), madeFrom, lastPython, lastRewritten };
}

/** A line the typography or Python repairs may change: testing line by line finds what testing the joined lines would. */
function needsRepair(line: string): boolean {
  return line.includes('\n') || untypesetNeeded(line) || mayBePython(line);
}

/**
 * The body of readBody(paste.texts.slice(from)), and `next`: the index in paste.texts of the first line after
 * the document (where readBody's `rest` starts), when readBody would give a rest.
 */
export function readBodyAt(paste: PasteLines, from: number): BodyResult & { next?: number } {
  const read = readFrom(paste, from, true);
  if (read.next === undefined) return read.result;
  return { ...read.result, next: paste.texts.length - (read.lines.length - read.next) };
}

/**
 * readBody's work; `next` indexes `lines`, the repaired lines the document was read from. `again`: more
 * documents will be read from the same paste, so repairs are worked out line by line once where they can be.
 */
function readFrom(paste: PasteLines, from: number, again: boolean): { result: BodyResult; lines: string[]; next?: number } {
  if (paste.plain(from)) return readPlain(paste, from, []);
  const repaired = again ? paste.repairedFrom(from) : null;
  if (repaired) return readPlain(repaired.paste, from, repaired.notes);
  // Repairs to make on the rest of the paste as a whole: its repaired lines then need none.
  const typo = untypeset(paste.texts.slice(from).join('\n'));
  const py = pythonToJson(typo.text);
  if (py !== typo.text) typo.notes.push(PYTHON_NOTE);
  return readPlain(new PasteLines(py.split('\n')), 0, typo.notes);
}

/** readBody on lines that need no more typography or Python repair; `repairs`: the notes of those made. */
function readPlain(paste: PasteLines, from: number, repairs: string[]): { result: BodyResult; lines: string[]; next?: number } {
  const lines = paste.texts;
  let start = from;
  while (start < lines.length && !/^\s*[{[]/.test(lines[start]!)) start++;
  if (start === lines.length) {
    const text = lines.slice(from, firstBlank(lines, from)).join('\n').trim();
    return { result: { body: text === '' ? null : text, notes: [] }, lines };
  }
  const notes = [...repairs];
  // Values a hard wrap cut at a line end are joined first: restoring a "lost" quote there would cut them.
  const wrapped = rejoinWrapped(lines, start);
  if (wrapped) notes.push(`${REJOINED} (${wrapped.joins} ${wrapped.joins === 1 ? 'value' : 'values'} cut at a line end)`);
  const quoted = (wrapped ? new PasteLines(wrapped.lines) : paste).lostQuotes();
  const count = quoted.countFrom[start]!;
  if (count) notes.push(`${count} lost closing quote(s) restored`);
  const shaped = shape(quoted.lines, start, notes);
  const unreadable = () => lines.slice(start, firstBlank(lines, start)).join('\n');
  if ('error' in shaped) return { result: { body: null, notes, error: shaped.error, unreadable: unreadable() }, lines };
  const noted = notes.length;
  const text = dropElidedValues(addMissingCommas(shaped.lines, notes).join('\n'), notes);
  // `next` indexes the paste's lines, as they were before the joins.
  const end = start + shaped.next;
  const next = shaped.next < 0 ? lines.length : wrapped ? (wrapped.from[end] ?? lines.length) : end;
  try {
    return { result: { body: parseBounded(text), notes }, lines, next };
  } catch {
    const go = goValueToJson(text);
    if (go !== null) {
      notes.push(GO_NOTE);
      return { result: { body: parseBounded(go), notes }, lines, next };
    }
    // Read before the JSON repairs: a Java value is unquoted, so `00ab...yz` is a masked token, not an elision.
    const java = javaMapToJson(shaped.lines.join('\n'));
    if (java !== null) {
      notes.length = noted;
      notes.push(JAVA_NOTE);
      return { result: { body: parseBounded(java), notes }, lines, next };
    }
    try {
      const body = parseBounded(commonRepairs(text) ?? repairBounded(text, jsonrepair));
      notes.push('JSON repaired');
      return { result: { body, notes }, lines, next };
    } catch (err) {
      return { result: { body: null, notes, error: (err as Error).message, unreadable: unreadable() }, lines };
    }
  }
}

/** The note saying a body was cut short, for the warning every reader gives about it; undefined if it was not. */
export function truncation(body: { notes: string[] } | null | undefined): string | undefined {
  return body?.notes.find((n) => n.startsWith('truncated document'));
}

const REJOINED = 're-joined from hard-wrapped lines';

/** The note saying a body was re-joined from hard-wrapped lines (see rejoinWrapped), for a warning; undefined if it was not. */
export function rewrapping(body: { notes: string[] } | null | undefined): string | undefined {
  return body?.notes.find((n) => n.startsWith(REJOINED));
}

/**
 * The warnings a side's body calls for (`response truncated document: …`, `request re-joined from
 * hard-wrapped lines …`): what was repaired in a way that may have changed what it says. `cut`: whether a
 * truncation is named too (the readers of commands and logs name it on the response only, where it is usual).
 */
export function bodyWarnings(side: 'request' | 'response', body: { notes: string[] } | null | undefined, cut = true): string[] {
  const out: string[] = [];
  const wrapped = rewrapping(body);
  if (wrapped) out.push(`${side} body ${wrapped}`);
  const truncated = cut ? truncation(body) : undefined;
  if (truncated) out.push(`${side} ${truncated}; read as far as it goes`);
  return out;
}

function firstBlank(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.trim() !== '') i++;
  return i;
}

/**
 * Finds where the JSON document ends and fixes its bracket structure. Pretty-printed JSON keeps its
 * indentation when pasted, so after an elision (`...`) a closing bracket indented deeper than the open one
 * is a leftover of the elided part and is dropped, and one indented shallower closes the brackets above it.
 */
function shape(all: string[], from: number, notes: string[]): { lines: string[]; next: number } | { error: string } {
  const out: string[] = [];
  const stack: Opener[] = [];
  let dropped = 0;
  let inserted = 0;
  let elisions = 0;
  let next = -1;
  // The document's lines are all[from..]; `i` counts from `from`, as the line numbers in errors do.
  for (let i = 0; from + i < all.length; i++) {
    const line = all[from + i]!;
    const t = line.trim();
    const indent = line.length - line.trimStart().length;
    // A rendered forum page turns an elision into an empty line: the closers after it may not balance.
    if (t === '' && stack.length) {
      stack[stack.length - 1]!.elided = true;
      continue;
    }
    if (ELISION_LINE.test(t)) {
      elisions++;
      if (stack.length) stack[stack.length - 1]!.elided = true;
      continue;
    }
    const closer = CLOSER_LINE.exec(t);
    const top = stack[stack.length - 1];
    if (closer && top && stack.length > 1) {
      if (top.elided && indent > top.indent) {
        dropped++;
        continue;
      }
      const match = findByIndent(stack, indent);
      if (indent < top.indent && match >= 0 && stack.slice(match + 1).some((o) => o.elided)) {
        const extra = stack.splice(match + 1).reverse().map(closeOf).join('');
        inserted += extra.length;
        out.push(' '.repeat(indent) + extra + closeOf(stack.pop()!) + closer[2]);
        continue;
      }
    }
    const scan = scanLine(line, stack, indent);
    if (scan.mismatch) return { error: `brackets do not match on its line ${i + 1}` };
    dropped += scan.dropped;
    if (scan.end >= 0) {
      out.push(scan.line);
      const after = [scan.rest, ...adjacent(all, from + i + 1)].join('\n');
      if (/"\s*:|[{[]\s*"/.test(after)) {
        return { error: `brackets do not match: the document closes on its line ${i + 1} but JSON text follows` };
      }
      next = i + 1;
      break;
    }
    if (stack.length === 0) {
      out.push(scan.line);
      break;
    }
    if (isProse(line) && !/[:"{}[\]]/.test(line)) break;
    out.push(scan.line);
  }
  if (elisions) notes.push(`${elisions} elided line(s) (...) removed`);
  if (dropped) notes.push(`${dropped} surplus closing bracket(s) after an elision dropped`);
  if (inserted) notes.push(`${inserted} closing bracket(s) restored after an elision`);
  if (stack.length) notes.push(`truncated document: ${stack.length} bracket(s) left open`);
  return { lines: trimTrailingProse(out), next };
}

/**
 * Lines right after the document, up to a blank or prose line or the start of a second document: what
 * would belong to it if it went on.
 */
function adjacent(lines: string[], from: number): string[] {
  let end = from;
  while (end < lines.length && !(lines[end]!.trim() === '' || isProse(lines[end]!) || /^\s*[{[]/.test(lines[end]!))) end++;
  return lines.slice(from, end);
}

function closeOf(o: Opener): string {
  return o.char === '{' ? '}' : ']';
}

function findByIndent(stack: Opener[], indent: number): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.indent === indent) return i;
  return -1;
}

interface Scan {
  /** The line, without closing brackets dropped as leftovers of an elision. */
  line: string;
  /** Index in `line` where the outermost bracket closed, or -1. */
  end: number;
  /** What followed the outermost closing bracket on the line. */
  rest: string;
  dropped: number;
  /** A bracket closed one of the other kind with no elision to explain it: damage repair would paper over. */
  mismatch: boolean;
}

/**
 * Pushes and pops brackets outside strings. Inside a container whose content was elided, a closing bracket
 * of the wrong kind is a leftover of the elided part (the only clue left when the paste lost its indentation).
 */
function scanLine(line: string, stack: Opener[], lineIndent: number): Scan {
  let inString = false;
  // The kept text is `out` then line[from..i): a dropped bracket ends a run (no string built per character).
  let out = '';
  let from = 0;
  let dropped = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '.' && line.startsWith('...', i) && stack.length) stack[stack.length - 1]!.elided = true;
    else if (c === '{' || c === '[') stack.push({ char: c, indent: lineIndent, elided: false });
    else if ((c === '}' || c === ']') && stack.length) {
      const top = stack[stack.length - 1]!;
      if (closeOf(top) !== c) {
        if (!top.elided) return { line, end: -1, rest: '', dropped, mismatch: true };
        dropped++;
        out += line.slice(from, i);
        from = i + 1;
        continue;
      }
      stack.pop();
      if (top.elided && stack.length) stack[stack.length - 1]!.elided = true;
      if (stack.length === 0) {
        const kept = out + line.slice(from, i);
        return { line: kept + c, end: kept.length, rest: line.slice(i + 1), dropped, mismatch: false };
      }
    }
  }
  return { line: out + line.slice(from), end: -1, rest: '', dropped, mismatch: false };
}

function trimTrailingProse(lines: string[]): string[] {
  let end = lines.length;
  while (end > 1 && (lines[end - 1]!.trim() === '' || isProse(lines[end - 1]!))) end--;
  return lines.slice(0, end);
}

/** `"a": "x"` followed by a line starting with `"b":` lost its comma in the paste. */
function addMissingCommas(lines: string[], notes: string[]): string[] {
  let added = 0;
  // The next non-blank line of each line, found in one pass from the end (a slice per line was quadratic).
  const nextOf: (string | undefined)[] = new Array(lines.length);
  let following: string | undefined;
  for (let i = lines.length - 1; i >= 0; i--) {
    nextOf[i] = following;
    if (lines[i]!.trim() !== '') following = lines[i];
  }
  const out = lines.map((line, i) => {
    const next = nextOf[i];
    if (!next || !/^\s*"/.test(next)) return line;
    if (!/(?:"|\d|true|false|null|[}\]])\s*$/.test(line)) return line;
    added++;
    return line.replace(/\s*$/, ',');
  });
  if (added) notes.push(`${added} missing comma(s) restored`);
  return out;
}

/**
 * `"_links": ...` (a value elided by hand) becomes an absent key: the value is unknown, not null.
 * `"_links": { ... }` keeps its (now empty) object: that there was one is known.
 */
function dropElidedValues(text: string, notes: string[]): string {
  const shown = nodeElisions(text);
  if (shown !== text) notes.push("values console.log did not print ([Object], [Array], … more items) left out");
  // Quoted keys, and the bare keys of a JavaScript literal (after `{` or `,`). Every string is matched, kept
  // when no elision follows it: the scan goes on after it, instead of again from each quote inside it
  // (quadratic on a string holding escaped JSON).
  const next = shown.replace(/"(?:[^"\\]|\\.)*"(\s*:\s*\.\.\.\s*,?)?|(?<=[{,]\s*)[A-Za-z_$][\w$]*\s*:\s*\.\.\.\s*,?/g, (m, elided?: string) =>
    m.charCodeAt(0) === 34 && elided === undefined ? m : '',
  );
  if (next !== text) notes.push('elided value(s) left out');
  const bare = stripBareEllipses(next);
  if (bare !== next) notes.push('elision marks (...) outside strings removed');
  return bare;
}

/**
 * Node's util.inspect, which console.log uses, prints `[Object]` and `[Array]` for what lies deeper than it
 * shows, and `... 3 more items` for the rest of a long array: elisions, written `...` so that they are left
 * out like the others (an array of nothing but `[Object]` is itself unknown, not empty).
 */
function nodeElisions(text: string): string {
  if (!/\[(?:Object|Array)\]|\.\.\. \d+ more items?/.test(text)) return text;
  return text
    .replace(/\[\s*(?:\[(?:Object|Array)\]\s*,\s*)*\[(?:Object|Array)\]\s*(?:,\s*\.\.\. \d+ more items?\s*)?\]/g, '...')
    .replace(/\[(?:Object|Array|Function(?::[^\]]*)?|Getter(?:\/Setter)?|Circular \*\d+)\]/g, '...')
    .replace(/,?\s*\.\.\. \d+ more items?/g, ' ...');
}

/**
 * Removes `...` outside strings (`}...}` truncation marks); inside strings (`r...s@email.com`) they stay, and
 * so do they inside an unquoted value (`stateToken: 00cd...wx`, as Dart and Java print a map): a mask there.
 */
function stripBareEllipses(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"' || c === '\n') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === '.' && text.startsWith('...', i) && !(/[\w-]/.test(text[i - 1] ?? '') && /\w/.test(text[i + 3] ?? ''))) {
      out += text.slice(from, i);
      i += 2;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
