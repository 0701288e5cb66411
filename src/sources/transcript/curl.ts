import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { HeaderMap, RawExchange } from '../../model/exchange.js';
import { type CurlRequest, readCurlArgs } from './curl-args.js';
import { readFetchCall } from './fetch-call.js';
import { readHttpieArgs } from './httpie-args.js';
import { type CurlCommand, findCurlCommands } from './curl-commands.js';
import { type BodyResult, readBody, truncation } from './json-block.js';
import { groupCopies } from './groups.js';
import { inferStatus } from './status.js';
import { addHeader } from '../../http/headers.js';
import { toLines } from './text.js';
import type { TextImport } from './types.js';
import { normalizeUrl } from './url.js';

interface Output {
  status: number | null;
  headers: HeaderMap;
  body: BodyResult;
}

// curl -v noise: connection info, request lines, TLS and byte-count markers.
const VERBOSE = /^\s*(?:\*\s|>\s|>$|\{ \[\d+ bytes data\]|\} \[\d+ bytes data\])/;

/**
 * Reads commands pasted with their output: `curl` (arguments tokenized by shell-quote), HTTPie / xh and
 * JavaScript `fetch(url, init)` calls (see httpie-args.ts, fetch-call.ts). The output is the response JSON,
 * maybe after `HTTP/1.1 200 OK` and headers (`curl -i`, `http`'s default, or `curl -v`'s `<` lines).
 */
export function parseCurlTranscript(text: string, file: string): TextImport {
  const commands = findCurlCommands(toLines(text));
  if (commands.length === 0) {
    throw new InputError(
      `${file}: no Okta authn request/response found; expected curl commands (curl -X POST https://…/api/v1/authn ` +
        "-d '{…}'), HTTPie commands (http POST …/api/v1/authn username=…) or fetch(…) calls, each followed by the response",
      file,
    );
  }
  const report = newReport('commands');
  report.found = commands.length;
  const exchanges: RawExchange[] = [];
  commands.forEach((cmd, k) => {
    const ref = `${file}:${cmd.line.no} (command ${k + 1})`;
    const req = cmd.kind === 'httpie' ? readHttpieArgs(cmd.text, cmd.stdin) : cmd.kind === 'fetch' ? readFetchCall(cmd.text) : readCurlArgs(cmd.text, cmd.stdin);
    if (req.error !== undefined) {
      report.warnings.push({ ref, message: `the command line could not be read (${req.error}); command left out` });
      return;
    }
    if (!req.url) {
      report.warnings.push({ ref, message: 'the command names no URL; command left out' });
      return;
    }
    const body = req.data === null ? null : /^\s*[{[]/.test(req.data) ? readBody(req.data.split('\n')) : { body: req.data, notes: [] };
    const out = readOutput(cmd);
    const error = body?.error ? ['request', body.error] : out?.body.error ? ['response', out.body.error] : null;
    if (error) {
      report.warnings.push({ ref, message: `${error[0]} JSON could not be repaired: ${error[1]}; command left out` });
      return;
    }
    const cut = truncation(out?.body);
    if (cut) report.warnings.push({ ref: `${file}:${cmd.output[0]?.no ?? cmd.line.no} (command ${k + 1})`, message: `response ${cut}; read as far as it goes` });
    exchanges.push(toExchange(cmd, req, body, out, file, k + 1));
  });
  groupCopies(exchanges);
  report.imported = exchanges.length;
  return { exchanges, report };
}

/** The response printed after a command; null when nothing that looks like one follows it. */
function readOutput(cmd: CurlCommand): Output | null {
  const lines = cmd.output.filter((l) => !VERBOSE.test(l.text)).map((l) => l.text.replace(/^\s*<\s?/, ''));
  let status: number | null = null;
  const headers: HeaderMap = {};
  let i = lines.findIndex((l) => /^\s*HTTP\/\d(?:\.\d)?\s+[1-5]\d\d\b/.test(l));
  // `Expect: 100-continue` prints an interim response first; the final one is the next status line.
  while (i >= 0 && /^\s*HTTP\/\S+\s+1\d\d\b/.test(lines[i]!)) {
    const next = lines.slice(i + 1).findIndex((l) => /^\s*HTTP\/\d(?:\.\d)?\s+[1-5]\d\d\b/.test(l));
    i = next < 0 ? -1 : i + 1 + next;
  }
  let bodyStart = 0;
  if (i >= 0) {
    status = Number(/\s([1-5]\d\d)\b/.exec(lines[i]!)![1]);
    let j = i + 1;
    for (; j < lines.length && lines[j]!.trim() !== ''; j++) {
      const h = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/.exec(lines[j]!.trim());
      if (!h) break;
      addHeader(headers, h[1]!, h[2]!);
    }
    bodyStart = j;
  }
  const rest = lines.slice(bodyStart);
  if (status === null && !rest.some((l) => /^\s*[{[]/.test(l))) return null;
  return { status, headers, body: readBody(rest) };
}

function toExchange(cmd: CurlCommand, req: CurlRequest, body: BodyResult | null, out: Output | null, file: string, n: number): RawExchange {
  const url = normalizeUrl(req.url!);
  const notes = [...(url.note ? [url.note] : []), ...req.notes.map((x) => `request: ${x}`)];
  notes.push(...(body?.notes ?? []).map((x) => `request: ${x}`));
  let status: number | null = null;
  if (out) {
    notes.push(...out.body.notes.map((x) => `response: ${x}`));
    status = out.status;
    if (status === null) {
      const inferred = inferStatus(out.body.body);
      status = inferred.status;
      notes.push(inferred.note);
    }
  } else notes.push('no response in the transcript');
  return {
    method: req.method,
    url: url.url,
    requestHeaders: req.headers,
    requestBody: body?.body ?? null,
    responseStatus: status,
    responseHeaders: out?.headers ?? {},
    responseBody: out?.body.body ?? null,
    transportError: null,
    startedAt: null,
    durationMs: null,
    sourceRef: `${file}:${cmd.line.no}`,
    group: 't1',
    label: String(n),
    notes,
  };
}

