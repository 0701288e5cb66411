import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { HeaderMap, RawExchange } from '../../model/exchange.js';
import { type HttpMessage, findHttpMessages, splitHead } from './http-messages.js';
import { parseMessage } from './http-parse.js';
import { type BodyResult, bodyLeftOut, bodyWarnings, readBody, repairWarning, unreadableBodies } from './json-block.js';
import { groupCopies } from './groups.js';
import { inferStatus } from './status.js';
import { addHeader } from '../../http/headers.js';
import { toLines } from './text.js';
import type { TextImport } from './types.js';
import { normalizeUrl } from './url.js';

interface Read {
  method: string | null;
  target: string | null;
  status: number | null;
  headers: HeaderMap;
  body: BodyResult;
  notes: string[];
}

/**
 * Reads raw HTTP/1.1 messages pasted as text (`POST /api/v1/authn HTTP/1.1`, headers, blank line, body),
 * each request followed by its response; prose and Markdown fences between them are skipped.
 */
export function parseRawHttpTranscript(text: string, file: string): TextImport {
  const messages = findHttpMessages(toLines(text));
  const requests = messages.filter((m) => m.kind === 'request');
  if (requests.length === 0) {
    throw new InputError(
      `${file}: no Okta authn request/response found; expected raw HTTP messages such as ` +
        '"POST /api/v1/authn HTTP/1.1" followed by headers, a blank line and the body, then the response',
      file,
    );
  }
  const report = newReport('requests');
  report.found = requests.length;
  const exchanges: RawExchange[] = [];
  const unreadable: RawExchange[] = [];
  // The request's number among the requests, counted as they come (indexOf per request was quadratic).
  let n = 0;
  messages.forEach((msg, k) => {
    if (msg.kind !== 'request') {
      if (messages[k - 1]?.kind !== 'request') {
        report.warnings.push({ ref: `${file}:${msg.line.no}`, message: 'a response with no request before it; ignored' });
      }
      return;
    }
    n++;
    const next = messages[k + 1];
    const res = next?.kind === 'response' ? next : null;
    const req = read(msg);
    const resp = res ? read(res) : pastedBody(req);
    // A side beyond repair loses its body only (the start line, the status and the headers are still
    // evidence); both beyond repair, or a broken request with no response after it: the request is left out.
    const warn = (at: HttpMessage, side: 'request' | 'response', error: string, leftOut: string | null) => {
      report.warnings.push({ ref: `${file}:${at.line.no} (request ${n})`, message: repairWarning(side, error, leftOut) });
    };
    if (req.body.error !== undefined) {
      if (resp?.body.error !== undefined || !res) {
        warn(msg, 'request', req.body.error, 'request left out');
        unreadable.push(toExchange(msg, req, resp, file, n));
        return;
      }
      warn(msg, 'request', req.body.error, null);
      req.body = bodyLeftOut(req.body);
    }
    if (resp?.body.error !== undefined) {
      warn(res ?? msg, 'response', resp.body.error, null);
      resp.body = bodyLeftOut(resp.body);
    }
    for (const message of bodyWarnings('request', req.body, false)) report.warnings.push({ ref: `${file}:${msg.line.no} (request ${n})`, message });
    for (const message of bodyWarnings('response', resp?.body)) report.warnings.push({ ref: `${file}:${(res ?? msg).line.no} (request ${n})`, message });
    exchanges.push(toExchange(msg, req, resp, file, n));
  });
  groupCopies(exchanges);
  report.imported = exchanges.length;
  return { exchanges, report, unreadable };
}

function read(msg: HttpMessage): Read {
  const { headers: headerLines, body: bodyLines } = splitHead(msg.lines);
  const chunked = headerLines.some((h) => /^transfer-encoding\s*:.*chunked/i.test(h));
  const chunkText = chunked ? chunkRegion(bodyLines.map((l) => l.text)) : null;
  const parsed = parseMessage(msg.kind, msg.start, headerLines, chunkText);
  const notes: string[] = [];
  const headers = manualHeaders(headerLines);
  if (parsed.error) notes.push(`HTTP parser: ${parsed.error}`);
  let body: BodyResult;
  if (chunkText === null) body = readBody(bodyLines.map((l) => l.text));
  else if (parsed.chunkedBody !== null) body = readBody(parsed.chunkedBody.split('\n'));
  else {
    body = readBody(unframe(chunkText.split('\n')));
    notes.push('chunk sizes did not match the pasted text; chunk framing removed by line');
  }
  const start = /^(\S+)\s+(\S+)/.exec(msg.start);
  const status = /^HTTP\/\S+\s+(\d{3})/.exec(msg.start);
  return {
    method: parsed.method ?? (msg.kind === 'request' ? start?.[1] ?? null : null),
    target: parsed.url ?? (msg.kind === 'request' ? start?.[2] ?? null : null),
    status: parsed.status ?? (status ? Number(status[1]) : null),
    headers,
    body,
    notes,
  };
}

const CHUNK_SIZE = /^\s*[0-9a-fA-F]+(?:;.*)?\s*$/;

/**
 * Pasting changes line ends and indentation, so chunk sizes rarely match the text. On the wire a chunk's
 * data is followed by CRLF and the next size line, so the lines around a size line belong together.
 */
function unframe(lines: string[]): string[] {
  const out: string[] = [];
  let join = false;
  for (const line of lines) {
    if (CHUNK_SIZE.test(line)) {
      join = out.length > 0;
      continue;
    }
    if (join && line.trim() !== '') out[out.length - 1] += line;
    else out.push(line);
    join = false;
  }
  return out;
}

/**
 * A response pasted as its body alone (Postman's "Body" tab under an HTTP snippet): a second JSON document
 * after the request's body, with no status line before it.
 */
function pastedBody(req: Read): Read | null {
  const rest = req.body.rest ?? [];
  if (!rest.some((l) => /^\s*[{[]/.test(l))) return null;
  return { method: null, target: null, status: null, headers: {}, body: readBody(rest), notes: ['response pasted without a status line'] };
}

/** The chunked body: lines up to and including the terminating `0` chunk. */
function chunkRegion(lines: string[]): string {
  const end = lines.findIndex((l) => /^\s*0+(?:;.*)?\s*$/.test(l));
  return (end < 0 ? lines : lines.slice(0, end + 1)).join('\n') + (end < 0 ? '' : '\n\n');
}

function manualHeaders(lines: string[]): HeaderMap {
  const out: HeaderMap = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) addHeader(out, l.slice(0, i).trim(), l.slice(i + 1).trim());
  }
  return out;
}

function toExchange(msg: HttpMessage, req: Read, resp: Read | null, file: string, n: number): RawExchange {
  const host = req.headers.host;
  const target = req.target ?? '/';
  const absolute = /^https?:\/\//i.test(target) ? target : host && !/[{$<]/.test(host) ? `https://${host}${target}` : target;
  const url = normalizeUrl(absolute);
  const notes = [...(url.note ? [url.note] : []), ...req.notes.map((x) => `request: ${x}`)];
  notes.push(...req.body.notes.map((x) => `request: ${x}`));
  let status: number | null = null;
  if (resp) {
    notes.push(...resp.notes.map((x) => `response: ${x}`), ...resp.body.notes.map((x) => `response: ${x}`));
    status = resp.status;
    if (status === null) {
      const inferred = inferStatus(resp.body.body);
      status = inferred.status;
      notes.push(inferred.note);
    }
  } else notes.push('no response in the transcript');
  const unreadable = unreadableBodies(req.body, resp?.body);
  return {
    method: (req.method ?? 'POST').toUpperCase(),
    url: url.url,
    requestHeaders: req.headers,
    requestBody: req.body.body,
    responseStatus: status,
    responseHeaders: resp?.headers ?? {},
    responseBody: resp?.body.body ?? null,
    transportError: null,
    startedAt: null,
    durationMs: null,
    sourceRef: `${file}:${msg.line.no}`,
    group: 't1',
    label: String(n),
    notes,
    ...(unreadable ? { unreadable } : {}),
  };
}
