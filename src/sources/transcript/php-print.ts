/**
 * PHP's `print_r()` of a decoded response (`print_r(json_decode($body, true))`, a Guzzle or Laravel app's
 * debug output):
 *
 *     Array
 *     (
 *         [status] => MFA_REQUIRED
 *         [_embedded] => Array
 *             (
 *                 [user] => Array ( … )
 *             )
 *     )
 *
 * rewritten as JSON on the block's first line, its other lines left empty so line numbers stay the paste's.
 * `stdClass Object` (json_decode without `true`) reads the same; keys 0…n-1 make a list. print_r prints
 * true as 1 and false and null as nothing: values stay the text it printed.
 */

const OPEN = /^(\s*)(?:Array|stdClass Object|[\w\\]+ Object)\s*$/;
const PAREN = /^\s*\(\s*$/;
const CLOSE = /^\s*\)\s*$/;
const ENTRY = /^\s*\[([^\]]*?)(?::(?:protected|private)(?::[^\]]*)?)?\]\s*=>\s?(.*)$/;

type Value = string | Value[] | { [key: string]: Value };

/** The block opened at `lines[at]` (its `Array` line), read to its `)`; null when it is not one. */
function readBlock(lines: readonly string[], at: number): { value: Value; end: number } | null {
  let i = at + 1;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i >= lines.length || !PAREN.test(lines[i]!)) return null;
  const entries: [string, Value][] = [];
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (CLOSE.test(line)) return { value: shape(entries), end: i };
    if (line.trim() === '') continue;
    const m = ENTRY.exec(line);
    if (!m) return null;
    const [, key, rest] = m as unknown as [string, string, string];
    if (/^(?:Array|stdClass Object|[\w\\]+ Object)\s*$/.test(rest)) {
      const nested = readBlock(lines, i);
      if (!nested) return null;
      entries.push([key, nested.value]);
      i = nested.end;
    } else entries.push([key, rest.trimEnd()]);
  }
  return null;
}

/** Keys 0…n-1 in order are a list (`[factors] => Array ( [0] => … )`), anything else (or `asList` false) an object. */
function shape<V>(entries: [string, V][], asList = true): V[] | { [key: string]: V } {
  if (asList && entries.length > 0 && entries.every(([k], n) => k === String(n))) return entries.map(([, v]) => v);
  const out: { [key: string]: V } = {};
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The paste with every print_r block written as JSON on its first line; null when there is none. */
export function rewritePrintR(text: string): string | null {
  return rewriteBlocks(text, OPEN, readBlock);
}

/**
 * The paste with every block that `read` reads from a line matching `open` written as JSON on that line,
 * its other lines left empty so line numbers stay the paste's; null when there is none.
 */
function rewriteBlocks(text: string, open: RegExp, read: (lines: readonly string[], at: number) => { value: unknown; end: number } | null): string | null {
  if (!new RegExp(open.source, 'm').test(text)) return null;
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const opened = open.exec(lines[i]!);
    if (!opened) continue;
    const block = read(lines, i);
    if (!block) continue;
    lines[i] = `${opened[1]}${JSON.stringify(block.value)}`;
    for (let j = i + 1; j <= block.end; j++) lines[j] = '';
    i = block.end;
    changed = true;
  }
  return changed ? lines.join('\n') : null;
}

/**
 * PHP's `var_dump()` of a decoded response, plain or as Xdebug prints it (`'status' =>`, a `file.php:12:`
 * line before it):
 *
 *     array(2) {
 *       ["status"]=>
 *       string(12) "MFA_REQUIRED"
 *       ["_embedded"]=>
 *       object(stdClass)#2 (1) { … }
 *     }
 *
 * rewritten as JSON like print_r's. var_dump keeps the types: bool(true), int(5), float(1.5) and NULL are
 * read as such; a string is read to its byte length, across lines if it holds them (one line when its length
 * no longer matches: masked since).
 */
const DUMP_OPEN = /^(\s*)(?:array\(\d+\)|object\([\w\\]+\)#\d+ \(\d+\))\s*\{\s*$/;
const DUMP_KEY = /^\s*(?:\[(?:"((?:[^"\\]|\\.)*)"|(-?\d+))(?::(?:protected|"[^"]*":private))?\]\s*=>|'((?:[^'\\]|\\.)*)'\s*=>|(-?\d+)\s*=>|(?:protected|private|public)\s+\$(\w+)\s*=>)\s*(.*)$/;
const DUMP_STRING = /^\s*string\((\d+)\)\s+(["'])(.*)$/;
const DUMP_SCALAR = /^\s*(?:bool\((true|false)\)|int\((-?\d+)\)|float\((-?[\d.eE+-]+|NAN|INF|-INF)\)|(NULL|null))\s*$/;

/** Nesting past this is no decoded response: the block is left as text (and no stack overflows on a hostile one). */
const DUMP_DEPTH = 64;

type DumpValue = null | boolean | number | string | DumpValue[] | { [key: string]: DumpValue };

/** One value starting at `lines[at]` (after its key's `=>`, on the same line as `rest` or the next); null when it is not var_dump's. */
function readDumpValue(lines: readonly string[], at: number, rest: string, depth: number): { value: DumpValue; end: number } | null {
  let i = at;
  let text = rest;
  if (text.trim() === '') {
    i++;
    if (i >= lines.length) return null;
    text = lines[i]!;
  }
  if (DUMP_OPEN.test(text)) return depth < DUMP_DEPTH ? readDumpBlock(lines, i, depth + 1) : null;
  const scalar = DUMP_SCALAR.exec(text);
  if (scalar) {
    const [, bool, int, float, nil] = scalar;
    if (bool !== undefined) return { value: bool === 'true', end: i };
    if (int !== undefined) return { value: Number(int), end: i };
    if (float !== undefined) return { value: Number.isFinite(Number(float)) ? Number(float) : float, end: i };
    if (nil !== undefined) return { value: null, end: i };
  }
  const string = DUMP_STRING.exec(text);
  if (!string) return null;
  const [, size, quote, first] = string as unknown as [string, string, string, string];
  const start = i;
  // The string's bytes, then its closing quote: a value holding newlines goes on over the next lines.
  const parts = [first];
  let bytes = Buffer.byteLength(first, 'utf8');
  for (;;) {
    const body = parts[parts.length - 1]!.trimEnd();
    if (bytes >= Number(size) + 1 && body.endsWith(quote)) return { value: parts.join('\n').trimEnd().slice(0, -1), end: i };
    // Not its length (a paste masked by hand or by `authtrail sanitize`): the line's own quoted text.
    if (bytes > Number(size) + 1 || i + 1 >= lines.length) return first.trimEnd().endsWith(quote) ? { value: first.trimEnd().slice(0, -1), end: start } : null;
    i++;
    parts.push(lines[i]!);
    bytes += 1 + Buffer.byteLength(lines[i]!, 'utf8');
  }
}

/** The block opened at `lines[at]` (`array(n) {` or `object(…)#n (n) {`), read to its `}`; null when it is not one. */
function readDumpBlock(lines: readonly string[], at: number, depth = 0): { value: DumpValue; end: number } | null {
  const list = /^\s*array\(/.test(lines[at]!);
  const entries: [string, DumpValue][] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    // An object's numbered properties stay an object; an array's keys 0…n-1 make a list.
    if (/^\s*\}\s*$/.test(line)) return { value: shape(entries, list), end: i };
    if (line.trim() === '') continue;
    const m = DUMP_KEY.exec(line);
    if (!m) return null;
    const key = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!;
    const value = readDumpValue(lines, i, m[6]!, depth);
    if (!value) return null;
    entries.push([key, value.value]);
    i = value.end;
  }
  return null;
}

/** The paste with every var_dump block written as JSON on its first line; null when there is none. */
export function rewriteVarDump(text: string): string | null {
  return rewriteBlocks(text, DUMP_OPEN, (lines, at) => readDumpBlock(lines, at));
}
