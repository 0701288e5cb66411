import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { TextChunks, decodeText, encodingOf } from '../sources/har/text-coding.js';
import { readRawExchanges } from '../sources/transcript/index.js';
import type { RawExchange } from '../model/exchange.js';
import { KnownValueIndex, knownValues } from './known-values.js';
import { notice } from '../model/notices.js';
import type { Evidence, Exposure } from '../model/exchange.js';
import { KNOWLEDGE_FIELDS, SECRET_HEADERS, TOKEN_FIELDS, classifyField } from '../redact/policy.js';
import type { Redactor } from '../redact/redactor.js';
import { type ProfileHints, collectProfileHints } from '../redact/shape.js';
import { maskPathTokens } from '../redact/path-tokens.js';
import { maskSecretBlocks, maskUnderSecret } from '../redact/free-text.js';
import { Tally } from './tally.js';

type Where = Exposure['where'];

/** Pastes up to this size are also read by the transcript readers (see known-values.ts); larger files stream line by line only. */
const KNOWN_VALUES_MAX_BYTES = 16 << 20;

/** Where headers stand: at the start of a line, after curl's -H, or as a quoted JSON key; not in prose. */
const HEADER_LEAD = String.raw`(^\s*|-H\s*['"]?|--header[\s=]*['"]?|["“”'{,]\s*)`;
/** A secret header, by its name, where headers stand. */
const HEADER = new RegExp(String.raw`${HEADER_LEAD}([\w-]*authorization|cookie|set-cookie|x-device-fingerprint|[\w-]*-(?:key|token|secret|apikey|session|sessionid))(["“”']?\s*:\s*["“”']?)([^'"“”\s[{][^'"“”\r\n]*)`, 'gi');
/** A run of base64 that may be packed JSON (see Redactor.redactString); not a segment of a JWT (dots around it). */
const BASE64_RUN = /(?<![A-Za-z0-9+/_.-])(?:eyJ|W3s|WyJ)[A-Za-z0-9+/_-]{12,}={0,2}(?![A-Za-z0-9+/_.-])/g;
/** A credential written as an Authorization header's value under any other name (`X-Upstream: Bearer …`): see AUTH_SCHEME_VALUE. */
const AUTH_VALUE = new RegExp(String.raw`${HEADER_LEAD}([A-Za-z][\w-]*)(["“”']?\s*[:=]\s*["“”']?)((?:Bearer|Basic|SSWS|Digest|Negotiate|NTLM|DPoP)\s+[^\s'"“”]{8,})`, 'gi');
const URL_WITH_QUERY = /(?:https?:\/\/|(?<=[\s'"(=]|^)\/)[^\s'"<>()]*\?[^\s'"<>()]+/g;
const FORM_PAIR = /(^|[\s&?'"])([A-Za-z_][\w-]*)=([^&\s'"]+)/g;
/**
 * Every rule below needs a secret's name (field, query parameter, header) or a JWT's `eyJ` in the line:
 * lines without one (most of a script or a page) skip the regexes, which is most of the work on big files.
 */
export const MAYBE_SECRET = new RegExp([...TOKEN_FIELDS, ...KNOWLEDGE_FIELDS, ...SECRET_HEADERS, 'securestring', 'eyJ', 'W3s', 'WyJ', 'pwd', 'bearer', 'basic', 'ssws', 'digest', 'negotiate', 'ntlm', 'dpop', 'auth', 'credential', 'key', 'secret', 'pass', 'code', '-u\\b', '--user', '-b\\b', 'sid', 'session', '\\b00[\\w-]{38}', '20111'].map((n) => n.replace(/[-_](?![ub\\])/g, '.')).join('|'), 'i');

/** `0040: …`: a row of curl's --trace-ascii dump, its offset and its data (TRACE_WIDTH characters when the row is full). */
const TRACE_ROW = /^([0-9a-f]{4,}: )(.*)$/;
const TRACE_WIDTH = 64;
/** `password: |`, `client_secret:`: a YAML key with nothing after it but a block indicator; its value is below. */
const YAML_SECRET_OPEN = /^(\s*)(?:-\s+)?([A-Za-z_][\w.-]*):[ \t]*(?:[|>][-+]?\d?)?[ \t]*$/;
/** A wire log's piece: what comes before its quoted bytes, the bytes as written, the closing quote. */
const WIRE_PIECE = /^(.*?(?:<-|->|>>|<<) ")(.*)("\s*)$/;
/** `0040: 6f 64 65 22 3a …  ode":…`: a row of curl's --trace dump, its offset, up to 16 bytes in hex, padding, their text. */
const TRACE_HEX_ROW = /^([0-9a-f]{4,}: )((?:[0-9a-f]{2} ){1,16})(\s*)(.*)$/;
/** A secret's quoted value left open at the end of a line (a paste wrapped it), and the next line's rest of it. */
const WRAP_OPEN = /(["“”'])([A-Za-z_][\w-]*)\1\s*:\s*"[^"\n]*$/;
const WRAP_REST = /^([ \t]*)([^"\n:{}[\]]{1,200})"(?=\s*(?:[,}\]]|$))/;
/**
 * The head of an Okta token ending a line, shorter than a whole one (`00` and 20 more, `20111` and 12 more;
 * ids are 20 characters in all): where a console cut a table's cell at its width (PowerShell's `Format-Table
 * -Wrap`), the rest standing under it on the next lines.
 */
const CUT_TOKEN_HEAD = /(?<![\w*#-])(00[A-Za-z0-9_-]{20,37}|20111[A-Za-z0-9_-]{12,19})[ \t]*\r?$/;

/** A piece of a token a console cut at a column's width (see wrappedTokens): where it stands on its line. */
interface WrappedPiece {
  col: number;
  length: number;
  token: string;
  head: boolean;
}

/** A line continuing a token cut at column `col`: blanks up to it, then the token's next piece. */
const restAt = (col: number) => new RegExp(`^([ \\t]{${col}})([A-Za-z0-9_-]+)(?=[ \\t]|\\r?$)`);

/** The shape of a whole Okta token (OKTA_TOKEN_IN_TEXT's). */
const WHOLE_TOKEN = /^(?:00[A-Za-z0-9_-]{38,}|20111[A-Za-z0-9_-]{20,})$/;

/**
 * Tokens a console cut at a column's width (PowerShell's `Format-Table -Wrap`, a narrow window): a run of token
 * characters ending a line, continued by runs that start the next lines at its column (only blanks before),
 * which together have the shape of an Okta token. Its pieces by line number (1-based): the head is masked as
 * the token, the rest as its parts, however short.
 */
function wrappedTokens(whole: string): Map<number, WrappedPiece> {
  const out = new Map<number, WrappedPiece>();
  if (!whole.includes('00') && !whole.includes('20111')) return out;
  const lines = whole.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const head = /(?<![\w*#-])((?:00|20111)[A-Za-z0-9_-]{4,})[ \t]*\r?$/.exec(lines[i]!);
    if (!head) continue;
    const col = head.index;
    const rest = restAt(col);
    const pieces = [{ line: i, length: head[1]!.length }];
    let token = head[1]!;
    for (let j = i + 1; j < lines.length; j++) {
      const m = rest.exec(lines[j]!);
      if (!m) break;
      pieces.push({ line: j, length: m[2]!.length });
      token += m[2]!;
      // Every piece but the last fills the column.
      if (m[2]!.length < head[1]!.length) break;
    }
    if (pieces.length < 2 || !WHOLE_TOKEN.test(token)) continue;
    pieces.forEach((p, k) => out.set(p.line + 1, { col, length: p.length, token, head: k === 0 }));
    i = pieces[pieces.length - 1]!.line;
  }
  return out;
}

/** `var stateToken = '00ab...'`: how Okta's sign-in pages hand tokens to their scripts. */
const ASSIGN = /(?<![\w-])([A-Za-z_][\w-]*)(\s*=\s*)(['"])((?:\\.|(?!\3)[^\\\n])+)\3/g;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/**
 * Masks one line of a text transcript (forum paste, curl commands, raw HTTP): JSON-like `"field": "value"`
 * pairs (the redactor's text rules, typographic quotes included), secret headers, URLs with secret query
 * parameters, tokens in Okta link paths, `name=value` form pairs, script assignments (`var stateToken = '...'`) and JWTs wherever
 * they stand. Also used for HAR bodies that are not JSON (sign-in pages, forms).
 */
export function sanitizeLine(line: string, redactor: Redactor, ev: Evidence, hints: ProfileHints, where: Where = 'request.body'): string {
  line = maskPathTokens(line, redactor, 'url', ev);
  if (!MAYBE_SECRET.test(line)) return line;
  // Header lines first: their values are masked as headers, not as the token shapes they may hold.
  let out = line.replace(HEADER, (_m, lead: string, name: string, sep: string, value: string) => {
    const trimmed = value.replace(/\s+$/, '');
    const header = where === 'response.body' ? 'response.header' : 'request.header';
    if (/\*{4}#[0-9a-f]{12}/.test(trimmed)) return `${lead}${name}${sep}${value}`;
    return `${lead}${name}${sep}${redactor.redactHeaderValue(name, trimmed, header, ev)}${value.slice(trimmed.length)}`;
  });
  out = out.replace(AUTH_VALUE, (m, lead: string, name: string, sep: string, value: string) => {
    if (/\*{4}#[0-9a-f]{12}/.test(value)) return m;
    return `${lead}${name}${sep}${redactor.redactHeaderValue(name, value, where === 'response.body' ? 'response.header' : 'request.header', ev)}`;
  });
  out = redactor.redactText(out, where, ev, hints);
  // JSON packed in base64 (`state=eyJwYXNzd29yZCI6…`): unpacked, masked and packed again by the redactor.
  if (/eyJ|W3s|WyJ/.test(out)) out = out.replace(BASE64_RUN, (run) => redactor.redactString(run, where, ev, hints));
  out = out.replace(URL_WITH_QUERY, (url) => redactor.redactUrl(url, 'url', ev));
  out = out.replace(FORM_PAIR, (m, lead: string, name: string, value: string) => {
    if (!classifyField(name)) return m;
    const masked = redactor.redactField(name, safeDecode(value), where, name, ev, hints);
    return masked === safeDecode(value) ? m : `${lead}${name}=${encodeURIComponent(masked)}`;
  });
  out = out.replace(ASSIGN, (m, name: string, sep: string, q: string, value: string) => {
    if (!classifyField(name)) return m;
    return `${name}${sep}${q}${redactor.redactField(name, value, where, name, ev, hints)}${q}`;
  });
  out = out.replace(JWT, (jwt) => redactor.redactField('', jwt, where, 'jwt', ev, hints));
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Profile values (login, names) quoted in a line, so password shapes can tell whether they are contained. */
function lineHints(line: string, hints: ProfileHints): void {
  const m = /["“”']?(username|login|firstName|lastName)["“”']?\s*:\s*["“”']([^"“”']+)["“”']/.exec(line);
  if (!m) return;
  collectProfileHints(hints, m[1] === 'username' ? { username: m[2] } : { _embedded: { user: { profile: { [m[1]]: m[2] } } } });
}

/**
 * A text transcript with its secrets masked, line by line as it streams (line endings kept), so files of
 * any size pass. `tally` receives each line's findings under `line N`.
 */
export async function* sanitizeTextChunks(path: string, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  // What the readers understood, for a paste that fits in memory: masked wherever the text spells it.
  // Read once into memory when small enough, streamed otherwise.
  const whole = statSync(path).size <= KNOWN_VALUES_MAX_BYTES ? decodeText(readFileSync(path)).text : null;
  if (whole === null) notice(`authtrail: ${path}: over ${KNOWN_VALUES_MAX_BYTES >> 20} MB, read line by line only: a secret whose name a shell's quoting hides (curl for cmd, PowerShell), or one named on another line, may stay; split the file to have its commands read too`);
  const wraps = whole === null ? new Map<number, WrappedPiece>() : wrappedTokens(whole);
  const known = whole === null ? new KnownValueIndex([]) : knownIndex(whole, readRawExchanges(whole, path), redactor, wraps);
  const one = lineSanitizer(redactor, tally, known, wraps);
  let rest = '';
  const chunks = whole === null ? streamText(path) : [whole];
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield lines.map((l) => `${one(l)}\n`).join('');
  }
  if (rest !== '') yield one(rest);
}

/**
 * A text held in memory (one message of a Burp or Charles export) masked as sanitizeTextChunks masks a file,
 * line for line; `ref` names it for the readers. No temp file: a body read one byte per character could be
 * sniffed back as UTF-16 from one.
 */
export function sanitizeText(whole: string, ref: string, redactor: Redactor, tally: Tally): string {
  const wraps = wrappedTokens(whole);
  const one = lineSanitizer(redactor, tally, knownIndex(whole, readRawExchanges(whole, ref), redactor, wraps), wraps);
  const lines = whole.split('\n');
  const last = lines.pop()!;
  return lines.map((l) => `${one(l)}\n`).join('') + (last === '' ? '' : one(last));
}

/**
 * The secrets of a text held in memory, line by line into `tally` as sanitizeTextChunks finds them, `exchanges`
 * being what the readers understood of it (an import's calls, already read); returns the text's lines.
 */
export function checkTextLines(whole: string, exchanges: readonly RawExchange[], redactor: Redactor, tally: Tally): string[] {
  const wraps = wrappedTokens(whole);
  const one = lineSanitizer(redactor, tally, knownIndex(whole, exchanges, redactor, wraps), wraps);
  const lines = whole.split('\n');
  for (const line of lines) one(line);
  return lines;
}

/**
 * The values a text's readers understood (`exchanges`), and those a first read with the line rules masks on
 * one line (`my password is Summer2026!x`): masked on every other line that spells them too (`… with
 * newPassword Summer2026!x`), where no name says so.
 */
function knownIndex(whole: string, exchanges: readonly RawExchange[], redactor: Redactor, wraps: ReadonlyMap<number, WrappedPiece>): KnownValueIndex {
  const masked: [string, string][] = [];
  redactor.onMasked = (field, value) => masked.push([field, value]);
  try {
    const first = lineSanitizer(redactor, new Tally(), new KnownValueIndex(knownValues(exchanges)), wraps);
    for (const line of whole.split('\n')) first(line);
  } finally {
    redactor.onMasked = null;
  }
  return new KnownValueIndex(knownValues(exchanges, masked));
}

/** A large file's text as it streams: UTF-8 as Node decodes it, UTF-16 (see encodingOf) decoded to text. */
async function* streamText(path: string): AsyncGenerator<string> {
  const buf = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  if (encodingOf(buf.subarray(0, read)) === 'utf-8') {
    yield* createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 }) as AsyncIterable<string>;
    return;
  }
  const text = new TextChunks();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 18 }) as AsyncIterable<Buffer>) yield text.push(chunk);
  yield text.end();
}

/**
 * One text's line sanitizer: each call masks the next line (see sanitizeLine, and the rules for what runs
 * over several lines), notes its findings in `tally` under `line N` and masks the `known` values it spells.
 */
function lineSanitizer(redactor: Redactor, tally: Tally, known: KnownValueIndex, wraps: ReadonlyMap<number, WrappedPiece> = new Map()): (line: string) => string {
  const hints: ProfileHints = new Map();
  let lineNo = 0;
  // A secret's array or object pasted over several lines (`"answer": [` … `]`): every leaf until it closes.
  let block: { field: string; depth: number } | null = null;
  let multipart: { field: string; blank: boolean } | null = null;
  let wrapped: string | null = null;
  // A YAML key naming a secret with its value on the lines under it (`password: |`, `client_secret:` then `- …`).
  let yaml: { indent: number; field: string } | null = null;
  // The column of a token's head a console cut at a line's end (CUT_TOKEN_HEAD): its rest starts lines there.
  let cutAt: number | null = null;
  return (line: string): string => {
    lineNo++;
    lineHints(line, hints);
    const ev: Evidence = { exposures: [], passwords: [], notes: [] };
    // A piece of a token the text wraps at a column: its head masked as the token, the rest as its parts.
    const cut = wraps.get(lineNo);
    if (cut) {
      const mask = cut.head ? redactor.redactField('token', cut.token, 'response.body', 'token', ev, hints) : '[redacted token part]';
      line = line.slice(0, cut.col) + mask + line.slice(cut.col + cut.length);
    }
    const rest = cutAt === null ? null : restAt(cutAt).exec(line);
    if (rest) line = `${rest[1]}[redacted token part]${line.slice(rest[0].length)}`;
    const head = CUT_TOKEN_HEAD.exec(line);
    cutAt = head ? head.index : rest ? cutAt : null;
    if (block) {
      const r = maskUnderSecret(redactor, line, 0, block.depth, block.field, 'request.body', ev, hints);
      line = r.text;
      block = r.depth > 0 ? { field: block.field, depth: r.depth } : null;
    }
    // A multipart part pasted line by line: its name, a blank line, then the value.
    const part = /Content-Disposition:[^\n]*\bname=(?:"([^"]+)"|([^\s;"]+))/i.exec(line);
    if (part) multipart = classifyField(part[1] ?? part[2]!) ? { field: part[1] ?? part[2]!, blank: false } : null;
    else if (multipart && line.trim() === '') multipart.blank = true;
    else if (multipart?.blank) {
      const value = line.replace(/\r$/, '');
      line = redactor.redactField(multipart.field, value, 'request.body', multipart.field, ev, hints) + line.slice(value.length);
      multipart = null;
    }
    if (yaml && line.trim() !== '') {
      const m = /^(\s*)((?:-\s+)?)(.*?)(\s*)$/.exec(line)!;
      if (m[1]!.length > yaml.indent || (m[2] !== '' && m[1]!.length === yaml.indent)) {
        if (m[3] !== '') line = `${m[1]}${m[2]}${redactor.redactField(yaml.field, m[3]!, 'request.body', yaml.field, ev, hints)}${m[4]}`;
      } else yaml = null;
    }
    const opensYaml = YAML_SECRET_OPEN.exec(line);
    if (opensYaml && classifyField(opensYaml[2]!)) yaml = { indent: opensYaml[1]!.length, field: opensYaml[2]! };
    // A row of curl's --trace hex dump: known values masked in its bytes and its text; no other rule reads it.
    const hexRow = TRACE_HEX_ROW.exec(line);
    if (hexRow) {
      const masked = known.maskHexRow(hexRow[2]!, hexRow[4]!, redactor, ev);
      tally.add(String(lineNo), ev.exposures, 'text');
      return masked ? `${hexRow[1]}${masked.hex}${hexRow[3]}${masked.ascii}` : line;
    }
    // A row of curl's --trace-ascii dump: a value cut at the row's width runs on at the next row's start.
    const row = TRACE_ROW.exec(line);
    if (row) line = row[1]! + known.maskRow(row[2]!, row[2]!.length === TRACE_WIDTH, redactor, ev);
    // A piece of a wire log (Ruby's `-> "…"`, Apache's `<< "…"`): a body read in two pieces splits a value too.
    const piece = row ? null : WIRE_PIECE.exec(line);
    if (piece) line = piece[1]! + known.maskRow(piece[2]!, true, redactor, ev) + piece[3]!;
    // A quoted secret the paste wrapped: the rest of its value opens the next line and closes its quote there.
    if (wrapped) {
      const field = wrapped;
      line = line.replace(WRAP_REST, (_m, lead: string, rest: string) => `${lead}${redactor.redactField(field, rest, 'request.body', field, ev, hints)}"`);
    }
    const open = WRAP_OPEN.exec(line);
    wrapped = open && classifyField(open[2]!) ? open[2]! : null;
    const opened = maskSecretBlocks(redactor, line, 'request.body', ev, hints);
    line = opened.text;
    block = opened.open ?? block;
    let out = sanitizeLine(line, redactor, ev, hints);
    out = known.mask(out, redactor, ev, hints);
    // A cut head no other rule masked (it is no whole token): masked as a token, and its rest on the next lines.
    if (head && out.includes(head[1]!)) out = out.replace(head[1]!, redactor.redactField('token', head[1]!, 'response.body', 'token', ev, hints));
    tally.add(String(lineNo), ev.exposures, 'text');
    return out;
  };
}
