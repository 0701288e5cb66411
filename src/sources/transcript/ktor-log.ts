/**
 * Ktor's client `Logging` plugin (Kotlin, Android; `LogLevel.ALL` or `HEADERS`, the default format), as
 * Logcat or an SLF4J logger prints it, each line perhaps behind a log head:
 *
 *     REQUEST: https://dev-1.okta.com/api/v1/authn
 *     METHOD: HttpMethod(value=POST)
 *     COMMON HEADERS
 *     -> Accept: application/json
 *     CONTENT HEADERS
 *     -> Content-Type: application/json
 *     BODY Content-Type: application/json
 *     BODY START
 *     {"username":"jane@example.com","password":"…"}
 *     BODY END
 *     RESPONSE: 200 OK
 *     METHOD: HttpMethod(value=POST)
 *     FROM: https://dev-1.okta.com/api/v1/authn
 *     COMMON HEADERS
 *     -> content-type: application/json
 *     BODY START
 *     {"stateToken":"00…","status":"MFA_REQUIRED",…}
 *     BODY END
 *
 * rewritten as the raw HTTP it stands for (request line and Host from REQUEST: and METHOD:, the `->` headers,
 * the body between BODY START and BODY END; the status line from RESPONSE:), which the raw HTTP reader reads.
 * `lines` maps each line of the rewritten text to the paste's line it came from.
 */
import { rewriteOutput, type Rewritten } from './rewritten.js';

/** A Ktor log line's own words, after whatever log head stands before them (group 1). */
const MARK = /^(.*?)(REQUEST: (?=https?:\/\/)|METHOD: |FROM: (?=https?:\/\/)|COMMON HEADERS\s*$|CONTENT HEADERS\s*$|-> |BODY Content-Type: |BODY START\s*$|BODY END\s*$|RESPONSE: (?=\d{3}\b))(.*)$/;
/** `HttpMethod(value=POST)` (Ktor 1 and 2) or a bare `POST` (Ktor 3). */
const METHOD = /^(?:HttpMethod\(value=)?([A-Z]+)\)?\s*$/;
/** What Ktor writes instead of a body it did not log. */
const OMITTED = /^\[(?:request|response) body omitted\]$/i;

/** The paste with its Ktor client log blocks written as raw HTTP; null when it holds none. */
export function rewriteKtorLog(raw: string): Rewritten | null {
  // Cheap test first: most pastes hold no Ktor block at all.
  if (!raw.includes('REQUEST: http') || !/METHOD: |RESPONSE: \d/.test(raw)) return null;
  const input = raw.split(/\r?\n/);
  const { emit, apart, done } = rewriteOutput();
  let requests = 0;
  /** The request whose line waits for its METHOD: (REQUEST: gives the URL first). */
  let pending: { url: URL; no: number } | null = null;
  /** In a block's head (its `->` headers): the blank line that ends it is still to come. */
  let inHead = false;
  /** Between BODY START and BODY END: the log head of BODY START, stripped from each body line that has it. */
  let body: { head: string; lines: number } | null = null;
  const endHead = (no: number) => {
    if (inHead) emit('', no);
    inHead = false;
  };
  input.forEach((line, i) => {
    const no = i + 1;
    if (body) {
      const m = MARK.exec(line);
      if (m && m[2]!.startsWith('BODY END')) {
        body = null;
        return;
      }
      const text = body.head !== '' && line.startsWith(body.head) ? line.slice(body.head.length) : line;
      if (body.lines === 0 && OMITTED.test(text.trim())) return;
      body.lines++;
      return emit(text, no);
    }
    const m = MARK.exec(line);
    if (!m) {
      endHead(no);
      return emit(line, no);
    }
    const [, head, mark, rest] = m as unknown as [string, string, string, string];
    if (mark.startsWith('REQUEST')) {
      let url: URL;
      try {
        url = new URL(rest.trim());
      } catch {
        return emit(line, no);
      }
      endHead(no);
      pending = { url, no };
      return;
    }
    if (mark === 'METHOD: ') {
      const method = METHOD.exec(rest)?.[1];
      if (pending && method) {
        apart(no);
        emit(`${method} ${pending.url.pathname}${pending.url.search} HTTP/1.1`, pending.no);
        emit(`Host: ${pending.url.host}`, pending.no);
        requests++;
        pending = null;
        inHead = true;
        return;
      }
      // A response block repeats its request's METHOD: Ktor's framing, not a header.
      return inHead ? undefined : emit(line, no);
    }
    if (mark.startsWith('RESPONSE')) {
      endHead(no);
      apart(no);
      emit(`HTTP/1.1 ${rest.trim()}`, no);
      inHead = true;
      return;
    }
    // `->` outside a block's head is someone's arrow (`A -> B`), not a header.
    if (mark === '-> ') return emit(inHead ? rest : line, no);
    if (mark.startsWith('BODY START')) {
      endHead(no);
      body = { head, lines: 0 };
      return;
    }
    // FROM:, COMMON HEADERS, CONTENT HEADERS, BODY Content-Type:, a stray BODY END: said by the lines around them.
  });
  if (inHead) emit('', input.length);
  if (requests === 0) return null;
  return done('Ktor client Logging output (REQUEST:/RESPONSE: blocks) read as raw HTTP');
}
