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

/** Keys 0…n-1 in order are a list (`[factors] => Array ( [0] => … )`), anything else an object. */
function shape(entries: [string, Value][]): Value {
  if (entries.length > 0 && entries.every(([k], n) => k === String(n))) return entries.map(([, v]) => v);
  const out: { [key: string]: Value } = {};
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The paste with every print_r block written as JSON on its first line; null when there is none. */
export function rewritePrintR(text: string): string | null {
  if (!/^\s*(?:Array|stdClass Object|[\w\\]+ Object)\s*$/m.test(text)) return null;
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!);
    if (!open) continue;
    const block = readBlock(lines, i);
    if (!block || typeof block.value !== 'object') continue;
    lines[i] = `${open[1]}${JSON.stringify(block.value)}`;
    for (let j = i + 1; j <= block.end; j++) lines[j] = '';
    i = block.end;
    changed = true;
  }
  return changed ? lines.join('\n') : null;
}
