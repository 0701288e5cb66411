import { findCurlCommands } from './curl-commands.js';
import { findHttpMessages } from './http-messages.js';
import { parseHeading, parseMarker } from './steps.js';
import { remarkCall } from './prose-calls.js';
import { toLines } from './text.js';
import { findLogEntries } from './log.js';
import { findResponseOnly } from './response-only.js';
import { findSdkDumps } from './okta-auth-js.js';
import { findTableRows } from './markdown-table.js';

export type TextFormat = 'transcript' | 'curl' | 'http' | 'log' | 'response' | 'sdk' | 'table';

/**
 * Which reader the text is for: the one that finds the most exchanges (curl commands, raw HTTP requests,
 * transcript steps with a Request/Response block), or null when none finds any.
 */
export function detectTextFormat(text: string): TextFormat | null {
  return candidateFormats(text)[0] ?? null;
}

/**
 * Every reader that finds something, the one finding most first (ties: curl, http, transcript, log);
 * `response` only when none does. openTextSource lets them compete on what they actually read.
 */
export function candidateFormats(text: string): TextFormat[] {
  const lines = toLines(text);
  const counts: [TextFormat, number][] = [
    ['curl', findCurlCommands(lines).length],
    ['http', findHttpMessages(lines).filter((m) => m.kind === 'request').length],
    ['transcript', countSteps(text)],
    ['log', findLogEntries(lines).length],
    ['table', /^\s*\|.*\|\s*$/m.test(text) ? findTableRows(text.split(/\r?\n/)).length : 0],
    ['sdk', /AuthTransaction\s*\{|AuthApiError/.test(text) ? findSdkDumps(text.split(/\r?\n/)).length : 0],
  ];
  const found = counts.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([f]) => f);
  if (found.length === 0 && findResponseOnly(toLines(text, true), Infinity, 1).length) return ['response'];
  return found;
}

/** Headings followed by a marker before the next heading: cheap, and the same test the forum reader applies. */
function countSteps(text: string): number {
  let count = 0;
  let open = false;
  const lines = toLines(text, true);
  for (const [i, line] of lines.entries()) {
    if (parseHeading(line)) open ||= !remarkCall(lines, i);
    else if (open && (parseMarker(line.text) || /^\s*[{[]/.test(line.text))) {
      count++;
      open = false;
    }
  }
  return count;
}
