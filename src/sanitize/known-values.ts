import type { Evidence, RawExchange } from '../model/exchange.js';
import { AUTH_SCHEME_VALUE, classifyField, isMaskedValue, isSecretHeaderValue, PAIR_VALUE_KEYS, pairName } from '../redact/policy.js';
import type { Redactor } from '../redact/redactor.js';
import type { ProfileHints } from '../redact/shape.js';

/**
 * The secret values the transcript readers understood in a paste, to mask wherever the text still spells
 * them. The line rules (text.ts) find a secret by its name next to it; a shell's quoting can hide that name
 * (`^\^"password^\^":^\^"…^\^"` from Chrome's "Copy as cURL (cmd)", PowerShell's `` `"password`": ``), but
 * the readers unquote the command, so the value they read is known, and so are the ways a text writes it.
 */
export interface KnownValue {
  field: string;
  value: string;
  /** The value as the text may spell it: plain, JSON-escaped, URL-encoded, shell-escaped. */
  spellings: string[];
}

/**
 * A mask, or a piece of one a reader split (`"passCode": [redacted passCode len=8]` read again as an array:
 * `redacted`, `passCode`, `len=8]`): no secret. A field's own name (`passCode`) is none either.
 */
const MASK_PIECE = /\*{4}#[0-9a-f]{12}|redacted|^len=\d+\]?$|exporter\]?$|\]$/i;

/** A long token's head and the `…` a console cut it with (`20111PsSessionTok0123456789abcd…`). */
const CONSOLE_CUT = /^[A-Za-z0-9_-]{20,}…$/;

/** Values shorter than this are not searched for: `123` or `x` stand for too much else in a text. */
const MIN_LENGTH = 5;

/**
 * A value a line rule masked (`password is Summer2026!x`), to look for elsewhere: not a plain word or phrase
 * (`answer is required`: prose the rule read as a secret, which masking everywhere would blank out), so it
 * holds a digit or a sign, or capitals inside it.
 */
const PLAIN_WORDS = /^(?:[A-Z]?[a-z]+|[a-z]+(?:[ '-][a-z]+)*)$/;

/**
 * The secret values the readers understood in these exchanges, and those `masked` names (field, clear value:
 * what the line rules masked in the same text) that are no plain words.
 */
export function knownValues(exchanges: readonly RawExchange[], masked: Iterable<readonly [string, string]> = []): KnownValue[] {
  return secretValues(exchanges, masked, (value) => value.length >= MIN_LENGTH);
}

/**
 * The secret values of these exchanges too short to be looked for in a text on their own (`"answer": "red"`):
 * found where a line spells them after their name only (see textExposures).
 */
export function shortSecretValues(exchanges: readonly RawExchange[]): KnownValue[] {
  return secretValues(exchanges, [], (value) => value.length > 0 && value.length < MIN_LENGTH);
}

/** The secret values of the exchanges and of `masked` that `keep` takes, longest first (see knownValues). */
function secretValues(exchanges: readonly RawExchange[], masked: Iterable<readonly [string, string]>, keep: (value: string) => boolean): KnownValue[] {
  const found = new Map<string, KnownValue>();
  const add = (field: string, raw: unknown) => {
    const value = typeof raw === 'number' ? String(raw) : raw;
    // A value already masked (a sanitized copy read again) is no secret to look for; a token a console cut
    // with `…` (PowerShell 7's views) still shows its head, as one cut with `...` does.
    if (typeof value !== 'string' || !keep(value) || found.has(value) || (isMaskedValue(value) && !CONSOLE_CUT.test(value)) || MASK_PIECE.test(value) || classifyField(value)) return;
    found.set(value, { field, value, spellings: spellingsOf(value) });
  };
  const walk = (node: unknown, under: string | null, depth: number) => {
    if (depth > 32 || node === null || typeof node !== 'object') {
      if (under) add(under, node);
      return;
    }
    // A name/value pair (`{"key": "password", "value": …}`) names its value as the redactor reads it.
    const pair = under === null && !Array.isArray(node) ? pairName(node as Record<string, unknown>) : null;
    for (const [key, v] of Object.entries(node as Record<string, unknown>)) walk(v, under ?? (classifyField(key) ? key : pair !== null && PAIR_VALUE_KEYS.has(key) ? pair : null), depth + 1);
  };
  for (const e of exchanges) {
    for (const body of [e.requestBody, e.responseBody]) {
      if (typeof body === 'string') formPairs(body, add);
      else walk(body, null, 0);
    }
    for (const headers of [e.requestHeaders, e.responseHeaders]) {
      for (const [name, raw] of Object.entries(headers ?? {})) {
        const value = String(raw ?? '');
        if (!isSecretHeaderValue(name, value)) continue;
        // The credential of `Bearer …`, each cookie's value: what a text repeats elsewhere.
        if (AUTH_SCHEME_VALUE.test(value) || /authorization$/i.test(name)) add(name, value.replace(/^\w+\s+/, ''));
        else if (/cookie/i.test(name)) for (const pair of value.split(/;\s*/)) add(name, pair.slice(pair.indexOf('=') + 1).split(';')[0]);
        else add(name, value);
      }
    }
    const q = e.url.indexOf('?');
    if (q >= 0) formPairs(e.url.slice(q + 1).split('#')[0]!, add);
  }
  for (const [field, value] of masked) if (!PLAIN_WORDS.test(value.trim())) add(field, value);
  // Longest first: a value that holds another is replaced whole.
  return [...found.values()].sort((a, b) => b.value.length - a.value.length);
}

function formPairs(text: string, add: (field: string, value: unknown) => void): void {
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = decode(pair.slice(0, eq));
    if (classifyField(name)) add(name, decode(pair.slice(eq + 1)));
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** How a text may write `value`: as is, inside a JSON string, URL-encoded, in shell, cmd and PowerShell quoting. */
function spellingsOf(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const list = [
    value,
    json,
    encodeURIComponent(value),
    value.replace(/'/g, "\\'"),
    value.replace(/'/g, `'\\''`),
    json.replace(/\\"/g, '^\\^"').replace(/"/g, '^\\^"'),
    json.replace(/\\"/g, '`"').replace(/"/g, '`"'),
    value.replace(/"/g, '""'),
  ];
  return [...new Set(list)].filter((s) => s.length >= MIN_LENGTH);
}

/** Spellings by their first MIN_LENGTH characters: a line is scanned once, whatever the number of values. */
export class KnownValueIndex {
  private readonly byHead = new Map<string, Candidate[]>();
  /** The same candidates by the first MIN_LENGTH of their bytes (a hex dump's rows are compared as bytes). */
  private readonly byBytesHead = new Map<string, Candidate[]>();
  /** The longest candidate, in bytes: a row's tail that runs on into the next row is never longer. */
  private longest = 0;
  /** Token values by each run of PIECE characters in them: a console may wrap one over lines (see maskPieces). */
  private readonly pieces = new Map<string, KnownValue[]>();
  readonly size: number;

  constructor(values: readonly KnownValue[]) {
    this.size = values.length;
    for (const known of values) {
      for (const spelling of known.spellings) {
        // Tokens, codes and passwords are short; a value this long is a body or a hostile run, which the line
        // rules mask by its name, and looking for it could cost its length at every place of the line.
        if (spelling.length > MAX_SPELLING) continue;
        const head = spelling.slice(0, MIN_LENGTH);
        let list = this.byHead.get(head);
        if (!list) this.byHead.set(head, (list = []));
        list.push({ spelling, known, bytes: Buffer.from(spelling, 'utf8').toString('latin1') });
      }
    }
    for (const known of values) {
      if (known.value.length > MAX_PIECED || classifyField(known.field) !== 'token') continue;
      for (let i = 0; i + PIECE <= known.value.length; i++) {
        const gram = known.value.slice(i, i + PIECE);
        const list = this.pieces.get(gram);
        if (!list) this.pieces.set(gram, [known]);
        else if (!list.includes(known)) list.push(known);
      }
    }
    // Longest first at each place: a value that holds another is replaced whole.
    for (const list of this.byHead.values()) list.sort((a, b) => b.spelling.length - a.spelling.length);
    for (const list of this.byHead.values()) {
      for (const c of list) {
        this.longest = Math.max(this.longest, c.bytes.length);
        const head = c.bytes.slice(0, MIN_LENGTH);
        let same = this.byBytesHead.get(head);
        if (!same) this.byBytesHead.set(head, (same = []));
        same.push(c);
      }
    }
  }

  /** A known value a dump row ended inside of, and how much of it the rows showed. */
  private carry: { candidate: Candidate; at: number; hex: boolean } | null = null;

  /**
   * One row of a dump that cuts its lines at a fixed width (curl's `--trace-ascii`: 64 characters after the
   * offset), where a value can run on from one row to the next: the part of a known value the row ends with
   * (when it is full), and the rest of one an earlier row ended inside of, masked as `[redacted <field> part]`.
   * Fragments shorter than MIN_LENGTH that end a row are left: they say too little.
   */
  maskRow(data: string, full: boolean, redactor: Redactor, ev: Evidence): string {
    const spans = this.rowSpans(data, full, false, redactor, ev);
    let out = '';
    let from = 0;
    for (const { start, end, candidate } of spans) {
      out += data.slice(from, start) + `[redacted ${candidate.known.field} part]`;
      from = end;
    }
    return out + data.slice(from);
  }

  /**
   * One row of curl's `--trace` hex dump (`0040: 6f 64 65 22 … ode":"…`): the bytes of known values in it, and
   * of one an earlier row ended inside of, masked in both columns (`**` and `*`). Null when nothing is.
   */
  maskHexRow(hex: string, ascii: string, redactor: Redactor, ev: Evidence): { hex: string; ascii: string } | null {
    const pairs = hex.trim().split(' ');
    const text = Buffer.from(pairs.map((h) => parseInt(h, 16))).toString('latin1');
    const spans = this.rowSpans(text, pairs.length === 16, true, redactor, ev);
    if (spans.length === 0) return null;
    const hidden = new Array<boolean>(pairs.length).fill(false);
    for (const { start, end } of spans) for (let i = start; i < end; i++) hidden[i] = true;
    const chars = [...ascii];
    return {
      hex: `${pairs.map((h, i) => (hidden[i] ? '**' : h)).join(' ')} `,
      ascii: chars.map((c, i) => (hidden[i] ? '*' : c)).join(''),
    };
  }

  /** The previous full row's text (hex or not), read with the next: a value may begin at its very end. */
  private previous: { text: string; hex: boolean } | null = null;

  /**
   * Where in a row known values stand, in order: run on from earlier rows, whole, or running on into the next.
   * The row is read after the previous full row's text, so a value that begins in its last characters (fewer
   * than MIN_LENGTH, left there) is still found and masked from this row on.
   */
  private rowSpans(row: string, full: boolean, hex: boolean, redactor: Redactor, ev: Evidence): { start: number; end: number; candidate: Candidate }[] {
    const spans: { start: number; end: number; candidate: Candidate }[] = [];
    const of = (c: Candidate) => (hex ? c.bytes : c.spelling);
    const carry = this.carry?.hex === hex ? this.carry : null;
    const before = this.previous?.hex === hex ? this.previous.text : '';
    this.carry = null;
    this.previous = full ? { text: row, hex } : null;
    let from = 0;
    if (carry) {
      const left = of(carry.candidate).slice(carry.at);
      const n = row.startsWith(left) ? left.length : full && left.startsWith(row) ? row.length : 0;
      if (n > 0) {
        spans.push({ start: 0, end: n, candidate: carry.candidate });
        this.note(carry.candidate, redactor, ev);
        from = n;
        if (n === row.length && n < left.length) {
          this.carry = { candidate: carry.candidate, at: carry.at + n, hex };
          return spans;
        }
      }
    }
    const heads = hex ? this.byBytesHead : this.byHead;
    // The previous row's end is looked at only where no value was found running on.
    const text = from === 0 ? before + row : row;
    const shift = from === 0 ? before.length : 0;
    const add = (start: number, end: number, candidate: Candidate) => {
      spans.push({ start: Math.max(0, start - shift), end: end - shift, candidate });
      this.note(candidate, redactor, ev);
    };
    // Values whole in the row (the hex dump only: the text rules and mask() see the --trace-ascii rows).
    /** Where the last value found ends: a value running on into the next row begins after it. */
    let after = 0;
    if (hex) {
      for (let i = 0; i + MIN_LENGTH <= text.length; ) {
        const hit = heads.get(text.slice(i, i + MIN_LENGTH))?.find((c) => text.startsWith(c.bytes, i));
        if (!hit || i + hit.bytes.length <= shift) {
          i++;
          continue;
        }
        add(i, i + hit.bytes.length, hit);
        i += hit.bytes.length;
        after = i;
      }
    }
    if (!full) return spans;
    // The longest tail that begins a value without finishing it, reaching into this row (shorter than the longest value).
    for (let p = Math.max(after, text.length - this.longest + 1); p <= text.length - MIN_LENGTH; p++) {
      const tail = text.slice(p);
      const hit = heads.get(tail.slice(0, MIN_LENGTH))?.find((c) => of(c).length > tail.length && of(c).startsWith(tail));
      if (!hit) continue;
      add(Math.max(p, shift), text.length, hit);
      this.carry = { candidate: hit, at: tail.length, hex };
      break;
    }
    return spans;
  }

  /** Notes the value's exposure in `ev`, as masking it whole does. */
  private note(candidate: Candidate, redactor: Redactor, ev: Evidence): void {
    maskOne(candidate.known, redactor, ev, new Map());
  }

  /**
   * `line` with every spelling of every known value masked as its field says, each one noted in `ev`. A value
   * starts a word (after a quote, `=`, `:` or a space), so only those places are looked up.
   */
  mask(text: string, redactor: Redactor, ev: Evidence, hints: ProfileHints): string {
    if (this.size === 0 || text.length < MIN_LENGTH) return text;
    const line = this.pieces.size > 0 && text.length >= PIECE ? this.maskPieces(text, redactor, ev, hints) : text;
    let out = '';
    let from = 0;
    // Where each spelling next occurs from here on (-1: nowhere): a long value that repeats its head (`" " " …`)
    // would otherwise be compared in full at each of its heads, quadratic in the line's length.
    const next = new Map<Candidate, number>();
    const at = (c: Candidate, i: number) => {
      let n = next.get(c);
      if (n === undefined || (n !== -1 && n < i)) next.set(c, (n = line.indexOf(c.spelling, i)));
      return n;
    };
    for (let i = 0; i + MIN_LENGTH <= line.length; i++) {
      if (i > 0 && WORD.test(line[i - 1]!) && WORD.test(line[i]!)) continue;
      const list = this.byHead.get(line.slice(i, i + MIN_LENGTH));
      if (!list) continue;
      const hit = list.find((c) => at(c, i) === i);
      if (!hit) continue;
      const masked = maskOne(hit.known, redactor, ev, hints);
      if (masked === hit.known.value) continue;
      out += line.slice(from, i) + masked;
      from = i + hit.spelling.length;
      i = from - 1;
    }
    return from === 0 ? line : out + line.slice(from);
  }

  /**
   * A token's pieces standing alone where a console wrapped it at a column's width (PowerShell's
   * `Format-Table -Wrap` carries the rest of a cell to the next lines, under the same column, where no name
   * says what it is): each word of PIECE characters or more that is part of a known token, not all of it, is
   * masked as `[redacted <field> part]`. Fewer characters are left: they say too little.
   */
  private maskPieces(line: string, redactor: Redactor, ev: Evidence, hints: ProfileHints): string {
    return line.replace(PIECE_WORD, (word) => {
      const known = this.pieces.get(word.slice(0, PIECE))?.find((k) => k.value !== word && k.value.includes(word));
      if (!known) return word;
      maskOne(known, redactor, ev, hints);
      return `[redacted ${known.field} part]`;
    });
  }
}

/** The fewest characters of a token's piece masked alone (see maskPieces). */
const PIECE = 12;
/** A word of PIECE characters or more: what may be a piece of a token a console wrapped over lines. */
export const PIECE_WORD = new RegExp(String.raw`(?<![\w-])[\w-]{${PIECE},}(?![\w-])`, 'g');
/** The longest token whose pieces are looked for: Okta's and OAuth's tokens, not a JWT or an assertion. */
const MAX_PIECED = 256;

const WORD = /[A-Za-z0-9]/;

/** The longest spelling looked for (a JWT or SAML assertion is a few KB). */
const MAX_SPELLING = 16 << 10;

/** One spelling of a known value, filed under its first MIN_LENGTH characters. */
interface Candidate {
  spelling: string;
  known: KnownValue;
  /** The spelling's UTF-8 bytes, one character each (as a hex dump's row is compared). */
  bytes: string;
}

function maskOne(known: KnownValue, redactor: Redactor, ev: Evidence, hints: ProfileHints): string {
  if (classifyField(known.field)) return redactor.redactField(known.field, known.value, 'request.body', known.field, ev, hints);
  // A header's value (an Authorization credential, a cookie's value): masked by the header rule.
  return redactor.redactHeaderValue(known.field, known.value, 'request.header', ev);
}
