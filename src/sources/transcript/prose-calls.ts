import { callPattern } from '../../protocols/org.js';
import type { SourceReport } from '../../ingest/source.js';
import { parseMarker } from './steps.js';
import { type Line, toLines } from './text.js';

/**
 * A sentence of a post that names a call (`Then I noticed that POST /api/v1/authn/recovery/answer returns
 * 403`, `The GET https://…/api/v1/authn call works`): a remark about a request, not the request. The
 * forum reader's rule: a sentence that goes on after the URL names no call of its own.
 */
export interface ProseCall {
  line: Line;
  method: string;
  url: string;
  /** The HTTP status the sentence says the call got (`returns 403`, `fails with a 401`), or null. */
  status: number | null;
}

/** Punctuation a sentence leaves at the URL's end (`…/verify.`, `` `…/verify`, ``), not part of it. */
const TRAIL = /[`'"’”.,;:!?)\]*]+$/;

const METHOD_URL = /\b(GET|POST|PUT|PATCH|DELETE)\s+((?:https?:\/\/\S+)?\/api\/v\d+\/\S+)/;

/**
 * What a log writes in front of a request: a time, a level, a bracketed tag or thread, a logcat tag
 * (`D/OkHttp:`), OkHttp's arrow, a dotted logger name (`o.s.web.client.RestTemplate :`). A line with one is
 * a log line whatever its message says (`INFO Calling POST https://… for user jo`).
 */
const LOGGED =
  /\d{1,2}:\d{2}|\b(?:TRACE|DEBUG|DEBU|INFO|WARN|WARNING|ERRO|ERROR|FATAL)\b|^\s*\[|^\s*[VDIWEF]\/\S*:|-->|\b[a-z]\w*(?:\.\w+){2,}\b|^\s*(?:trce|dbug|info|warn|fail|crit):/i;

/** The sentence goes on after the URL with a word (not `HTTP/1.1`, a status, an arrow, a body or `key=value`). */
const GOES_ON = /^[`'"’”.,;:!?)\]*]*\s+(?!HTTP\/)[A-Za-z][\w'’]*/;

/** A status the sentence gives the call: after a verb or word that says so, or before a reason phrase. */
const STATED_STATUS =
  /\b(?:returns?|returned|returning|gives?|gave|got|gets?|getting|responds?|responded|answers?|answered|fails?|failed|throws?|threw|with|is|was|an?|HTTP|status|code|error)\s+(?:(?:an?|HTTP|status|code|error)\s+)*([1-5]\d\d)\b|\b([1-5]\d\d)\s+(?:Forbidden|Unauthorized|Bad Request|Not Found|Too Many|Internal|Service Unavailable|Conflict|OK)\b/i;

/**
 * The call a line names in a sentence, or null when the line reads as a request (a log line, an endpoint
 * line, a request line, a line with a body or `key=value` pairs: the question's `I call POST … with {…}`).
 */
export function proseCall(line: Line): ProseCall | null {
  const m = METHOD_URL.exec(line.text);
  if (!m) return null;
  const before = line.text.slice(0, m.index);
  const after = line.text.slice(m.index + m[0].length);
  if (!GOES_ON.test(after) || LOGGED.test(before)) return null;
  if (/[{[]\s*["'\w]|\w=\S/.test(after)) return null;
  const stated = STATED_STATUS.exec(after);
  const status = stated ? Number(stated[1] ?? stated[2]) : null;
  return { line, method: m[1]!, url: m[2]!.replace(TRAIL, ''), status };
}

/** A line a reply quotes (`> `, `>> `): what it quotes is read, not the marks. */
const unquoted = (text: string) => text.replace(/^\s*(?:>[ \t]?)+/, '').trim();

/**
 * A wrapped sentence's next line: a lower-case word that goes on in prose. Not a body (`{"…`), `key=value`,
 * a header (`content-type: application/json`, as HTTP/2 writes it), a status (`status: 403`) nor a marker
 * (`response (403)`, `request body:`).
 */
const GOES_ON_BELOW = /^[a-z][\w'’-]*(?=[\s,.;!?]|$)/;
const NOT_PROSE_BELOW = /[{[]\s*["'\w]|\w=\S|^[a-z][\w-]*\s*:\s*\S|^(?:status|http|request|req|response|resp|payload|body|reply|result|output)\b/i;

/** A line that names the next call: a method and an API URL, or a numbered step with an endpoint. */
const NEXT_CALL = /\b(?:GET|POST|PUT|PATCH|DELETE)\s+\S*\/(?:api\/v\d+|oauth2|idp)\/|^\W*(?:step\s*)?\d{1,3}[.):]\s*\S*\/?(?:api\/v\d+|oauth2|idp)\//i;

/** What a request or its response shows below the line naming it: a body, a header, a status, a marker. */
function isEvidence(text: string): boolean {
  return /^[{[]/.test(text) || /^HTTP\/\d/i.test(text) || /^[\w.-]+=\S/.test(text) ||
    /^(?:[A-Za-z]+-)+[A-Za-z]+\s*:\s*\S|^(?:accept|authorization|cookie|host|origin|referer|location)\s*:\s*\S/i.test(text) ||
    parseMarker(text) !== null;
}

/**
 * The call a sentence names when a hard wrap carries the sentence onto the next line (`We call POST
 * https://…/recovery/password` then `and get back a RECOVERY_CHALLENGE, …`: e-mail, tickets, 72-column
 * text) or the sentence ends at the URL (`We then call POST https://…/verify.`, `…/verify?`), and no
 * body, header or response follows before the next call: a remark, not a request. With one (`I call POST
 * https://…/authn` then `with this body:` and the block) the line is the request, and null is returned; so
 * it is for a line ending in a colon. `lines` as toLines gives them (fences dropped), quoted or not.
 */
export function remarkCall(lines: readonly Line[], i: number): ProseCall | null {
  const line = lines[i]!;
  const text = unquoted(line.text);
  const m = METHOD_URL.exec(text);
  if (!m || LOGGED.test(text.slice(0, m.index)) || text.slice(m.index + m[0].length).trim() !== '') return null;
  const trail = TRAIL.exec(m[2]!)?.[0] ?? '';
  if (trail.includes(':')) return null;
  const stop = trail.replace(/[`'"’”)\]*]+$/, '');
  // `?` and `!` end a sentence too (`Should we call POST …/verify?`): an empty query string names nothing.
  const fullStop = /[.?!]$/.test(stop) && !stop.endsWith('..');
  const next = lines[i + 1];
  const below = next && next.no === line.no + 1 ? unquoted(next.text) : '';
  const wrapped = GOES_ON_BELOW.test(below) && !NOT_PROSE_BELOW.test(below);
  if (!fullStop && !wrapped) return null;
  // The line a wrap carried the sentence onto is prose (`returned 403 for every user` is no status line).
  for (let k = wrapped ? i + 2 : i + 1; k < lines.length; k++) {
    const t = unquoted(lines[k]!.text);
    if (NEXT_CALL.test(t)) break;
    if (isEvidence(t)) return null;
  }
  const stated = wrapped ? STATED_STATUS.exec(below) : null;
  const status = stated ? Number(stated[1] ?? stated[2]) : null;
  return { line, method: m[1]!, url: m[2]!.slice(0, m[2]!.length - trail.length), status };
}

/** Every line of the text that names a call in a sentence. */
export function findProseCalls(text: string): ProseCall[] {
  const out: ProseCall[] = [];
  const lines = toLines(text);
  lines.forEach((line, i) => {
    if (!line.text.includes('/api/v')) return;
    const call = proseCall(line) ?? remarkCall(lines, i);
    if (call) out.push(call);
  });
  return out;
}

/** How a warning names the call: method and path with its ids replaced (no token of a query or a path). */
export function proseCallName(call: Pick<ProseCall, 'method' | 'url'>): string {
  return `${call.method} ${callPattern(call.url)}`;
}

/**
 * A sentence that gives a call's status (`POST /api/v1/authn/recovery/answer returns 403`) when the paste
 * shows no request of that call: the poster's account of an answer, not evidence of it. Counted among the
 * blocks and named in a warning, never read as a request without a response (an unanswered step) nor dropped
 * silently. A sentence about a call the paste does show is a remark on it: nothing to say.
 */
export function nameProseCalls(text: string, file: string, exchanges: readonly { method: string; url: string }[], report: SourceReport): void {
  const shown = new Set(exchanges.map((e) => proseCallName(e)));
  for (const call of findProseCalls(text)) {
    if (call.status === null || shown.has(proseCallName(call))) continue;
    report.found++;
    report.warnings.push({
      ref: `${file}:${call.line.no}`,
      message: `a sentence says ${proseCallName(call)} got ${call.status}, but the paste shows no such request; not read (paste the request and its response)`,
    });
  }
}
