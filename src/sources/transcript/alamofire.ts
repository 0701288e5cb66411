/**
 * Alamofire's `debugPrint(response)` (Swift, iOS; Alamofire 5's `DataResponse.debugDescription`):
 *
 *     [Request]: POST https://dev-1.okta.com/api/v1/authn
 *         [Headers]:
 *             Content-Type: application/json
 *         [Body]:
 *             {"username":"jane@example.com","password":"…"}
 *     [Response]:
 *         [Status Code]: 200
 *         [Headers]:
 *             Content-Type: application/json
 *         [Body]:
 *             {"stateToken":"00…","status":"MFA_REQUIRED",…}
 *     [Network Duration]: 0.33s
 *     [Serialization Duration]: 0.0001s
 *     [Result]: success(…)
 *
 * rewritten as the raw HTTP it stands for, which the raw HTTP reader reads; the durations and the result
 * (the decoded value, or the error, of the same response) are Alamofire's own lines and left out, counted
 * in the note. `lines` maps each line of the rewritten text to the paste's line it came from.
 */
import { rewriteOutput, type Rewritten } from './rewritten.js';

const REQUEST = /^\s*\[Request\]:\s+([A-Z]+)\s+(https?:\/\/\S+)\s*$/;
const RESPONSE = /^\s*\[Response\]:\s*(None)?\s*$/;
const STATUS = /^\s*\[Status Code\]:\s*(\d{3})\s*$/;
const HEADERS = /^\s*\[Headers\]:\s*(None)?\s*$/;
const BODY = /^\s*\[Body\]:\s*(.*?)\s*$/;
const OWN = /^\s*\[(?:Network Duration|Serialization Duration|Result|Metrics)\]:/;

/** The paste with its Alamofire response descriptions written as raw HTTP; null when it holds none. */
export function rewriteAlamofire(raw: string): Rewritten | null {
  // Cheap test first: most pastes hold no `[Request]:` at all.
  if (!raw.includes('[Request]:') || !raw.includes('[Response]:')) return null;
  const input = raw.split(/\r?\n/);
  const { emit, apart, done } = rewriteOutput();
  let requests = 0;
  let own = 0;
  let section: 'head' | 'headers' | 'body' | null = null;
  /** The indentation of the body's first line, taken off each of its lines. */
  let indent: string | null = null;
  const closeHead = (no: number) => {
    if (section === 'head' || section === 'headers') emit('', no);
    section = null;
  };
  input.forEach((line, i) => {
    const no = i + 1;
    const request = REQUEST.exec(line);
    if (request) {
      let url: URL;
      try {
        url = new URL(request[2]!);
      } catch {
        return emit(line, no);
      }
      closeHead(no);
      apart(no);
      emit(`${request[1]} ${url.pathname}${url.search} HTTP/1.1`, no);
      emit(`Host: ${url.host}`, no);
      requests++;
      section = 'head';
      return;
    }
    if (requests === 0) return emit(line, no);
    const status = STATUS.exec(line);
    if (RESPONSE.test(line)) {
      closeHead(no);
      return;
    }
    if (status) {
      closeHead(no);
      apart(no);
      emit(`HTTP/1.1 ${status[1]}`, no);
      section = 'head';
      return;
    }
    const headers = HEADERS.exec(line);
    if (headers && (section === 'head' || section === 'headers')) {
      section = headers[1] ? 'head' : 'headers';
      return;
    }
    const body = BODY.exec(line);
    if (body && (section === 'head' || section === 'headers')) {
      closeHead(no);
      // `[Body]: None`, or `[Body]: 250 bytes` for a body Alamofire did not print: no text to read.
      if (body[1] === '') {
        section = 'body';
        indent = null;
      }
      return;
    }
    if (OWN.test(line)) {
      closeHead(no);
      own++;
      return;
    }
    if (section === 'headers') {
      const header = line.trim();
      if (header !== '') emit(header, no);
      return;
    }
    if (section === 'body') {
      if (line.trim() === '') return emit('', no);
      indent ??= /^\s*/.exec(line)![0];
      if (line.startsWith(indent)) return emit(line.slice(indent.length), no);
      // Less indented than the body: the paste's own text again.
      section = null;
    }
    closeHead(no);
    emit(line, no);
  });
  if (section === 'head' || section === 'headers') emit('', input.length);
  if (requests === 0) return null;
  return done(
    `Alamofire's debugPrint of a response ([Request]:/[Response]: blocks) read as raw HTTP${own ? `; ${own} line${own === 1 ? '' : 's'} of its own (durations, result) left out` : ''}`,
  );
}
