import type { Evidence, Exposure } from '../model/exchange.js';
import { classifyField, isSecretHeaderValue } from '../redact/policy.js';
import type { Redactor } from '../redact/redactor.js';
import { type ProfileHints, collectProfileHints } from '../redact/shape.js';
import { maskPathTokensDeep } from '../redact/path-tokens.js';
import { MAYBE_SECRET, sanitizeLine } from './text.js';
import { parseBounded } from '../http/json.js';
import { cleanPriorEvidence } from '../redact/prior-evidence.js';
import { contentEncodingOf } from '../sources/har/coding.js';
import { readStoredBody } from './stored-body.js';
import { UNREAD_BODY } from './tally.js';

type Obj = Record<string, any>;
/** The request and response fields sanitize masks by what they are; any other field is masked as free text. */
const REQUEST_KEYS: ReadonlySet<string> = new Set(['method', 'url', 'httpVersion', 'headers', 'cookies', 'queryString', 'postData', 'headersSize', 'bodySize']);
const RESPONSE_KEYS: ReadonlySet<string> = new Set(['status', 'statusText', 'httpVersion', 'headers', 'cookies', 'content', 'redirectURL', 'headersSize', 'bodySize']);
type Where = Exposure['where'];
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const newEvidence = (): Evidence => ({ exposures: [], passwords: [], notes: [] });

/**
 * A body's text as the importer reads it; `coding` names the content coding undone to get it; `back` (a
 * base64 body) gives the bytes to store for a masked text (see readStoredBody).
 */
type BodyText = { text: string; coding: string | null; back?: (masked: string) => Buffer | null } | { undecodable: string } | null;

/**
 * Masks the secrets of one HAR entry in place, with the same redactor (and so the same masks and
 * fingerprints) the import pipeline uses. Exposures are recorded once per secret, from the places the
 * importer reads (URL, headers, body text); the cookie, query and params arrays that repeat them are
 * masked without being counted again.
 */
export class HarEntrySanitizer {
  constructor(
    private readonly redactor: Redactor,
    private readonly hints: ProfileHints,
  ) {}

  /**
   * Returns the evidence to carry in `_authtrail` (what the importer would have found) and every secret
   * found, path tokens included (the importer does not look for those), for the counts and --check.
   */
  sanitize(entry: unknown): { evidence: Evidence; found: Exposure[] } {
    const ev = newEvidence();
    const repeat = newEvidence();
    const paths = newEvidence();
    if (!isObj(entry)) return { evidence: ev, found: [] };
    const req = isObj(entry.request) ? entry.request : {};
    const res = isObj(entry.response) ? entry.response : {};
    if (typeof req.url === 'string') req.url = this.redactor.redactUrl(req.url, 'url', ev);
    this.headers(req.headers, 'request.header', ev);
    this.headers(res.headers, 'response.header', ev);
    this.cookies(req.cookies, 'cookie', repeat);
    this.cookies(res.cookies, 'set-cookie', repeat);
    this.pairs(req.queryString, 'url', repeat, false);
    const found: Exposure[] = [];
    if (isObj(req.postData)) {
      const before = this.decode(req.postData, req.headers);
      if (before !== null && 'text' in before) collectProfileHints(this.hints, parseJson(before.text));
      this.body(req.postData, before, 'request.body', ev, found);
      const form = !/json/i.test(String(req.postData.mimeType ?? ''));
      this.pairs(req.postData.params, 'request.body', typeof req.postData.text === 'string' ? repeat : ev, form);
    }
    if (isObj(res.content)) {
      this.body(res.content, this.decode(res.content, res.headers), 'response.body', ev, found);
      const after = this.decode(res.content, res.headers);
      if (after !== null && 'text' in after) collectProfileHints(this.hints, parseJson(after.text));
    }
    if (typeof res.redirectURL === 'string') res.redirectURL = this.redactor.redactUrl(res.redirectURL, 'response.header', ev);
    // Anything else (custom `_` fields, comments, WebSocket frames, initiator stacks) may hold a token-bearing URL,
    // a JWT or a typed `password=…`: named secrets as a body's, every other text as a transcript's.
    // The importer reads none of these: what they held is counted for --check, not carried as evidence.
    const outside = newEvidence();
    for (const key of Object.keys(entry)) if (!['request', 'response', '_authtrail'].includes(key)) entry[key] = this.prose(entry[key], 'url', key, outside);
    for (const [part, keys] of [[req, REQUEST_KEYS], [res, RESPONSE_KEYS]] as const) {
      for (const key of Object.keys(part)) if (!keys.has(key)) part[key] = this.prose(part[key], 'url', key, outside);
    }
    if (isObj(entry._authtrail)) this.extension(entry._authtrail, outside);
    maskPathTokensDeep(entry, this.redactor, 'url', paths);
    return { evidence: ev, found: [...ev.exposures, ...paths.exposures, ...outside.exposures, ...found] };
  }

  /** A value outside the exchange: named secrets masked as a body's, then every text as free text (`password: x` in a comment). */
  private prose(value: unknown, where: Where, path: string, ev: Evidence): unknown {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return v.length < 6 ? v : this.redactor.redactText(v, where, ev, this.hints);
      if (Array.isArray(v)) return v.map(walk);
      if (isObj(v)) {
        for (const k of Object.keys(v)) v[k] = walk(v[k]);
        return v;
      }
      return v;
    };
    return walk(this.json(value, where, path, ev));
  }

  /**
   * authtrail's own `_authtrail` as a file holds it: an earlier export's, or one written by hand. Its notes,
   * label and URL are masked like any text; its evidence keeps only the shapes authtrail writes.
   */
  private extension(ext: Obj, ev: Evidence): void {
    if (Array.isArray(ext.notes)) ext.notes = ext.notes.map((n: unknown) => this.redactor.redactText(String(n), 'url', ev, this.hints));
    if (typeof ext.label === 'string') ext.label = this.redactor.redactText(ext.label, 'url', ev, this.hints);
    if (typeof ext.url === 'string') ext.url = this.redactor.redactUrl(ext.url, 'url', ev);
    if (isObj(ext.evidence)) {
      const exposures = Array.isArray(ext.evidence.exposures) ? ext.evidence.exposures.filter(isObj) : [];
      const passwords = Array.isArray(ext.evidence.passwords) ? ext.evidence.passwords.filter(isObj) : [];
      ext.evidence = cleanPriorEvidence({ exposures, passwords } as Parameters<typeof cleanPriorEvidence>[0]);
    }
  }

  /** A JSON value with every named secret masked (the pipeline's body walk: same paths, same masks). */
  json(value: unknown, where: Where, path: string, ev: Evidence): unknown {
    return this.redactor.redactBody(value, where, path, ev, this.hints);
  }

  private headers(list: unknown, where: Where, ev: Evidence): void {
    if (!Array.isArray(list)) return;
    list.forEach((h, i) => {
      const pair = Array.isArray(h);
      const name = String(pair ? h[0] : h?.name ?? '');
      const raw = pair ? h[1] : h?.value;
      // A number where a header value belongs (`X-Partner-Key: 8811…`) is still a value.
      if (typeof raw !== 'string' && typeof raw !== 'number') return;
      const value = String(raw);
      const masked = this.headerValue(name, value, where, ev);
      if (pair) list[i] = [h[0], masked];
      else h.value = masked;
    });
  }

  private headerValue(name: string, value: string, where: Where, ev: Evidence): string {
    if (isSecretHeaderValue(name, value)) return this.redactor.redactHeaderValue(name, value, where, ev);
    return this.redactor.redactField('', value, where, name, ev, this.hints);
  }

  /** Cookie arrays repeat the Cookie / Set-Cookie headers: masked the same way, so the values still match. */
  private cookies(list: unknown, header: 'cookie' | 'set-cookie', ev: Evidence): void {
    if (!Array.isArray(list)) return;
    for (const c of list) {
      if (!isObj(c) || typeof c.value !== 'string') continue;
      const masked = this.redactor.redactHeaderValue(header, `${c.name}=${c.value}`, 'request.header', ev);
      c.value = masked.slice(masked.indexOf('=') + 1);
    }
  }

  /**
   * queryString and postData.params: `{name, value}` pairs named like the secret fields. Form params are
   * kept URL-encoded by Chrome; JSON params (chrome-har) hold the parsed values, nested ones included.
   */
  private pairs(list: unknown, where: Where, ev: Evidence, urlEncoded: boolean): void {
    if (!Array.isArray(list)) return;
    for (const p of list) {
      if (!isObj(p)) continue;
      const name = String(p.name ?? '');
      if (typeof p.value !== 'string') {
        // Under a secret's name every leaf is secret (`password: 90817263`, `answer: [..]`).
        p.value = classifyField(name) ? (this.json({ [name]: p.value }, where, '', ev) as Obj)[name] : this.json(p.value, where, name, ev);
        continue;
      }
      const value = urlEncoded ? safeDecode(p.value) : p.value;
      const masked = this.redactor.redactField(classifyField(name) ? name : '', value, where, name, ev, this.hints);
      if (masked !== value) p.value = masked;
    }
  }

  /**
   * The text of a postData or content object, base64 decoded and its content coding (the entry's
   * `Content-Encoding`, or gzip's magic number) undone; bytes that are no UTF-8 text one character per
   * byte (see readStoredBody); null when absent.
   */
  private decode(holder: Obj, headers: unknown): BodyText {
    if (typeof holder.text !== 'string') return null;
    if (String(holder.encoding ?? '').toLowerCase() !== 'base64') return { text: holder.text, coding: null };
    const stored = readStoredBody(Buffer.from(holder.text, 'base64'), contentEncodingOf(headers));
    return 'unread' in stored ? { undecodable: stored.unread } : stored;
  }

  /**
   * Masks a body (`decoded`: its text, from `decode`): JSON is walked by field name, other text (forms, pages, fragments) line by line as transcripts are.
   * A base64 body that held secrets is stored as it came, masked: compressed again with its own coding,
   * bytes no mask touched kept as they were. A body that claims a coding and does not decode cannot be
   * checked, so it is removed and counted, never passed as clean.
   */
  private body(holder: Obj, decoded: BodyText, where: Where, ev: Evidence, found: Exposure[]): void {
    if (decoded === null) return;
    if ('undecodable' in decoded) {
      found.push({ where, field: UNREAD_BODY, path: decoded.undecodable, preview: '' });
      holder.text = '';
      delete holder.encoding;
      holder.comment = note(holder.comment, `authtrail sanitize removed this body: it is ${decoded.undecodable}, so it could not be checked for secrets`);
      return;
    }
    const { text, coding, back } = decoded;
    if (text === '') return;
    const parsed = parseJson(text);
    if (parsed === undefined && !MAYBE_SECRET.test(text)) return;
    // Whole-text rules first (multipart parts span lines), then the line rules transcripts get.
    const lines = () => this.redactor.redactText(text, where, ev, this.hints).split('\n').map((line) => sanitizeLine(line, this.redactor, ev, this.hints, where)).join('\n');
    const masked = parsed === undefined ? lines() : JSON.stringify(this.json(parsed, where, '', ev));
    if (parsed !== undefined ? JSON.stringify(parsed) === masked : masked === text) return;
    if (back === undefined) {
      holder.text = masked;
      return;
    }
    const bytes = back(masked);
    if (bytes !== null) holder.text = bytes.toString('base64');
    else this.body(holder, { undecodable: `${coding} whose masked copy could not be compressed again` }, where, ev, found);
  }
}

/** A HAR `comment` with one more sentence, keeping what the producer wrote. */
function note(comment: unknown, sentence: string): string {
  return typeof comment === 'string' && comment !== '' ? `${comment} ${sentence}` : sentence;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function parseJson(text: string): unknown {
  const head = text.trimStart()[0];
  if (head !== '{' && head !== '[') return undefined;
  try {
    return parseBounded(text);
  } catch {
    return undefined;
  }
}
