import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { HeaderMap, RawExchange } from '../../model/exchange.js';
import { type CurlRequest, readCurlArgs } from './curl-args.js';
import { readFetchCall } from './fetch-call.js';
import { readHttpieArgs } from './httpie-args.js';
import { evaluatePython, printedResponses, pythonAssignments, pythonOutput, pythonReceivers, PythonResponse, PythonScope, readPythonCall } from './python-requests.js';
import { assignmentsIn, evaluate, PowerShellScope, readPowerShellCommand, readPowerShellOutput } from './powershell.js';
import { type CurlCommand, findCurlCommands } from './curl-commands.js';
import { NodeScript } from './node-script.js';
import type { Printed, SentRequest } from './printed.js';
import { isMaskedValue } from '../../redact/policy.js';
import { pathOf } from '../../http/url.js';
import { type BodyResult, bodyLeftOut, bodyWarnings, readBody, repairWarning, unreadableBodies } from './json-block.js';
import { groupCopies } from './groups.js';
import { inferStatus } from './status.js';
import { isFence, toLines } from './text.js';
import type { TextImport } from './types.js';
import { normalizeUrl } from './url.js';
import { type Output, readOutput } from './curl-output.js';
import { type ClientError, scriptError } from './client-error.js';

/**
 * Reads commands pasted with their output: `curl` (arguments tokenized by shell-quote), HTTPie / xh and
 * JavaScript `fetch(url, init)` calls (see httpie-args.ts, fetch-call.ts). The output is the response JSON,
 * maybe after `HTTP/1.1 200 OK` and headers (`curl -i`, `http`'s default, or `curl -v`'s `<` lines).
 */
export function parseCurlTranscript(text: string, file: string): TextImport {
  const lines = toLines(text);
  const commands = findCurlCommands(lines);
  if (commands.length === 0) {
    throw new InputError(
      `${file}: no Okta authn request/response found; expected curl commands (curl -X POST https://…/api/v1/authn ` +
        "-d '{…}'), HTTPie commands (http POST …/api/v1/authn username=…), fetch(…) calls, PowerShell Invoke-RestMethod commands, Python requests calls or Node.js axios / fetch scripts, each followed by the response",
      file,
    );
  }
  const report = newReport('commands');
  report.found = commands.length;
  const exchanges: RawExchange[] = [];
  const unreadable: RawExchange[] = [];
  // PowerShell: variables set on the lines before a command (`$body = @{…} | ConvertTo-Json`), and what earlier commands returned (`$r`).
  const scope = new PowerShellScope();
  const hasPowerShell = commands.some((c) => c.kind === 'powershell');
  const assignments = hasPowerShell ? assignmentsIn(lines).filter((a) => !a.command) : [];
  // Where the paste's code fences were (toLines drops them): a call's output may sit in the next block.
  const fences = hasPowerShell ? text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).flatMap((t, i) => (isFence(t) ? [i + 1] : [])) : [];
  // Python: names set before a call (`OKTA = "https://…"`, `state = r.json()["stateToken"]`), responses of earlier calls.
  const python = new PythonScope();
  const hasPython = commands.some((c) => c.kind === 'python');
  const pythonSets = hasPython ? pythonAssignments(lines, pythonReceivers(lines)) : [];
  // A script pasted whole and then its output: what each print showed, matched to the calls' names.
  // Node.js: the same, with axios / fetch calls (see node-script.ts).
  const node = commands.some((c) => c.kind === 'node') ? new NodeScript(text, lines, commands) : null;
  const printed = hasPython ? printedResponses(lines, commands.flatMap((c, k) => {
    const result = c.kind === 'python' ? /^\s*(\w+)\s*=/.exec(c.text)?.[1] : undefined;
    return result ? [{ key: String(k), line: c.line.no, result }] : [];
  })) : null;
  commands.forEach((cmd, k) => {
    const ref = `${file}:${cmd.line.no} (command ${k + 1})`;
    let result: string | null = null;
    let webRequest = false;
    let req: CurlRequest;
    if (cmd.kind === 'powershell') {
      while (assignments.length > 0 && assignments[0]!.line < cmd.line.no) {
        const a = assignments.shift()!;
        scope.set(a.name, evaluate(a.text, scope));
      }
      ({ request: req, result, webRequest } = readPowerShellCommand(cmd.text, scope));
    } else if (cmd.kind === 'python') {
      while (pythonSets.length > 0 && pythonSets[0]!.line < cmd.line.no) {
        const a = pythonSets.shift()!;
        python.set(a.name, evaluatePython(a.text, python));
      }
      ({ request: req, result } = readPythonCall(cmd.text, python));
    } else if (cmd.kind === 'node') {
      req = node!.request(cmd);
      if (node!.neverRan(cmd)) {
        report.warnings.push({ ref, message: 'the script never sent this call (an earlier call threw, as its output shows); command left out' });
        return;
      }
    } else req = cmd.kind === 'httpie' ? readHttpieArgs(cmd.text, cmd.stdin) : cmd.kind === 'fetch' ? readFetchCall(cmd.text) : readCurlArgs(cmd.text, cmd.stdin);
    if (req.error !== undefined) {
      report.warnings.push({ ref, message: `the command line could not be read (${req.error}); command left out` });
      return;
    }
    if (!req.url) {
      report.warnings.push({ ref, message: 'the command names no URL; command left out' });
      return;
    }
    const shownByPrint = cmd.kind === 'python' ? printed?.get(String(k)) : cmd.kind === 'node' ? node!.printedFor(cmd) : undefined;
    const printedOut = cmd.kind === 'curl' || cmd.kind === 'httpie' || cmd.kind === 'fetch' ? readOutput(cmd, req) : null;
    let out =
      printedOut ? printedOut.output
      : cmd.kind === 'powershell' ? readPowerShellOutput(cmd, fences)
      : shownByPrint ? printedOutput(shownByPrint)
      : cmd.kind === 'python' ? scriptOutput(pythonOutput(cmd.output, result))
      : cmd.kind === 'node' ? scriptOutput(node!.output(cmd))
      : null;
    req = asSent(req, out?.sent);
    let body = req.data === null ? null : /^\s*[{[]/.test(req.data) ? readBody(req.data.split('\n')) : { body: req.data, notes: [] };
    // A body the command line does not show (`-d @login.json`) but a verbose client printed under it.
    const sent = printedOut?.sent ?? null;
    if (body === null && sent !== null) {
      body = { ...sent, notes: ['body as the verbose output printed the request', ...sent.notes] };
      req.notes = req.notes.map((n) => n.replace(/, not in the transcript$/, ', shown in the verbose output'));
    }
    if (cmd.kind === 'node') node!.answered(cmd, out?.body.body ?? null, out?.status ?? null);
    if (cmd.kind === 'python') {
      if (result !== null) python.set(result, new PythonResponse(out?.body.body ?? null, out?.status ?? null));
      result = null;
    }
    // What the variable holds: Invoke-RestMethod's parsed body; Invoke-WebRequest's response, its body the text of `.Content`.
    if (result !== null) {
      const parsed = out?.body.body ?? null;
      scope.set(result, webRequest ? { StatusCode: out?.status ?? null, Content: typeof parsed === 'string' || parsed === null ? parsed : JSON.stringify(parsed) } : parsed);
    }
    // A side beyond repair loses its body only: the command's URL and data, or the output's status, are still
    // evidence; both beyond repair: the command is left out.
    const requestError = body?.error;
    const responseError = out?.body.error;
    // A broken request with nothing shown after it (a shell loop's templated body) is no call to keep.
    const answered = out !== null && out !== undefined && responseError === undefined && (out.status !== null || (out.body.body !== null && out.body.body !== undefined));
    if (requestError !== undefined && (responseError !== undefined || !answered)) {
      report.warnings.push({ ref, message: repairWarning('request', requestError, 'command left out') });
      unreadable.push(toExchange(cmd, req, body, out ?? null, file, k + 1));
      return;
    }
    if (requestError !== undefined) {
      report.warnings.push({ ref, message: repairWarning('request', requestError, null) });
      body = bodyLeftOut(body!);
    }
    if (responseError !== undefined) {
      report.warnings.push({ ref, message: repairWarning('response', responseError, null) });
      out = { ...out!, body: bodyLeftOut(out!.body) };
    }
    for (const message of bodyWarnings('request', body, false)) report.warnings.push({ ref, message });
    for (const message of [...bodyWarnings('response', out?.body), ...(out?.warnings ?? [])]) report.warnings.push({ ref: `${file}:${cmd.output[0]?.no ?? cmd.line.no} (command ${k + 1})`, message });
    // A script's call that raised (a traceback, `fetch failed`) and shows no status: what a reader took for its
    // body is the error's dump. Failed on the way: no answer; raise_for_status(): the status, without a body.
    let failure = printedOut ? printedOut.failure : null;
    const raised = !printedOut && (cmd.kind === 'python' || cmd.kind === 'node' || cmd.kind === 'powershell') && !out?.status ? scriptError(cmd.output) : null;
    if (raised) {
      failure = raised;
      out = raised.status ? { status: raised.status, headers: {}, body: { body: null, notes: [] } } : null;
    }
    exchanges.push(toExchange(cmd, req, body, out, file, k + 1, failure));
  });
  groupCopies(exchanges);
  report.imported = exchanges.length;
  return { exchanges, report, unreadable };
}

/** What the print statements showed of one call's response (see printedResponses). */
function printedOutput(p: Printed): Output | null {
  if (p.status === null && !p.body && !p.members && !p.sent) return null;
  const dump = { headers: p.headers ?? {}, ...(p.sent ? { sent: p.sent } : {}) };
  if (!p.body && p.members) return { status: p.status, ...dump, body: membersShown(p.members) };
  if (!p.body) return { status: p.status, ...dump, body: { body: null, notes: [] } };
  const lines = p.body.map((l, i) => (i === 0 ? l.replace(/^[bu]?'(?=[{[])/, '') : l));
  const last = lines.length - 1;
  lines[last] = lines[last]!.replace(/(?<=[}\]])'$/, '');
  return { status: p.status, ...dump, body: readBody(lines) };
}

/** Members of a body printed one by one: that much of the body, and a note that the rest is not shown. */
function membersShown(members: Record<string, unknown>): BodyResult {
  return { body: members, notes: [`only ${Object.keys(members).join(', ')} of the body printed; the rest of it is not in the paste`] };
}

/** What a Python or Node.js call printed (see pythonOutput, nodeOutput): the status and the body (a dict or object as the language prints it, or JSON text), or members of it printed alone. */
function scriptOutput({ status, lines, members, sent, headers }: { status: number | null; lines: string[]; members?: Record<string, unknown>; sent?: SentRequest; headers?: HeaderMap }): Output | null {
  const dump = { headers: headers ?? {}, ...(sent ? { sent } : {}) };
  const json = lines.findIndex((l) => /^\s*[{[]/.test(l));
  if (json < 0 && members) return { status, ...dump, body: membersShown(members) };
  if (json < 0) return status === null ? null : { status, ...dump, body: { body: null, notes: [] } };
  return { status, ...dump, body: readBody(lines.slice(json)) };
}

/**
 * The request as the output's dump shows it was sent, over what the script's code gives (its values often
 * come from names the paste never sets): the body text, and each header the code lacks or only names. Not
 * when the dump's URL is another call's.
 */
function asSent(req: CurlRequest, sent: SentRequest | undefined): CurlRequest {
  if (!sent || (sent.url !== null && req.url !== null && pathOf(sent.url) !== pathOf(req.url))) return req;
  const headers = { ...req.headers };
  for (const [name, value] of Object.entries(sent.headers)) {
    const had = headers[name];
    if (had === undefined || !isMaskedValue(value) || isMaskedValue(had)) headers[name] = value;
  }
  const notes = sent.data !== null && sent.data !== req.data ? [...req.notes, 'body as the dump printed after the call shows it sent (config.data)'] : req.notes;
  return { ...req, headers, data: sent.data ?? req.data, notes };
}

function toExchange(cmd: CurlCommand, req: CurlRequest, body: BodyResult | null, out: Output | null, file: string, n: number, failure: ClientError | null = null): RawExchange {
  const url = normalizeUrl(req.url!);
  const notes = [...(url.note ? [url.note] : []), ...req.notes.map((x) => `request: ${x}`)];
  notes.push(...(body?.notes ?? []).map((x) => `request: ${x}`));
  const transportError = failure?.transportError ?? null;
  if (failure) notes.push(out && transportError ? `${failure.note}; the response as far as it came` : failure.note);
  let status: number | null = null;
  if (out) {
    notes.push(...out.body.notes.map((x) => `response: ${x}`));
    status = out.status;
    // A body the failure cut short says nothing sure of the status: it stays as shown.
    if (status === null && !transportError) {
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
    transportError,
    startedAt: null,
    durationMs: null,
    sourceRef: `${file}:${cmd.line.no}`,
    group: 't1',
    label: String(n),
    notes,
    ...unreadableOf(body, out?.body),
  };
}

/** The bodies left out as beyond repair, for their secrets (RawExchange.unreadable). */
function unreadableOf(request: BodyResult | null | undefined, response: BodyResult | null | undefined): Pick<RawExchange, 'unreadable'> {
  const unreadable = unreadableBodies(request, response);
  return unreadable ? { unreadable } : {};
}

