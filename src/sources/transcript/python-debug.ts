/**
 * Python's `http.client` debug output (`http.client.HTTPConnection.debuglevel = 1`, the usual way to see what
 * `requests` sends), usually pasted with urllib3's log lines and what the script printed:
 *
 *     send: b'POST /api/v1/authn HTTP/1.1\r\nHost: dev-1.okta.com\r\nContent-Type: application/json\r\n\r\n'
 *     send: b'{"username": "jane@example.com", "password": "…"}'
 *     reply: 'HTTP/1.1 200 OK\r\n'
 *     header: Content-Type: application/json
 *     DEBUG:urllib3.connectionpool:https://dev-1.okta.com:443 "POST /api/v1/authn HTTP/1.1" 200 None
 *     {'stateToken': '00…', 'status': 'MFA_REQUIRED', …}
 *
 * rewritten as the raw HTTP it stands for (the request's head and body decoded from the bytes literals, the
 * status line, the `header:` lines, then what followed: the body the script printed), which the raw HTTP
 * reader reads. A `send:` line becomes several lines: `lines` maps each line of the rewritten text to the
 * paste's line it came from, so references name the paste's lines.
 */
import { decodeEscaped, REQUEST_LINE, rewriteOutput, type Rewritten } from './rewritten.js';

/**
 * What may stand before http.client's own words: nothing (it prints), or a log line's head when the recipe
 * `http.client.print = lambda *a: log.debug(" ".join(a))` routes it through logging (`DEBUG:http.client:`).
 */
const LOGGED = String.raw`^(?:.*?\bhttp\.client\b[\s:\]-]*)?\s*`;
/** `send: b'…'` (or `b"…"`), as http.client prints each write to the socket. */
const SEND = new RegExp(String.raw`${LOGGED}send:\s*b(['"])(.*)\1\s*$`);
/** `reply: 'HTTP/1.1 200 OK\r\n'`: the status line as read. */
const REPLY = new RegExp(String.raw`${LOGGED}reply:\s*(['"])(.*)\1\s*$`);
/** `header: Content-Type: application/json`: each response header as read. */
const HEADER = new RegExp(String.raw`${LOGGED}header:\s?(.*)$`);
/** urllib3's log lines about the same calls (`DEBUG:urllib3.connectionpool:…`, or through a logging format). */
const URLLIB3 = /\burllib3\.connectionpool\b/;
/** Framing the script's printed body no longer has: requests decoded it before it was printed. */
const FRAMING = /^(?:transfer-encoding|content-encoding)\s*:/i;

/** The paste with its http.client debug output written as raw HTTP; null when it holds none. */
export function rewriteHttpClientDebug(raw: string): Rewritten | null {
  // Cheap test first: most pastes hold no `send: b` at all.
  if (!/send:\s*b['"]/.test(raw)) return null;
  const input = raw.split(/\r?\n/);
  const { emit, apart, done } = rewriteOutput();
  let requests = 0;
  let urllib3 = 0;
  let framing = 0;
  /** Inside a response's `header:` lines: the head ends (a blank line) at the first line that is not one. */
  let inHead = false;
  /** The status of the reply whose printed body is still to come (`print(r.status, r.read())` prefixes it). */
  let awaiting: string | null = null;
  input.forEach((line, i) => {
    const no = i + 1;
    const send = SEND.exec(line);
    const reply = send ? null : REPLY.exec(line);
    const header = inHead && !send && !reply ? HEADER.exec(line) : null;
    if (inHead && !header) {
      emit('', no);
      inHead = false;
    }
    if (send) {
      const bytes = decodeBytesLiteral(send[2]!);
      if (bytes === null) return emit(line, no);
      const parts = bytes.split(/\r?\n/);
      if (REQUEST_LINE.test(parts[0]!)) {
        requests++;
        // The request stands apart from what came before (a previous response's printed body).
        apart(no);
      }
      // The head's closing CRLF CRLF leaves two empty parts: one blank line ends the head.
      while (parts.length > 1 && parts[parts.length - 1] === '' && parts[parts.length - 2] === '') parts.pop();
      if (parts.length > 1 && parts[parts.length - 1] === '' && !REQUEST_LINE.test(parts[0]!)) parts.pop();
      for (const part of parts) emit(part, no);
      return;
    }
    if (reply) {
      const status = decodeBytesLiteral(reply[2]!)?.trim() ?? reply[2]!;
      const code = /^HTTP\/\S+\s+(\d{3})/.exec(status);
      if (!code) return emit(line, no);
      apart(no);
      emit(status, no);
      inHead = true;
      awaiting = code[1]!;
      return;
    }
    if (header) {
      if (FRAMING.test(header[1]!)) framing++;
      else emit(header[1]!, no);
      return;
    }
    if (URLLIB3.test(line)) {
      urllib3++;
      return;
    }
    if (awaiting !== null && line.trim() !== '') {
      const status = awaiting;
      awaiting = null;
      // `print(r)` before the body: `<Response [200]>` says nothing the status line does not.
      if (line.trim() === `<Response [${status}]>`) {
        awaiting = status;
        return emit('', no);
      }
      // `print(r.status, body)`: the status the reply line gave, then the body.
      const printed = new RegExp(`^\\s*${status}\\s+(?=[{[])`).exec(line);
      if (printed) return emit(line.slice(printed[0].length), no);
    }
    emit(line, no);
  });
  if (inHead) emit('', input.length);
  if (requests === 0) return null;
  const left = [
    ...(urllib3 ? [`${urllib3} urllib3 log ${urllib3 === 1 ? 'line' : 'lines'} about the same calls left out`] : []),
    ...(framing ? ['Transfer-Encoding and Content-Encoding headers left out (the body printed is already decoded)'] : []),
  ];
  return done(`Python http.client debug output (send:/reply:/header: lines) read as raw HTTP; the response body is what the script printed after it${left.length ? `; ${left.join('; ')}` : ''}`);
}

/** A Python bytes or str literal's body as repr() writes it (see decodeEscaped). */
export const decodeBytesLiteral = decodeEscaped;
