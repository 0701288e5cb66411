/** Line-level helpers shared by the forum, curl and raw HTTP readers. */

/** One line of the evidence with its 1-based line number in the original file. */
export interface Line {
  no: number;
  text: string;
}

/**
 * Splits text into numbered lines. Markdown fence lines (``` / ~~~) are dropped: people wrap any part of
 * a transcript in fences, and the readers find blocks by their content, not by the fences.
 * `unquote` also strips Markdown/email quote markers (`> `), as when a reply quotes a whole post; the
 * curl reader keeps them because `curl -v` marks request lines with `>`.
 */
export function toLines(text: string, unquote = false): Line[] {
  // Detection and each competing reader split the same paste: the last text's lines are kept (read-only).
  if (split?.text !== text) split = { text, plain: null, unquoted: null };
  const key = unquote ? 'unquoted' : 'plain';
  return (split[key] ??= splitLines(text, unquote));
}

/** The text last given to toLines and its lines both ways, until forgetLines or another text. */
let split: { text: string; plain: Line[] | null; unquoted: Line[] | null } | null = null;

/** Lets go of the lines toLines keeps (once a paste is read, they are not needed again). */
export function forgetLines(): void {
  split = null;
}

function splitLines(text: string, unquote: boolean): Line[] {
  const out: Line[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  // An HTML document pasted as a response body (a gateway's error page) is evidence as it stands: its tags
  // are not the leftovers of a rendered page that unwrap removes.
  let inDocument = false;
  raw.forEach((t, i) => {
    if (isFence(t)) return;
    if (/^\s*(?:<!doctype html|<html[\s>])/i.test(t)) inDocument = true;
    const text = inDocument ? t : unwrap(t);
    if (inDocument && /<\/html>\s*$/i.test(t)) inDocument = false;
    out.push({ no: i + 1, text: unquote ? text.replace(/^\s*(?:>[ \t]?)+/, '') : text });
  });
  return out;
}

/**
 * A fence line: backticks or tildes and at most an info string (```` ```json ````), or Jira's and
 * Confluence's wiki markup (`{code:json}`, `{code:language=json|title=…}`, `{noformat}`, `{quote}`, `{panel}`),
 * nothing of the body.
 */
export function isFence(line: string): boolean {
  return /^\s*(?:>\s*)*(?:(?:```|~~~)[\w+-]*|\{(?:code|noformat|quote|panel)(?::[^{}]*)?\})\s*$/i.test(line);
}

/** Jira's `{code:json}` / `{noformat}` on the JSON's own line, before or after it. */
const WIKI_OPEN = /^(\s*)\{(?:code|noformat)(?::[^{}]*)?\}(?=\s*[{[])/i;
const WIKI_CLOSE = /([}\]],?)\s*\{(?:code|noformat)\}\s*$/i;

// `DEBUG - {…}`, `INFO:root:{…}`, `const body = {…}`: a log level or an assignment in front of the object.
const OBJECT_PREFIX =
  /^(\s*)(?:(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR)(?::[\w.]*)*\s*[-:]\s*|(?:const|let|var)\s+[\w$]+\s*=\s*)(?=[{[])/;

/**
 * What a paste wraps around a line of evidence: a fence on the JSON's own line (```` ```{ ````), HTML
 * leftovers of a rendered page or ticket export (`<pre><code>`, `<p>`, `<strong>` read as bold), and a GitHub
 * issue's folded sections (`<details><summary>Response</summary>`: the summary is the line's text).
 */
function unwrap(line: string): string {
  let s = line.replace(/^(\s*(?:>\s*)*)(?:```|~~~)(?=\s*[{[])/, '$1').replace(OBJECT_PREFIX, '$1').replace(/([}\]],?)\s*(?:```|~~~)\s*$/, '$1');
  if (s.includes('{code') || s.includes('{noformat')) s = s.replace(WIKI_OPEN, '$1').replace(WIKI_CLOSE, '$1');
  if (!/<\/?(?:pre|code|p|br|strong|b|div|span|details|summary)\b[^>]*>/i.test(s)) return s;
  s = s.replace(/<\/?(?:strong|b)>/gi, '**').replace(/<\/?(?:pre|code|p|div|span|details|summary)\b[^>]*>|<br\s*\/?>/gi, '');
  return s;
}

// Application logs pasted into tickets: `2022-11-02 15:46:06,123 INFO [http-nio-8080] Response (200): {...}`.
const LOG_PREFIX =
  /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s+(?:\[?(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR)\]?\s+)?(?:\[[^\]]*\]\s+)*/i;

/** Removes Markdown decoration around a line: quote markers, heading hashes, list bullets, bold/italic. */
export function undecorate(line: string): string {
  let s = line.replace(/^\s*(?:>\s*)+/, '').trim().replace(LOG_PREFIX, '');
  s = s.replace(/^#{1,6}\s+/, '').replace(/^(?:[-+]|\/\/)\s*(?=\S)/, '');
  const bold = /^(\*\*|__)(.*)\1$/.exec(s);
  if (bold) s = bold[2]!;
  // A rendered heading keeps the `…` of a shortened title in front of its number: `**…5. …/verify**`.
  s = s.replace(/^[*_]+/, '').replace(/`/g, '').replace(/^(?:…|\.\.\.)\s*(?=\d)/, '');
  return s.trim();
}

/** True when the line reads like a sentence rather than part of a JSON document or an HTTP message. */
export function isProse(line: string): boolean {
  const t = line.trim();
  if (t === '') return false;
  if (/^["'{}[\]0-9-]/.test(t)) return false;
  if (/^(?:true|false|null)\s*[,}\]]?\s*$/.test(t)) return false;
  if (/^(?:\.\.\.|…)/.test(t)) return false;
  return /^[\p{L}(]/u.test(t);
}

/** Splits `Name: value` header lines; returns null for anything else. */
export function headerLine(line: string): [string, string] | null {
  const m = /^\s*(?:<\s+)?([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*:\s?(.*)$/.exec(line);
  if (!m) return null;
  return [m[1]!.toLowerCase(), m[2]!.trim()];
}
