import { HTTPParser } from 'http-parser-js';

/** A message's start line (and, for chunked bodies, the decoded body) as http-parser-js read it. */
export interface ParsedMessage {
  method: string | null;
  url: string | null;
  status: number | null;
  /** The decoded body when the message was chunked and its framing held; null otherwise. */
  chunkedBody: string | null;
  error: string | null;
}

/**
 * Checks a start line and headers with http-parser-js and decodes chunked bodies. Pasted bodies rarely
 * keep a correct Content-Length, so it is dropped and only chunked framing is handed to the parser;
 * the caller reads headers and other bodies from the text as written.
 */
export function parseMessage(kind: 'request' | 'response', start: string, headerLines: string[], chunked: string | null): ParsedMessage {
  const parser = new HTTPParser(kind === 'request' ? HTTPParser.REQUEST : HTTPParser.RESPONSE);
  const out: ParsedMessage = { method: null, url: null, status: null, chunkedBody: null, error: null };
  const body: Buffer[] = [];
  let complete = false;
  parser[HTTPParser.kOnHeadersComplete] = (info) => {
    if (kind === 'request') {
      out.method = HTTPParser.methods[info.method] ?? null;
      out.url = info.url;
    } else {
      out.status = info.statusCode;
    }
  };
  parser[HTTPParser.kOnBody] = (chunk, offset, length) => {
    body.push(chunk.subarray(offset, offset + length));
  };
  parser[HTTPParser.kOnMessageComplete] = () => {
    complete = true;
  };
  const kept = headerLines.filter((h) => !/^content-length\s*:/i.test(h) && (chunked !== null || !/^transfer-encoding\s*:/i.test(h)));
  // http-parser-js reads HTTP/1.x framing only; an HTTP/2 message pasted as text has the same head shape.
  const head = [start.replace(/HTTP\/2(?:\.0)?(?=\s|$)/i, 'HTTP/1.1'), ...kept, ...(chunked === null ? ['Content-Length: 0'] : [])].join('\r\n');
  const text = `${head}\r\n\r\n${chunked === null ? '' : chunked.replace(/\r?\n/g, '\r\n')}`;
  const result = parser.execute(Buffer.from(text, 'utf8'));
  if (result instanceof Error) out.error = result.message;
  else if (chunked !== null) {
    if (complete) out.chunkedBody = Buffer.concat(body).toString('utf8');
    else out.error = 'chunked body ended before its last chunk';
  }
  return out;
}
