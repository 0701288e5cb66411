import type { SentRequest } from './printed.js';
import type { HeaderMap } from '../../model/exchange.js';
import { addHeader } from '../../http/headers.js';
import { pathOf } from '../../http/url.js';
import type { CurlRequest } from './curl-args.js';
import type { CurlCommand } from './curl-commands.js';
import { type BodyResult, readBody } from './json-block.js';
import { normalizeUrl } from './url.js';
import { type ClientError, clientError, scriptError } from './client-error.js';

/** What a command printed of its response. */
export interface Output {
  status: number | null;
  headers: HeaderMap;
  body: BodyResult;
  /** The request as the output's dump shows it sent (axios's `config`, see axios-dump.ts). */
  sent?: SentRequest;
  /** What the reader could not read in it, for the import's warnings (PowerShell's list view, see powershell.ts). */
  warnings?: string[];
}

/** A curl or HTTPie command's output: the response, and the body of the request a verbose client printed first. */
export interface CommandOutput {
  output: Output | null;
  /** The request body `http -v` (or a trace rewritten as raw HTTP) printed under the command; null when none. */
  sent: BodyResult | null;
  /** What the client printed as it failed (`curl: (56) Recv failure: …`, see client-error.ts); null when nothing. */
  failure: ClientError | null;
}

// curl -v noise: connection info, request lines, TLS and byte-count markers.
const VERBOSE = /^\s*(?:\*\s|>\s|>$|\{ \[\d+ bytes data\]|\} \[\d+ bytes data\])/;
const HTTP_REQUEST_LINE = /^\s*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+\s+HTTP\/\d(?:\.\d)?\s*$/;
const STATUS_LINE = /^\s*HTTP\/\d(?:\.\d)?\s+[1-5]\d\d\b/;
const HEADER = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/;

/**
 * A label a paste puts before the response on its line (`Response: {…}`, `Output (401): {…}`, `=> {…}`), with
 * the HTTP status it may name.
 */
const OUTPUT_LABEL = /^\s*(?:(?:(?:the|its|and\s+the|http)\s+)?(?:response|output|result|returns?|reply|got|received)(?:\s+body)?(?:\s*\(?\s*(?:HTTP\s*|status\s*)?([1-5]\d\d)\b[^):{[]*\)?)?\s*(?::|=>?|->)|=>|->)\s*(?=[{[])/i;

/**
 * The response printed after a command (maybe after `HTTP/1.1 200 OK` and headers: `curl -i`, `http`'s default,
 * or `curl -v`'s `<` lines); null when nothing that looks like one follows it.
 */
export function readOutput(cmd: CurlCommand, req: CurlRequest): CommandOutput {
  let labelled: number | null = null;
  // fetch() in a script fails as Node.js says it (`TypeError: fetch failed`), not as curl does: what follows
  // is the error's dump (`[cause]: …`, `code: …`), no answer.
  const raised = cmd.kind === 'fetch' && !clientError(cmd.output) ? scriptError(cmd.output) : null;
  if (raised?.transportError && !cmd.output.some((l) => STATUS_LINE.test(l.text.replace(/^\s*<\s?/, '')))) return { output: null, sent: null, failure: raised };
  const failure = clientError(cmd.output) ?? raised;
  const all = cmd.output.filter((l) => !VERBOSE.test(l.text) && l !== failure?.line).map((l) => {
    const text = l.text.replace(/^\s*<\s?/, '');
    const label = OUTPUT_LABEL.exec(text);
    if (!label) return text;
    if (label[1] && labelled === null) labelled = Number(label[1]);
    return text.slice(label[0].length);
  });
  // A verbose client prints the request it sent first (`http -v`, or `curl -v` whose `>` marks a forum's
  // quoting took): its head and body are the command's own, and the response starts at the status line after it.
  const echo = echoOf(all, req);
  // A raw HTTP request after the output (a call copied from a proxy's raw view) starts another exchange:
  // its response is not this command's.
  const next = all.findIndex((l, k) => k > echo && HTTP_REQUEST_LINE.test(l));
  const lines = next < 0 ? all : all.slice(0, next);
  let i = lines.findIndex((l, k) => k > echo && STATUS_LINE.test(l));
  // `Expect: 100-continue` prints an interim response first; the final one is the next status line.
  while (i >= 0 && /^\s*HTTP\/\S+\s+1\d\d\b/.test(lines[i]!)) {
    const after = lines.slice(i + 1).findIndex((l) => STATUS_LINE.test(l));
    i = after < 0 ? -1 : i + 1 + after;
  }
  const sent = echo < 0 ? null : echoedBody(lines.slice(echo + 1, i < 0 ? lines.length : i));
  // What follows the echo without a status line is the request's own head and body, not an answer.
  if (echo >= 0 && i < 0) return { output: failedWith(failure), sent, failure };
  let status: number | null = null;
  const headers: HeaderMap = {};
  let bodyStart = 0;
  if (i >= 0) {
    status = Number(/\s([1-5]\d\d)\b/.exec(lines[i]!)![1]);
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== ''; j++) {
      const h = HEADER.exec(lines[j]!.trim());
      if (!h) break;
      addHeader(headers, h[1]!, h[2]!);
    }
    bodyStart = j;
  }
  const rest = lines.slice(bodyStart);
  status ??= labelled;
  const json = rest.some((l) => /^\s*[{[]/.test(l));
  if (status === null && !json) return { output: failedWith(failure), sent, failure };
  // Cut off by the failure, what came is kept as far as it goes; text that is no JSON then is curl's progress meter.
  const body = failure?.transportError && !json ? { body: null, notes: [] } : readBody(rest);
  return { output: { status, headers, body }, sent, failure };
}

/** The answer a failure line alone gives: curl --fail's status (`curl: (22) … error: 403`), else none. */
function failedWith(failure: ClientError | null): Output | null {
  return failure?.status ? { status: failure.status, headers: {}, body: { body: null, notes: [] } } : null;
}

/**
 * Index of the request line a verbose client printed of the command's own request (same method and path)
 * before any response; -1 when there is none.
 */
function echoOf(lines: readonly string[], req: CurlRequest): number {
  const i = lines.findIndex((l) => HTTP_REQUEST_LINE.test(l) || STATUS_LINE.test(l));
  if (i < 0 || !req.url || !HTTP_REQUEST_LINE.test(lines[i]!)) return -1;
  const [, method, target] = /^\s*(\S+)\s+(\S+)/.exec(lines[i]!)!;
  if (method !== req.method.toUpperCase()) return -1;
  return pathOf(normalizeUrl(target!).url) === pathOf(normalizeUrl(req.url).url) ? i : -1;
}

/** The body under an echoed request's headers: JSON, or one line of form fields; null when it shows none. */
function echoedBody(lines: readonly string[]): BodyResult | null {
  let j = 0;
  while (j < lines.length && HEADER.test(lines[j]!.trim())) j++;
  const body = lines.slice(j).filter((l) => l.trim() !== '');
  if (body.length === 0) return null;
  if (/^\s*[{[]/.test(body[0]!)) return readBody(body);
  return body.length === 1 && /^[^\s=&]+=[^\s]*$/.test(body[0]!.trim()) ? { body: body[0]!.trim(), notes: [] } : null;
}
