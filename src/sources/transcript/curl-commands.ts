import { CMDLET_PARAMETER, isPowerShellStart, statementEnd, statementText } from './powershell.js';
import { isNodeCall, nodeCallEnd, nodeReceivers } from './node-calls.js';
import { isPythonCall, pythonCallEnd, pythonReceivers } from './python-requests.js';
import type { Line } from './text.js';

/** Where a curl command sits in the text, and the lines after it that hold its output. */
export interface CurlCommand {
  /**
   * curl; HTTPie (`http`, `https`, and xh, which reads the same); a JavaScript `fetch(url, {...})` call
   * (DevTools' "Copy as fetch"); PowerShell's Invoke-RestMethod / Invoke-WebRequest (see powershell.ts);
   * a Python `requests` / `httpx` call (see python-requests.ts); an axios or fetch call in a Node.js script
   * (see node-script.ts).
   */
  kind: 'curl' | 'httpie' | 'fetch' | 'powershell' | 'python' | 'node';
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
/** What cmd.exe echoes in front of each line it reads after a `^` continuation. */
const CMD_PROMPT = /^\s*More\?\s?/;

// Prose that starts with the word ("curl is installed") has no option, URL or continuation after it.
const ARGUMENTS = /\s(?:-{1,2}[A-Za-z]|['"^]*(?:https?:\/\/|\$\{?\w|\/|[\w-]+(?:\.[\w-]+)+\/))|(?:\\|`|\^)\s*$/;

export function isCurlStart(text: string): boolean {
  return START.test(text) && ARGUMENTS.test(text);
}

// HTTPie: `http [METHOD] URL items...`, with a URL (scheme, `:port/` shorthand, host with a dot and a path, a
// template host) as the first or second argument, so prose that starts with the word is not a command.
const HTTPIE_START = /^\s*(?:(?:\d{1,3}[.)]|[-*])\s+)?(?:[$%#>]\s*|PS[^>]*>\s*)?(?:https?|xhs?)\s+(?:-{1,2}[\w-]+(?:=\S+)?\s+)*(?:[A-Z]{3,7}\s+)?['"]?(?:https?:\/\/|:\d*\/|\{\{|\$\{?\w|[\w-]+(?:\.[\w-]+)+(?::\d+)?\/)/;
// fetch("https://…", {  /  await fetch('…', {  /  const res = await fetch(`…`, {
const FETCH_START = /^\s*(?:(?:const|let|var)\s+\w+\s*=\s*)?(?:await\s+)?(?:window\.)?fetch\(\s*["'`](?:https?:\/\/|\/|\$\{)/;

/** A curl or HTTPie / xh command's first line. */
export function isCommandStart(text: string): boolean {
  return isCurlStart(text) || HTTPIE_START.test(text);
}

function commandKind(text: string, next: string | undefined, python: ReadonlySet<string>, node: ReadonlySet<string>): CurlCommand['kind'] | null {
  if (isCurlStart(text)) return CMDLET_PARAMETER.test(text) ? 'powershell' : 'curl';
  if (HTTPIE_START.test(text)) return 'httpie';
  // In a script, fetch(url, init) is read with the script's names and output; a one-shot copy by fetch-call.ts.
  // `return axios` with `.post(…)` on the next line, as formatters break a chain.
  if (isNodeCall(text, node) || (next !== undefined && /[\w$]\s*$/.test(text) && /^\s*\./.test(next) && isNodeCall(`${text}${next.trim()}`, node))) return 'node';
  if (FETCH_START.test(text)) return 'fetch';
  if (isPowerShellStart(text)) return 'powershell';
  if (isPythonCall(text, python)) return 'python';
  return null;
}

/**
 * Finds each `curl` command: its first line, then continuation lines (trailing `\`, PowerShell's backtick
 * or cmd's `^`) and lines inside a quote left open (a multi-line `-d '{...}'` body).
 */
export function findCurlCommands(lines: Line[]): CurlCommand[] {
  const starts: { at: number; kind: CurlCommand['kind'] }[] = [];
  const python = pythonReceivers(lines);
  const node = nodeReceivers(lines);
  lines.forEach((l, i) => {
    const kind = commandKind(l.text, lines[i + 1]?.text, python, node);
    if (kind) starts.push({ at: i, kind });
  });
  return starts.map(({ at: s, kind }, k) => {
    const limit = starts[k + 1]?.at ?? lines.length;
    if (kind === 'node') {
      const end = nodeCallEnd(lines, s, limit);
      return { kind, line: lines[s]!, text: lines.slice(s, end).map((l) => l.text).join('\n'), stdin: null, output: lines.slice(end, limit) };
    }
    if (kind === 'python') {
      const end = pythonCallEnd(lines, s, limit);
      const text = lines.slice(s, end).map((l, i) => (i === 0 ? l.text.replace(/^\s*>>>\s?/, '') : l.text.replace(/^\s*\.\.\.\s?/, ''))).join('\n');
      return { kind, line: lines[s]!, text, stdin: null, output: lines.slice(end, limit) };
    }
    if (kind === 'powershell') {
      const end = statementEnd(lines, s, limit);
      return { kind, line: lines[s]!, text: statementText(lines, s, end), stdin: null, output: lines.slice(end, limit) };
    }
    let end = kind === 'fetch' ? callEnd(lines, s, limit) : commandEnd(lines, s, limit, true);
    if (end === null) end = commandEnd(lines, s, limit, false)!;
    const text = lines
      .slice(s, end)
      .map((l, i, own) => (i > 0 && /\^\s*$/.test(own[i - 1]!.text) ? l.text.replace(CMD_PROMPT, '') : l.text))
      .join('\n')
      .replace(kind === 'curl' ? /^[^c]*?(?=curl)/ : kind === 'fetch' ? /^[^]*?(?=fetch\()/ : /^[^]*?(?=(?:https?|xhs?)\s)/, '');
    const doc = kind === 'fetch' ? null : hereDocument(text, lines.slice(end, limit));
    return { kind, line: lines[s]!, text, stdin: doc?.text ?? null, output: lines.slice(end + (doc?.lines ?? 0), limit) };
  });
}

/** Index just after the line where a `fetch(` call's parentheses close (strings and template literals skipped); null if they never do. */
function callEnd(lines: Line[], start: number, limit: number): number | null {
  let depth = 0;
  let quote = '';
  let opened = false;
  for (let i = start; i < limit; i++) {
    const t = lines[i]!.text;
    for (let j = i === start ? t.indexOf('fetch(') + 5 : 0; j < t.length; j++) {
      const c = t[j]!;
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '(' || c === '{' || c === '[') {
        depth++;
        opened = true;
      } else if (c === ')' || c === '}' || c === ']') {
        depth--;
        if (opened && depth === 0) return i + 1;
      }
    }
    // A quote left open at the end of a line: only template literals span lines.
    if (quote && quote !== '`') quote = '';
  }
  return null;
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
