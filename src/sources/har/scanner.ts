import { type HarMeta, JsonSyntaxError, NotHarError } from './errors.js';
import { closingQuote, decode, equals, type Escape, QUOTE } from './json-bytes.js';

/** What the scanner hands on: each entry parsed, or only its index when `--include` left it out. */
export interface ScanHandler {
  /** `judged`: keep() already accepted the entry's request.url. */
  entry(value: unknown, index: number, judged: boolean): void;
  skipped(index: number): void;
}

const BOM = [0xef, 0xbb, 0xbf];
/** Bytes that may stand outside strings: whitespace, `,` `:`, and the letters of numbers, true, false, null. */
const SCALAR = new Uint8Array(256);
for (const c of ' \t\r\n,:+-.0123456789eEtrufalsn') SCALAR[c.charCodeAt(0)] = 1;

const REQUEST = Buffer.from('request', 'latin1');
const URL_KEY = Buffer.from('url', 'latin1');

// Depths (1 = inside the root object): where the keys and values the scanner looks at stand.
const ROOT = 1;
const LOG = 2;
const ENTRIES = 3;
const ENTRY = 4;
const REQUEST_OBJ = 5;

/**
 * Finds `log.entries[i]` in the bytes of a HAR with a string- and escape-aware byte scan: strings are
 * skipped with `indexOf('"')`, so bodies cost a memchr, and only each kept entry's own bytes reach
 * `JSON.parse`. An entry whose `request.url` fails `keep` is dropped as soon as the URL is read, so its
 * (usually large) bodies are never copied or parsed. Memory: one entry plus the chunks it spans.
 */
export class HarScanner {
  readonly meta: HarMeta = { version: null, creator: null, sawLog: false, sawEntries: false, authtrail: null };
  /** Entries whose end was read (kept or skipped). */
  completed = 0;
  /** Bytes scanned so far, for error positions. */
  private offset = 0;
  private started = false;
  private depth = 0;
  /** Per depth: 1 when the container there is an object. */
  private objects: number[] = [];
  private expectKey = false;
  private inString = false;
  private stringStart = 0;
  private readonly escape: Escape = { pending: false };
  /** The key of each tracked depth (root, log, entry, request); null elsewhere. */
  private keys: (string | null)[] = [];
  /** The entry (or log.version/creator) being captured: its pieces from earlier chunks and its start here. */
  private capture: 'entry' | 'version' | 'creator' | '_authtrail' | null = null;
  private captureDepth = 0;
  private pieces: Buffer[] = [];
  private captureStart = -1;
  private skipping = false;
  /** A string value that is captured on its own ends with its closing quote; a scalar at the next delimiter. */
  private scalarCapture = false;
  private stringIsUrl = false;
  /** The entry being captured had its request.url accepted by keep(). */
  private judged = false;

  /**
   * @param keep decides from `request.url` whether an entry is parsed at all.
   * @param parse turns an entry's text into its value (the benchmark times JSON.parse through it).
   */
  constructor(
    private readonly keep: (url: string) => boolean = () => true,
    private readonly parse: (text: string) => unknown = JSON.parse,
  ) {}

  push(chunk: Buffer, handler: ScanHandler): void {
    let p = 0;
    const n = chunk.length;
    // A byte-order mark (Fiddler) may itself be cut by a chunk end.
    while (this.offset + p < 3 && p < n && chunk[p] === BOM[this.offset + p]) p++;
    if (this.capture !== null && !this.skipping) this.captureStart = 0;
    if (this.inString) p = this.scanString(chunk, p, handler);
    while (p < n) {
      const c = chunk[p];
      if ((c === 0x20 || c === 0x0a) && !this.scalarCapture) {
        p++;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        this.stringStart = p;
        this.beginString(p);
        p = this.scanString(chunk, p + 1, handler);
        continue;
      }
      if (this.scalarCapture && (c === 0x2c || c === 0x7d || c === 0x5d || c <= 0x20)) this.endCapture(chunk, p, handler);
      if (c === 0x7b || c === 0x5b) this.open(c === 0x7b, p);
      else if (c === 0x7d || c === 0x5d) this.close(c === 0x7d, chunk, p, handler);
      else if (c === 0x2c) this.expectKey = this.objects[this.depth] === 1;
      else if (SCALAR[c] !== 1) this.fail(`unexpected character "${String.fromCharCode(c)}"`, p);
      else if (c > 0x20 && c !== 0x3a) this.scalar(chunk, p);
      p++;
    }
    if (this.capture !== null && !this.skipping && this.captureStart >= 0) this.pieces.push(chunk.subarray(this.captureStart));
    this.offset += n;
  }

  /** Throws when the document is not complete: a truncated file. */
  end(): void {
    if (!this.started) throw new JsonSyntaxError('no JSON value in the file', true);
    if (this.depth > 0 || this.inString) throw new JsonSyntaxError(`unexpected end of the file at byte ${this.offset}`, true);
  }

  private fail(what: string, p: number): never {
    throw new JsonSyntaxError(`${what} at byte ${this.offset + p}`, false);
  }

  private open(isObject: boolean, p: number): void {
    if (!this.started) {
      this.started = true;
      if (!isObject) throw new NotHarError('the top level is not an object');
    } else if (this.depth === 0) this.fail('more than one JSON value', p);
    const key = this.keys[this.depth] ?? null;
    if (this.capture === null) {
      if (this.depth === ROOT && key === 'log') {
        if (!isObject) throw new NotHarError('"log" is not an object');
        this.meta.sawLog = true;
      } else if (this.depth === LOG && key === 'entries' && this.keys[ROOT] === 'log') {
        if (isObject) throw new NotHarError('"log.entries" is not an array');
        this.meta.sawEntries = true;
      } else if (this.depth === ENTRIES && this.inEntries()) this.startCapture('entry', p);
      else if (this.depth === LOG && this.keys[ROOT] === 'log' && (key === 'creator' || key === 'version' || key === '_authtrail')) this.startCapture(key, p);
    }
    this.depth++;
    this.objects[this.depth] = isObject ? 1 : 0;
    this.keys[this.depth] = null;
    this.expectKey = isObject;
  }

  private close(isObject: boolean, chunk: Buffer, p: number, handler: ScanHandler): void {
    if (this.depth === 0 || this.objects[this.depth] !== (isObject ? 1 : 0)) this.fail(`unexpected "${isObject ? '}' : ']'}"`, p);
    this.depth--;
    this.expectKey = false;
    if (this.capture !== null && this.depth === this.captureDepth) this.endCapture(chunk, p + 1, handler);
  }

  private inEntries(): boolean {
    return this.keys[ROOT] === 'log' && this.keys[LOG] === 'entries' && this.objects[ENTRIES] === 0;
  }

  private startCapture(kind: 'entry' | 'version' | 'creator' | '_authtrail', p: number): void {
    this.capture = kind;
    this.captureDepth = this.depth;
    this.captureStart = p;
    this.pieces = [];
    this.skipping = false;
    this.judged = false;
  }

  private endCapture(chunk: Buffer, end: number, handler: ScanHandler): void {
    const kind = this.capture!;
    this.capture = null;
    this.scalarCapture = false;
    if (kind === 'entry' && this.skipping) {
      this.skipping = false;
      handler.skipped(this.completed++);
      return;
    }
    this.pieces.push(chunk.subarray(this.captureStart, end));
    const bytes = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
    this.pieces = [];
    let value: unknown;
    try {
      value = this.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new JsonSyntaxError(`${(error as Error).message} in ${kind === 'entry' ? `entries[${this.completed}]` : `log.${kind}`}`, false);
    }
    if (kind === 'entry') handler.entry(value, this.completed++, this.judged);
    else if (kind === 'creator') this.meta.creator = value as HarMeta['creator'];
    else if (kind === '_authtrail') this.meta.authtrail = value && typeof value === 'object' ? (value as HarMeta['authtrail']) : null;
    else this.meta.version = typeof value === 'string' ? value : String(value);
  }

  /** A scalar outside strings begins a captured value when it stands where an entry or log.version does. */
  private scalar(chunk: Buffer, p: number): void {
    if (!this.started || this.depth === 0) this.fail(this.started ? 'text after the JSON value' : 'not a JSON object', p);
    if (this.capture !== null || this.scalarCapture) return;
    const prev = p > 0 ? chunk[p - 1] : 0x20;
    if (SCALAR[prev] === 1 && prev > 0x20 && prev !== 0x2c && prev !== 0x3a) return;
    if (this.depth === ENTRIES && this.inEntries()) this.startCapture('entry', p);
    else if (this.depth === LOG && this.keys[ROOT] === 'log' && this.keys[LOG] === 'version') this.startCapture('version', p);
    else return;
    this.scalarCapture = true;
  }

  /** At an opening quote: decides whether the string is a key to remember, a value to capture, or the URL. */
  private beginString(p: number): void {
    if (!this.started || this.depth === 0) this.fail(this.started ? 'text after the JSON value' : 'not a JSON object', p);
    this.stringIsUrl = false;
    if (this.expectKey) return;
    const d = this.depth;
    if (this.capture === 'entry' && d === REQUEST_OBJ && !this.skipping && this.keys[REQUEST_OBJ] === 'url' && this.keys[ENTRY] === 'request') this.stringIsUrl = true;
    else if (this.capture === null && d === ENTRIES && this.inEntries()) this.startCapture('entry', p);
    else if (this.capture === null && d === LOG && this.keys[ROOT] === 'log' && this.keys[LOG] === 'version') this.startCapture('version', p);
  }

  /** Skips to the closing quote of the string being read, across chunks; returns the next position. */
  private scanString(chunk: Buffer, from: number, handler: ScanHandler): number {
    const q = closingQuote(chunk, from, this.escape);
    if (q < 0) {
      this.stringPiece(chunk, chunk.length);
      return chunk.length;
    }
    this.inString = false;
    this.endString(chunk, q, handler);
    return q + 1;
  }

  /** Strings of interest (keys at tracked depths, the URL) are kept across chunk ends in this buffer. */
  private partial: Buffer[] = [];
  private stringPiece(chunk: Buffer, end: number): void {
    if (this.tracked()) this.partial.push(chunk.subarray(this.stringStart, end));
    this.stringStart = 0;
  }

  private tracked(): boolean {
    const d = this.depth;
    if (this.stringIsUrl) return true;
    if (!this.expectKey) return false;
    return d <= LOG || (this.capture === 'entry' && !this.skipping && (d === ENTRY || (d === REQUEST_OBJ && this.keys[ENTRY] === 'request')));
  }

  private endString(chunk: Buffer, q: number, handler: ScanHandler): void {
    const d = this.depth;
    if (this.tracked()) {
      this.partial.push(chunk.subarray(this.stringStart, q + 1));
      const raw = this.partial.length === 1 ? this.partial[0] : Buffer.concat(this.partial);
      this.partial = [];
      if (this.stringIsUrl) {
        this.stringIsUrl = false;
        if (!this.keep(decode(raw))) this.skip();
        else this.judged = true;
      } else if (d === ENTRY) this.keys[d] = equals(raw, REQUEST) ? 'request' : null;
      else if (d === REQUEST_OBJ) this.keys[d] = equals(raw, URL_KEY) ? 'url' : null;
      else this.keys[d] = decode(raw);
    } else if (this.expectKey && (d === ENTRY || d === REQUEST_OBJ)) this.keys[d] = null;
    if (this.expectKey) this.expectKey = false;
    else if (this.capture !== null && d === this.captureDepth && this.captureStart >= 0 && (this.capture === 'version' || this.capture === 'entry')) {
      this.endCapture(chunk, q + 1, handler);
    }
  }

  private skip(): void {
    this.skipping = true;
    this.pieces = [];
    this.captureStart = -1;
  }
}
