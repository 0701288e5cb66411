import type { Line } from './text.js';

/**
 * The body of one side of a log that writes each side's head, then its body (OkHttp's logging interceptor,
 * Python http.client's debug output). A JVM logger writes a pretty-printed body as one message: its first
 * line carries the logger's prefix, the lines after it none; logcat repeats the prefix on every line.
 */

/** The end of a logged side (`--> END POST (71-byte body)`, `<-- END HTTP`) or the head of the next one. */
const SIDE_STOP = /^\s*(?:-->|<--)\s/;

/**
 * The prefix the logger wrote in front of a head (`2024-04-02 11:03:12.903  INFO 18244 --- [exec-3]
 * okhttp3.OkHttpClient : `, `D/OkHttp: `) as a pattern for the lines after it: digit runs (timestamps, pids)
 * and inner whitespace vary, the rest is the same. Null when the head starts the line.
 */
export function loggerPrefix(text: string, at: number): RegExp | null {
  const prefix = text.slice(0, at);
  if (prefix.trim() === '') return null;
  const lead = /\s*$/.exec(prefix)![0];
  const body = prefix.slice(0, prefix.length - lead.length);
  const pattern = body
    .split(/(\d+|\s+)/)
    .map((part) => (/^\d+$/.test(part) ? '\\d+' : /^\s+$/.test(part) ? '\\s+' : part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  // The separator after the prefix is taken as it was written, so a JSON line keeps its indentation.
  return new RegExp(`^${pattern}${lead.replace(/\t/g, '\\t')}`);
}

/** What the logger wrote on a line: the line without the prefix when it has it, else the line as it is. */
function message(text: string, prefix: RegExp | null): string {
  const m = prefix?.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/**
 * The JSON document that starts on line `i` of a logged side, through the line where it closes, the side's end
 * marker, a blank line or the end of the paste; null when line `i` does not start one. `next`: the first line
 * after it.
 */
export function sideBody(lines: Line[], i: number, prefix: RegExp | null): { text: string; next: number } | null {
  const first = message(lines[i]!.text, prefix);
  const open = first.search(/[{[]/);
  if (open < 0 || first.slice(0, open).trim() !== '') return null;
  const texts = [first];
  const scan = bracketScanner();
  let closed = scan(first.slice(open));
  let j = i + 1;
  for (; !closed && j < lines.length; j++) {
    const next = message(lines[j]!.text, prefix);
    if (next.trim() === '' || SIDE_STOP.test(next)) break;
    texts.push(next);
    closed = scan('\n' + next);
  }
  return { text: texts.join('\n').slice(open), next: j };
}

/** Feeds text piece by piece; true once the first object or array opened has closed (strings skipped). */
function bracketScanner(): (text: string) => boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  return (text) => {
    for (const c of text) {
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return true;
    }
    return false;
  };
}
