import { findCurlCommands } from './curl-commands.js';
import { findHttpMessages } from './http-messages.js';
import { parseHeading, parseMarker } from './steps.js';
import { toLines } from './text.js';
import { findLogEntries } from './log.js';
import { findResponseOnly } from './response-only.js';

export type TextFormat = 'transcript' | 'curl' | 'http' | 'log' | 'response';

/**
 * Which reader the text is for: the one that finds the most exchanges (curl commands, raw HTTP requests,
 * transcript steps with a Request/Response block), or null when none finds any.
 */
export function detectTextFormat(text: string): TextFormat | null {
  const lines = toLines(text);
  const curl = findCurlCommands(lines).length;
  const http = findHttpMessages(lines).filter((m) => m.kind === 'request').length;
  const steps = countSteps(text);
  const log = findLogEntries(lines).length;
  const best = Math.max(curl, http, steps, log);
  if (best === 0) return findResponseOnly(toLines(text, true)).length ? 'response' : null;
  if (curl === best) return 'curl';
  if (http === best) return 'http';
  if (steps === best) return 'transcript';
  return 'log';
}

/** Headings followed by a marker before the next heading: cheap, and the same test the forum reader applies. */
function countSteps(text: string): number {
  let count = 0;
  let open = false;
  for (const line of toLines(text, true)) {
    if (parseHeading(line)) open = true;
    else if (open && (parseMarker(line.text) || /^\s*[{[]/.test(line.text))) {
      count++;
      open = false;
    }
  }
  return count;
}
