/**
 * What a rewrite of another program's output into raw HTTP gives (python-debug.ts, wire-log.ts): the text the
 * readers read, where each of its lines came from, and the note each exchange read from it carries.
 */
export interface Rewritten {
  text: string;
  /** For each line of `text` (index 0 is line 1), the paste's line number it came from. */
  lines: number[];
  note: string;
}

/** `POST /api/v1/authn HTTP/1.1`: a request's start line, as the bytes on the wire begin. */
export const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/\d(?:\.\d)?$/;
