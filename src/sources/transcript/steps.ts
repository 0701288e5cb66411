import { findEndpoint } from './url.js';
import { type Line, undecorate } from './text.js';

/** A line that opens a transcript step: `**1. api/v1/authn/recovery/password**`, `Step 2 — POST https://…`. */
export interface Heading {
  line: Line;
  number: number | null;
  method: string | null;
  endpoint: string;
  /** A request body written on the heading line itself (`1. POST /api/v1/authn {"username": …}`), or ''. */
  inline: string;
}

/** A `Request:` / `Response (403):` / `HTTP 403` line and what follows it on the same line. */
export interface Marker {
  kind: 'request' | 'response';
  status: number | null;
  rest: string;
  /** `Body:` / `Payload:` name no side: they continue an open response block, else they are the request. */
  neutral?: boolean;
}

const METHOD = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/;
const NUMBERED = /^(?:(?:step|call|request|req)\s*#?\s*)?(\d{1,3})\**\s*(?:[.):]|\s[-—–:]|\s|(?=[/a-z]))\s*(.*)$/i;
// A line that is only an endpoint (maybe after a method): a browser copy of a rendered ordered list loses
// the item numbers, and tickets often name the call this way.
// A label may name it (`End point : …`, `URL: …`, `Endpoint - …`, DevTools' `Request URL: …`) and a template
// host may start it (`{{url}}/…`).
const UNNUMBERED =
  /^(?:(?:rest\s+|request\s+)?(?:end\s*-?\s*point|url|uri|api)\s*(?::|-|—|=)\s*)?(?:(GET|POST|PUT|PATCH|DELETE)\s+)?((?:\{\{|\$\{)?[^\s"'{[]\S*)\s*$/i;
// A short lead in front of `METHOD URL` (`Then POST https://…/verify`, `Next, POST …`, `and then I call POST …`,
// `After that: GET …`, `Second call - POST …`, `Then our backend does POST …`): the line still names the
// step's call. Only words that order the calls, so a log's `Sending HTTP request POST …` or a sentence about
// a call opens no step.
const ORDER = String.raw`then|next|now|after\s+(?:that|this)|afterwards|finally|lastly|later|also|again|retry|retried`;
const WHICH = String.raw`(?:the\s+)?(?:first|second|third|next|last|final|other)(?:\s+(?:call|request|step|one|try|attempt))?`;
const WHO = String.raw`(?:i|we)\s+(?:(?:then|also|now|again)\s+)?(?:(?:call(?:ed)?|send|sent|do|did|hit|make|made|tr(?:y|ied)|use[ds]?)\s+)?(?:(?:a|an|the)\s+)?`;
// What makes the call, when it is not the poster (`Then our backend does POST …`, `Next the app sends POST …`,
// `My app then calls POST …`): an owner's or `the` before at most three words, and a verb that says it makes
// the call. Only on an endpoint line, as every lead: a sentence that goes on after the URL, or a remark a full
// stop or the next line ends (prose-calls.ts), opens no step.
const ACTOR = String.raw`(?:our|my|the|their|your)\s+(?:[\w.-]+\s+){0,2}?[\w.-]+\s+(?:(?:then|also|now|again|first)\s+)?(?:calls|called|sends|sent|does|did|hits|makes|made|issues|issued)\s+(?:(?:a|an|the)\s+)?`;
const LEAD = new RegExp(
  String.raw`^(?:(?:(?:and|&)\s+)?(?:${ORDER}|${WHICH})\s*[,:;—–-]?\s+(?:${WHO}|${ACTOR})?|${WHO}|${ACTOR})(?=(?:GET|POST|PUT|PATCH|DELETE)\s)`,
  'i',
);
const MARKER =
  /^(request|req|payload|body|sent|response|resp|reply|result|returns?|returned|output)(?:\s+(?:body|payload|json|data))?(?:\s*#?\d{1,2}(?!\d))?\s*(?:[([]([^)\]]*)[)\]])?\s*(:|-|—|=>|->|→|⇒|=)?\s*(.*)$/i;
const STATUS_AT_START = /^(?:HTTP(?:\/\d(?:\.\d)?)?\s+)?([1-5]\d\d)\b[^{[]*(.*)$/i;
const STATUS_LINE = /^(?:HTTP(?:\/\d(?:\.\d)?)?\s+|status(?:\s+code)?\s*(?:[:=]\s*)?)([1-5]\d\d)\b(?!\s*\/)/i;

// A URL on a docs, code or forum site, or one whose path names no API, links to something: it is no request.
const LINK_HOST = /^https?:\/\/(?:[\w-]+\.)*(?:github\.com|githubusercontent\.com|developer\.okta\.com|help\.okta\.com|support\.okta\.com|devforum\.okta\.com|stackoverflow\.com|community\.okta\.com)(?:[/:#?]|$)/i;

export function isLink(endpoint: string): boolean {
  return /^https?:\/\//i.test(endpoint) && (LINK_HOST.test(endpoint) || !/\/(?:api\/v\d+|oauth2|idp|login|sso)(?:[/?#]|$)/i.test(endpoint));
}

export function parseHeading(line: Line): Heading | null {
  if (WRAPPED_STRING_END.test(line.text)) return null;
  const heading = readHeading(line);
  return heading && !isLink(heading.endpoint) ? heading : null;
}

/**
 * A line where a JSON string closes and the document goes on (`.okta.com/api/v1/authn/cancel"}}}`): the rest
 * of a link a hard wrap cut (see wrapped.ts), not a line naming the next call, though it names an endpoint.
 */
const WRAPPED_STRING_END = /^[^"\s]*"\s*[:,}\]]/;

function readHeading(line: Line): Heading | null {
  const s = undecorate(line.text);
  const numbered = NUMBERED.exec(s);
  if (numbered) {
    const endpoint = findEndpoint(numbered[2]!);
    if (!endpoint) return null;
    const at = numbered[2]!.indexOf(endpoint);
    const before = numbered[2]!.slice(0, at);
    const after = numbered[2]!.slice(at + endpoint.length).trim();
    const inline = /^[-:—]?\s*([{[].*)$/.exec(after)?.[1] ?? '';
    return { line, number: Number(numbered[1]), method: METHOD.exec(before)?.[1] ?? null, endpoint, inline };
  }
  const lead = LEAD.exec(s)?.[0] ?? '';
  const bare = UNNUMBERED.exec(s.slice(lead.length));
  if (bare && !/HTTP\/\d/i.test(s) && (lead === '' || bare[1])) {
    const endpoint = findEndpoint(bare[2]!);
    if (endpoint) return { line, number: null, method: bare[1]?.toUpperCase() ?? null, endpoint, inline: '' };
  }
  return null;
}

export function parseMarker(text: string): Marker | null {
  const s = undecorate(text);
  const status = STATUS_LINE.exec(s);
  if (status) return { kind: 'response', status: Number(status[1]), rest: '' };
  const m = MARKER.exec(s);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  const kind = /^(?:req|payload|body|sent)/.test(word) ? 'request' : 'response';
  let rest = m[4]!.trim();
  const paren = m[2] === undefined ? null : /^\s*(?:HTTP(?:\/[\d.]+)?\s*|status(?:\s+code)?\s*(?:[:=]\s*)?)?([1-5]\d\d)\b/i.exec(m[2]);
  let code = paren ? Number(paren[1]) : null;
  if (!m[3] && rest !== '' && !/^[{[]/.test(rest) && !STATUS_AT_START.test(rest)) return null;
  if (!m[3] && m[2] === undefined && rest === '' && !/^(request|response|req|resp|payload)/i.test(word)) return null;
  const inline = kind === 'response' ? STATUS_AT_START.exec(rest) : null;
  if (inline && code === null) {
    code = Number(inline[1]);
    rest = inline[2]!.trim();
  }
  return { kind, status: code, rest, ...(/^(?:body|payload)$/.test(word) ? { neutral: true } : {}) };
}
