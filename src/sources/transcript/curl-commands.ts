import type { Line } from './text.js';

/** Where a curl command sits in the text, and the lines after it that hold its output. */
export interface CurlCommand {
  line: Line;
  /** The command as one string, line continuations included. */
  text: string;
  /** The here-document fed to the command (`-d @- <<'EOF'`), or null. */
  stdin: string | null;
  /** Lines between this command and the next one (or the end): the response, maybe with prose. */
  output: Line[];
}

const START = /^\s*(?:(?:\d{1,3}[.)]|[-*])\s+)?(?:[$%#>]\s*|PS[^>]*>\s*|[A-Z]:\\[^>]*>\s*)?curl(?:\.exe)?\s/;
const CONTINUED = /(?:\\|`|\^)\s*$/;

// Prose that starts with the word ("curl is installed") has no option, URL or continuation after it.
const ARGUMENTS = /\s(?:-{1,2}[A-Za-z]|['"^]*(?:https?:\/\/|\$\{?\w|\/|[\w-]+(?:\.[\w-]+)+\/))|(?:\\|`|\^)\s*$/;

export function isCurlStart(text: string): boolean {
  return START.test(text) && ARGUMENTS.test(text);
}

/**
 * Finds each `curl` command: its first line, then continuation lines (trailing `\`, PowerShell's backtick
 * or cmd's `^`) and lines inside a quote left open (a multi-line `-d '{...}'` body).
 */
export function findCurlCommands(lines: Line[]): CurlCommand[] {
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (isCurlStart(l.text)) starts.push(i);
  });
  return starts.map((s, k) => {
    const limit = starts[k + 1] ?? lines.length;
    let end = commandEnd(lines, s, limit, true);
    if (end === null) end = commandEnd(lines, s, limit, false)!;
    const text = lines
      .slice(s, end)
      .map((l) => l.text)
      .join('\n')
      .replace(/^[^c]*?(?=curl)/, '');
    const doc = hereDocument(text, lines.slice(end, limit));
    return { line: lines[s]!, text, stdin: doc?.text ?? null, output: lines.slice(end + (doc?.lines ?? 0), limit) };
  });
}

/** `<<'EOF'` … `EOF` after the command: its text and how many lines it takes (terminator included). */
function hereDocument(command: string, after: Line[]): { text: string; lines: number } | null {
  const m = /<<-?\s*(['"]?)(\w+)\1/.exec(command);
  if (!m) return null;
  const end = after.findIndex((l) => l.text.trim() === m[2]);
  if (end < 0) return null;
  return { text: after.slice(0, end).map((l) => l.text).join('\n'), lines: end + 1 };
}

/** Index just after the command's last line; null when quotes never close before `limit` (then quotes are ignored). */
function commandEnd(lines: Line[], start: number, limit: number, quotes: boolean): number | null {
  let text = '';
  for (let i = start; i < limit; i++) {
    const t = lines[i]!.text;
    text += (i > start ? '\n' : '') + t;
    if (CONTINUED.test(t)) continue;
    if (quotes && openQuote(text)) continue;
    return i + 1;
  }
  return quotes ? null : limit;
}

/** True when a shell quote is still open at the end of `text` (single, double or ANSI-C `$'...'`). */
export function openQuote(text: string): boolean {
  let state: '' | "'" | '"' | '$' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (state === '') {
      if (c === '\\') i++;
      else if (c === '$' && text[i + 1] === "'") {
        state = '$';
        i++;
      } else if (c === "'" || c === '"') state = c;
    } else if (state === "'") {
      if (c === "'") state = '';
    } else {
      if (c === '\\') i++;
      else if ((state === '"' && c === '"') || (state === '$' && c === "'")) state = '';
    }
  }
  return state !== '';
}
