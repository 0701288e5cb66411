import { jsonrepair } from 'jsonrepair';
import { commonRepairs, pythonToJson } from './lenient.js';
import { parseBounded } from '../../http/json.js';
import { isProse } from './text.js';
import { restoreLostQuotes, untypeset } from './typography.js';

/** A body read from pasted text: parsed JSON, the text itself, or null; `error` when JSON was beyond repair. */
export interface BodyResult {
  body: unknown;
  notes: string[];
  error?: string;
  /** The lines after a JSON document that closed: a second document pasted without a marker may be there. */
  rest?: string[];
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
  const typo = untypeset(input.join('\n'));
  const py = pythonToJson(typo.text);
  if (py !== typo.text) typo.notes.push('Python/JavaScript object syntax read as JSON');
  typo.text = py;
  const lines = typo.text.split('\n');
  const start = lines.findIndex((l) => /^\s*[{[]/.test(l));
  if (start < 0) {
    const text = lines.slice(0, firstBlank(lines)).join('\n').trim();
    return { body: text === '' ? null : text, notes: [] };
  }
  const notes = [...typo.notes];
  const quoted = restoreLostQuotes(lines.slice(start));
  if (quoted.count) notes.push(`${quoted.count} lost closing quote(s) restored`);
  const shaped = shape(quoted.lines, notes);
  if ('error' in shaped) return { body: null, notes, error: shaped.error };
  const text = dropElidedValues(addMissingCommas(shaped.lines, notes).join('\n'), notes);
  const rest = shaped.next < 0 ? [] : lines.slice(start + shaped.next);
  try {
    return { body: parseBounded(text), notes, rest };
  } catch {
    try {
      const body = parseBounded(commonRepairs(text) ?? jsonrepair(text));
      notes.push('JSON repaired');
      return { body, notes, rest };
    } catch (err) {
      return { body: null, notes, error: (err as Error).message };
    }
  }
}

/** The note saying a body was cut short, for the warning every reader gives about it; undefined if it was not. */
export function truncation(body: { notes: string[] } | null | undefined): string | undefined {
  return body?.notes.find((n) => n.startsWith('truncated document'));
}

function firstBlank(lines: string[]): number {
  const i = lines.findIndex((l) => l.trim() === '');
  return i < 0 ? lines.length : i;
}

/**
 * Finds where the JSON document ends and fixes its bracket structure. Pretty-printed JSON keeps its
 * indentation when pasted, so after an elision (`...`) a closing bracket indented deeper than the open one
 * is a leftover of the elided part and is dropped, and one indented shallower closes the brackets above it.
 */
function shape(lines: string[], notes: string[]): { lines: string[]; next: number } | { error: string } {
  const out: string[] = [];
  const stack: Opener[] = [];
  let dropped = 0;
  let inserted = 0;
  let elisions = 0;
  let next = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
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
      const after = [scan.rest, ...adjacent(lines.slice(i + 1))].join('\n');
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
function adjacent(lines: string[]): string[] {
  const end = lines.findIndex((l) => l.trim() === '' || isProse(l) || /^\s*[{[]/.test(l));
  return end < 0 ? lines : lines.slice(0, end);
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
  const next = text.replace(/"(?:[^"\\]|\\.)*"\s*:\s*\.\.\.\s*,?/g, '');
  if (next !== text) notes.push('elided value(s) left out');
  const bare = stripBareEllipses(next);
  if (bare !== next) notes.push('elision marks (...) outside strings removed');
  return bare;
}

/** Removes `...` outside strings (`}...}` truncation marks); inside strings (`r...s@email.com`) they stay. */
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
    if (c === '.' && text.startsWith('...', i)) {
      out += text.slice(from, i);
      i += 2;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
