import { createHmac, randomBytes } from 'node:crypto';
import { loadOrCreateKey } from './key-file.js';
import type { Evidence, Exposure, HeaderMap, RawExchange } from '../model/exchange.js';
import { maskPathTokens } from './path-tokens.js';
import { AUTH_SCHEME_VALUE, JWT_IN_TEXT, OKTA_TOKEN_IN_TEXT, classifyField, isColonJoinedWord, isErrorCode, isExporterMask, isMaskedAs, isMaskedKnowledge, isMaskedToken, isPasswordField, isSecretHeaderValue, PAIR_VALUE_KEYS, pairName } from './policy.js';
import { CODE_PATH, LITERALS, redactFreeText } from './free-text.js';
import { DEPTH_MARK, MAX_DEPTH } from '../http/json.js';
import { type ProfileHints, passwordShape } from './shape.js';
import { formatStoredVerifier, s256 } from './oauth-evidence.js';
import { formatRedactedToken } from './token.js';
import type { BodyJournal } from './body-journal.js';
import { cleanPriorEvidence } from './prior-evidence.js';

/** Headers whose value is a URL: a Referer from an emailed reset link carries the recoveryToken. */
const URL_HEADERS = new Set(['referer', 'location', 'content-location', 'origin']);

/** Link paths that may carry a token (see path-tokens.ts); anything else without a query is left alone. */
const PATH_TOKEN_HINT = /reset.password|welcome|unlock-account|\/qr\//i;

/** A field value that is one whole JWT (`header.claims.signature`). */
const WHOLE_JWT = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The hints of a text that comes with none (a header, a URL): only read, never added to. */
const NO_HINTS: ProfileHints = new Map();

/** Bounds of the texts Redactor.shared keeps: how many, and how long each may be. */
const SHARED_MAX = 20_000;
const SHARED_MAX_LENGTH = 256;

const DEPTH_NOTE = `body nested deeper than ${MAX_DEPTH} levels: the deeper part is not kept`;
/** A password in a URL's userinfo (`https://user:password@host/…`), wherever the URL stands. */
const USERINFO = /\b(https?:\/\/)([^\s:\/?#@'"<>]+):([^\s\/?#@'"<>]+)@/gi;
/**
 * Base64 (or base64url) that may hold JSON: `{` encodes to `e…`, `[` to `W…`; no dots (a JWT is read as one).
 * A client that packs a body into a parameter (`state=eyJwYXNzd29yZCI6…`) still sends the password.
 */
const BASE64_JSON = /^[eW][A-Za-z0-9+/_-]{14,}={0,2}$/;
/** A secret's name followed by `:` or `=` inside a string (see redactString). */
const NAMED_SECRET_HINT = /(?:pass|pwd|secret|token|answer|code|key|otp|pin)\w*["']?\s*[:=]/i;
const NAMED_IN_TEXT = /(?<![\w-])([A-Za-z_][\w-]*)(\s*[:=]\s*)([^\s,;'"{}[\]()<>&]+)/g;
/**
 * A JSON key named like a credential header (`Authorization`, `Cookie`, `Set-Cookie`, `X-Forwarded-Authorization`):
 * a client that logs its request config. Only these, not every secret header name: `key` and `session` are
 * common JSON fields (an IDX authenticator's `key`).
 */
const HEADER_KEY = /^(?:[\w-]*authorization|cookie|set-cookie)$/i;
const isHeaderKey = (key: string) => HEADER_KEY.test(key);
/** A whole value written as a credential header's (`Bearer eyJ…`, `SSWS 00…`): one token with a digit, never prose. */
const CREDENTIAL_VALUE = /^(?:Bearer|Basic|SSWS|DPoP)\s+(?=[^\s]*\d)[A-Za-z0-9._~+/=-]{12,}$/;
/** Values that name no secret (free text's literals, and Go's and Ruby's nil). */
const LITERAL_VALUES: ReadonlySet<string> = new Set([...LITERALS, 'nil', '<nil>']);
/** A query still percent-encoded: an encoded `?` or `#`, then an encoded `=`. */
const ENCODED_QUERY = /%(?:3F|23)[^\s]*%3D/i;
/** A URL standing inside a text (an error message, a help link), up to the next space or quote. */
const URL_IN_TEXT = /(?:https?:\/\/|(?<=[\s'"(=]|^)\/)[^\s'"<>()]*[?#][^\s'"<>()]+/g;

function parseJsonString(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The one redaction module: the recorder, every importer, the sanitizer and the HAR exporter use it.
 * Tokens become a visible prefix plus a keyed fingerprint (equal tokens stay equal and still link);
 * passwords, passCodes and answers become their length; secret headers are fingerprinted.
 */
export class Redactor {
  /**
   * Set by a caller that owns the bodies it passes and drops the originals (the recorder's freshly parsed
   * ones): secrets are then masked where they stand instead of in a copy. Never with raw, which keeps them.
   */
  overwriteInput = false;

  /**
   * Told of each clear value `redactField` masks, with its field: the sanitizer's first read of a paste
   * collects them to mask wherever else the text spells them (see sanitize/text.ts). Null: nobody asked.
   */
  onMasked: ((field: string, value: string) => void) | null = null;

  constructor(
    private readonly key: Buffer,
    /** --raw: keep clear values (exposures are still recorded). */
    readonly raw = false,
  ) {}

  /** The key lives beside the database (`<db>.key`, mode 0600); `:memory:` gets a throw-away key. */
  static forDatabase(dbPath: string, raw = false): Redactor {
    if (dbPath === ':memory:') return new Redactor(randomBytes(32), raw);
    return new Redactor(loadOrCreateKey(`${dbPath}.key`), raw);
  }

  static forKeyFile(path: string, raw = false): Redactor {
    return new Redactor(loadOrCreateKey(path), raw);
  }

  fingerprint(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('hex').slice(0, 12);
  }

  /** A token's stored form; already masked values are kept as the evidence had them. */
  maskToken(value: string): string {
    if (isMaskedToken(value)) return value;
    return formatRedactedToken(value, this.fingerprint(value));
  }

  maskKnowledge(field: string, value: string): string {
    if (isMaskedKnowledge(value)) return value;
    return `[redacted ${field} len=${[...value].length}]`;
  }

  /** Where the body being walked in place notes what it replaces (see body-journal.ts); null when nobody asked. */
  private journal: BodyJournal | null = null;

  /**
   * Redacts one exchange and reports what stood in clear. `hints` are profile values seen so far. With
   * `journals` (bodies redacted in place, see overwriteInput), each body's replacements are noted in its journal.
   */
  redact(raw: RawExchange, hints: ProfileHints, journals?: { request: BodyJournal | null; response: BodyJournal | null }): { exchange: RawExchange; evidence: Evidence } {
    const evidence: Evidence = { exposures: [], passwords: [], notes: [] };
    const walk = (where: Exposure['where'], body: unknown, journal: BodyJournal | null = null) => {
      if (typeof body === 'string') return this.redactText(body, where, evidence, hints);
      this.journal = journal;
      try {
        return this.walkFrom('', () => this.redactJson(body, where, evidence, hints));
      } finally {
        this.journal = null;
      }
    };
    const exchange: RawExchange = {
      ...raw,
      url: this.redactUrl(raw.url, 'url', evidence),
      requestHeaders: this.redactHeaders(raw.requestHeaders, 'request.header', evidence),
      requestBody: walk('request.body', raw.requestBody, journals?.request),
      responseHeaders: this.redactHeaders(raw.responseHeaders, 'response.header', evidence),
      responseBody: walk('response.body', raw.responseBody, journals?.response),
      // A browser's error names the URL it failed on (`net::ERR_FAILED https://…?sessionToken=…`).
      transportError: raw.transportError ? this.redactString(raw.transportError, 'url', evidence) : raw.transportError,
    };
    // A label, notes and prior evidence come from the input too (an imported HAR's `_authtrail`): never trusted clear.
    if (raw.label !== undefined) exchange.label = this.redactText(raw.label, 'url', evidence, hints);
    if (raw.notes !== undefined) exchange.notes = raw.notes.map((n) => this.redactText(n, 'url', evidence, hints));
    if (raw.priorEvidence !== undefined) exchange.priorEvidence = cleanPriorEvidence(raw.priorEvidence);
    // A body left out as beyond repair is still evidence the paste exposes: read for its secrets, never kept.
    if (raw.unreadable !== undefined) {
      for (const u of raw.unreadable) this.redactText(u.text, u.where, evidence, hints);
      delete exchange.unreadable;
    }
    return { exchange: this.raw ? raw : exchange, evidence };
  }

  /** A parsed body (or any JSON value) with every secret masked: the walk import, export and sanitize share. */
  redactBody(value: unknown, where: Exposure['where'], path: string, ev: Evidence, hints: ProfileHints): unknown {
    return this.walkFrom(path, () => this.redactJson(value, where, ev, hints));
  }

  /**
   * Keys from the walk's start down to the value being redacted: its path (`a.b[0].c`) is spelled out only
   * for a secret's exposure, instead of a string built for every value of every body.
   */
  private trail: (string | number)[] = [];
  private trailBase = '';

  private walkFrom<T>(path: string, walk: () => T): T {
    const { trail, trailBase } = this;
    this.trail = [];
    this.trailBase = path;
    try {
      return walk();
    } finally {
      this.trail = trail;
      this.trailBase = trailBase;
    }
  }

  /** The exposures added since `from` stand at `key` under the current path. */
  private pathExposures(ev: Evidence, from: number, key: string): void {
    this.trail.push(key);
    const path = this.pathHere();
    this.trail.pop();
    for (let i = from; i < ev.exposures.length; i++) ev.exposures[i]!.path = path;
  }

  private pathHere(): string {
    let path = this.trailBase;
    for (const key of this.trail) path = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    return path;
  }

  private redactJson(value: unknown, where: Exposure['where'], ev: Evidence, hints: ProfileHints, depth = 0, secret: string | null = null): unknown {
    if (typeof value === 'string') {
      if (secret) return this.redactField(secret, value, where, this.pathHere() || secret, ev, hints);
      const masked = this.redactString(value, where, ev, hints, depth);
      return this.overwriteInput && !this.raw ? this.shared(masked) : masked;
    }
    if (typeof value === 'number' || typeof value === 'bigint') return secret ? this.redactField(secret, String(value), where, this.pathHere() || secret, ev, hints) : value;
    if (!value || typeof value !== 'object') return value;
    // Deeper than any real body: cut with a note rather than walk (and later print) 100,000 levels.
    if (depth >= MAX_DEPTH) {
      if (!ev.notes.includes(DEPTH_NOTE)) ev.notes.push(DEPTH_NOTE);
      return DEPTH_MARK;
    }
    const inPlace = this.overwriteInput && !this.raw;
    if (Array.isArray(value)) {
      const items = inPlace ? value : new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        this.trail.push(i);
        const item = this.redactJson(value[i], where, ev, hints, depth + 1, secret);
        this.trail.pop();
        if (this.journal && item !== value[i]) this.journal.note(value[i], item);
        items[i] = item;
      }
      return items;
    }
    // Every body of every recorded exchange comes through here: paths are built only where they are used.
    // Keys are data: a null-prototype copy keeps `__proto__` or `constructor` as plain fields.
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = inPlace ? object : Object.create(null);
    // A pair that names its value: an Ion form field (`{"name": "stateHandle", "value": "02…"}`, IDX remediations),
    // Postman's and Insomnia's key/value lists (`{"key": "password", "value": …}`, environments, basic/bearer auth).
    const ionName = pairName(object);
    for (const key of Object.keys(object)) {
      const v = object[key];
      // A secret's name covers everything under it: `password: {value}`, `answer: [..]`, `credentials.passcode: 123`.
      const named = secret ?? (classifyField(key) ? key : ionName !== null && PAIR_VALUE_KEYS.has(key) ? ionName : null);
      let masked: unknown;
      if (typeof v === 'string' && !named && (isHeaderKey(key) || CREDENTIAL_VALUE.test(v))) {
        const before = ev.exposures.length;
        masked = this.redactHeaderValue(isHeaderKey(key) ? key : 'authorization', v, where, ev);
        // Named by where it stands (`item[0].request.header[0].value`), as every other value in a document is.
        if (ev.exposures.length > before) this.pathExposures(ev, before, key);
      }
      else if (typeof v === 'string' && !named) {
        const before = ev.exposures.length;
        const text = where === 'request.body' ? this.maskNamedInside(v, where, ev, hints) : v;
        masked = inPlace ? this.shared(this.redactString(text, where, ev, hints, depth)) : this.redactString(text, where, ev, hints, depth);
        // A secret inside a string (named in its text, or in the JSON it holds) stands at the string's path
        // (`item[0].request.body.raw`).
        if (ev.exposures.length > before) this.pathExposures(ev, before, key);
      }
      else {
        this.trail.push(key);
        masked = this.redactJson(v, where, ev, hints, depth + 1, named);
        this.trail.pop();
      }
      if (this.journal && masked !== v) this.journal.note(v, masked);
      out[key] = masked;
    }
    return out;
  }

  /**
   * The one copy kept of a text that recurs in the bodies the recorder redacts in place (links, ids, names,
   * enum values come back in every response): it keeps every exchange for its summary, and each parsed
   * body's own copy then dies young instead of being kept.
   */
  private shared(text: string): string {
    if (text.length > SHARED_MAX_LENGTH) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    if (this.texts.size >= SHARED_MAX) this.texts.clear();
    this.texts.set(text, text);
    return text;
  }

  private readonly texts = new Map<string, string>();

  /** A named value: masked by its class when it is a secret, else scanned for URLs and JWTs. */
  redactField(field: string, value: string, where: Exposure['where'], path: string, ev: Evidence, hints: ProfileHints): string {
    const cls = classifyField(field);
    if (!cls) return this.redactString(value, where, ev, hints);
    // An unsalted hash of a password or passcode can be brute-forced: it does not stay.
    if (cls === 'knowledge' && isExporterMask(value)) return `[redacted ${field}, hashed by the exporter]`;
    if (isMaskedAs(cls, value) || isErrorCode(field, value)) return value;
    this.onMasked?.(field, value);
    // PKCE's challenge is public (RFC 7636): stored like a token for the verifier check, but not exposed.
    if (field.toLowerCase() !== 'code_challenge') ev.exposures.push({ where, field, path, preview: preview(value, cls === 'token') });
    if (isPasswordField(field) && where === 'request.body') ev.passwords.push(passwordShape(field, value, hints));
    if (cls !== 'token') return this.maskKnowledge(field, value);
    if (field.toLowerCase() === 'code_verifier') return this.maskVerifier(value);
    // An id_token or JWT access token keeps its header and claims (what it says), never its signature.
    return WHOLE_JWT.test(value) ? `${value.slice(0, value.lastIndexOf('.') + 1)}${this.maskToken(value).replace(/^.*?(?=\*{4}#)/, '')}` : this.maskToken(value);
  }

  /**
   * A PKCE verifier is stored as its S256 challenge, masked like one: its fingerprint equals the stored
   * `code_challenge`'s exactly when the pair matches (RFC 7636 4.6), and its length stays for the 43-128 check.
   */
  maskVerifier(value: string): string {
    if (isMaskedToken(value)) return value;
    return formatStoredVerifier(value.length, this.maskToken(s256(value)));
  }

  /**
   * Unnamed strings, by what they hold: JSON inside the string (walked like a body), URLs with secret query
   * or fragment parameters or path tokens, JWTs and Okta token shapes wherever they stand (error messages).
   */
  redactString(value: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints = NO_HINTS, depth = 0): string {
    // Cheap tests first: this runs on every string of every body the recorder sees.
    if (value.length < 8) return value;
    if (value === DEPTH_MARK && !ev.notes.includes(DEPTH_NOTE)) ev.notes.push(DEPTH_NOTE);
    let head = value.charCodeAt(0);
    // JSON held in a string may start after white space (`" {\"password\": …}"`, `"\n{…}"`).
    if (head === 32 || head === 10 || head === 13 || head === 9) head = value.trimStart().charCodeAt(0);
    if ((head === 123 || head === 91) && depth < MAX_DEPTH) {
      const inner = parseJsonString(value);
      if (inner !== undefined) {
        const masked = JSON.stringify(this.walkFrom('', () => this.redactJson(inner, where, ev, hints, depth + 1)));
        return unchanged(inner, masked) ? value : masked;
      }
    }
    if ((head === 101 || head === 87) && depth < MAX_DEPTH && BASE64_JSON.test(value)) {
      const masked = this.redactBase64Json(value, where, ev, hints, depth);
      if (masked !== null) return masked;
    }
    let out = value;
    if (out.includes('://') && out.includes('@')) out = this.maskUserinfo(out, where, ev);
    if (out.includes('eyJ')) out = out.replace(JWT_IN_TEXT, (jwt) => this.maskJwt(jwt, where, ev));
    // The shortest Okta token shape is 25 characters (`20111` and 20 more): dates and ids are shorter.
    if (out.length >= 25 && /00|20111/.test(out)) out = out.replace(OKTA_TOKEN_IN_TEXT, (token) => this.maskShape(token, where, ev));
    if (out.includes('/') && (out.includes('?') || out.includes('#') || PATH_TOKEN_HINT.test(out))) {
      out = /^(https?:\/\/|\/)\S*$/.test(out) ? this.redactUrl(out, where, ev) : out.replace(URL_IN_TEXT, (url) => this.redactUrl(url, where, ev));
    }
    // A URL still percent-encoded inside a value (`fromURI=%252Fcb%253Ftoken%253D…`, decoded once by the form
    // rule): decoded once more and masked, then encoded back.
    if (out === value && out.includes('%') && ENCODED_QUERY.test(out) && depth < MAX_DEPTH) {
      const decoded = safeDecode(out);
      if (decoded !== out) {
        const masked = this.redactString(decoded, where, ev, hints, depth + 1);
        if (masked !== decoded) return encodeURIComponent(masked);
      }
    }
    return out;
  }

  /**
   * JSON packed in base64, walked like a body and packed again in the same alphabet; null when the text is
   * not that (most base64 is not JSON), or the JSON holds nothing to mask.
   */
  private redactBase64Json(value: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints, depth: number): string | null {
    const url = /[-_]/.test(value);
    const text = Buffer.from(value, url ? 'base64url' : 'base64').toString('utf8');
    const head = text.charCodeAt(0);
    if (head !== 123 && head !== 91) return null;
    const inner = parseJsonString(text);
    if (inner === undefined || typeof inner !== 'object' || inner === null) return null;
    const masked = JSON.stringify(this.walkFrom('', () => this.redactJson(inner, where, ev, hints, depth + 1)));
    if (unchanged(inner, masked)) return null;
    const packed = Buffer.from(masked, 'utf8').toString(url ? 'base64url' : 'base64');
    return url || value.endsWith('=') ? packed : packed.replace(/=+$/, '');
  }

  /** `https://user:password@host`: the password masked (URL-encoded, so the URL stays one), the user kept. */
  private maskUserinfo(text: string, where: Exposure['where'], ev: Evidence): string {
    return text.replace(USERINFO, (m, scheme: string, user: string, password: string) => {
      if (isMaskedKnowledge(safeDecode(password))) return m;
      const masked = this.redactField('password', safeDecode(password), where, 'url userinfo', ev, NO_HINTS);
      return `${scheme}${user}:${encodeURIComponent(masked)}@`;
    });
  }

  /**
   * A request body's string that names a secret inside it (`"a@b.com Password:…"`: a log line sent as a
   * field, a struct a repair merged into one value): the named value masked. Only in request bodies: Okta's
   * error texts in responses start `password: Password requirements were not met`.
   */
  private maskNamedInside(value: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints): string {
    if (value.length < 8 || !NAMED_SECRET_HINT.test(value)) return value;
    return value.replace(NAMED_IN_TEXT, (m, name: string, sep: string, v: string) => {
      const cls = classifyField(name);
      if (!cls || LITERAL_VALUES.has(v) || CODE_PATH.test(v) || isColonJoinedWord(cls, sep, v) || isMaskedAs(cls, safeDecode(v))) return m;
      return `${name}${sep}${this.redactField(name, v, where, name, ev, hints)}`;
    });
  }

  /** A JWT keeps its header and claims (they say what it is); its signature is what makes it usable. */
  private maskJwt(jwt: string, where: Exposure['where'], ev: Evidence): string {
    const [h, c] = jwt.split('.');
    ev.exposures.push({ where, field: 'jwt', preview: `${h.slice(0, 8)}…` });
    return `${h}.${c}.`;
  }

  /** A value shaped like an Okta token where no field names it. */
  private maskShape(token: string, where: Exposure['where'], ev: Evidence): string {
    const field = token.startsWith('20111') ? 'sessionToken' : 'stateToken';
    ev.exposures.push({ where, field, path: 'token shape', preview: preview(token, true) });
    return this.maskToken(token);
  }

  /** Secret query parameters, and tokens Okta puts in link paths (emailed reset and activation links). */
  redactUrl(rawUrl: string, where: Exposure['where'], ev: Evidence): string {
    let url = maskPathTokens(rawUrl.includes('@') ? this.maskUserinfo(rawUrl, where, ev) : rawUrl, this, where, ev);
    // A token of Okta's shape as a path segment (the Sign-In Widget's `/signin/refresh-auth-state/{stateToken}`):
    // masked like one, its `#` written `%23` so the rest of the path does not become a fragment.
    const pathEnd = url.search(/[?#]/);
    const path = pathEnd < 0 ? url : url.slice(0, pathEnd);
    if (path.length >= 25 && /00|20111/.test(path)) {
      const masked = path.replace(OKTA_TOKEN_IN_TEXT, (token) => this.maskShape(token, where, ev).replace('#', '%23'));
      if (masked !== path) url = masked + (pathEnd < 0 ? '' : url.slice(pathEnd));
    }
    // The fragment carries implicit-flow tokens (`#id_token=…&access_token=…`): read like a query.
    const hashAt = url.indexOf('#');
    if (hashAt >= 0 && url.includes('=', hashAt)) {
      const fragment = url.slice(hashAt + 1);
      const redacted = this.redactForm(fragment, where, ev, new Map());
      if (redacted !== fragment) url = url.slice(0, hashAt + 1) + redacted;
    }
    const q = url.indexOf('?');
    if (q < 0) return url;
    const end = url.indexOf('#', q);
    const query = url.slice(q + 1, end < 0 ? undefined : end);
    const redacted = this.redactForm(query, where, ev, new Map());
    return redacted === query ? url : url.slice(0, q + 1) + redacted + (end < 0 ? '' : url.slice(end));
  }

  /** `a=1&password=x`: form bodies and query strings. Keeps the original encoding of what it leaves alone. */
  private redactForm(form: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints): string {
    return form
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const name = safeDecode(pair.slice(0, eq));
        const value = safeDecode(pair.slice(eq + 1));
        if (!classifyField(name)) {
          const masked = this.redactString(value, where, ev, hints);
          return masked === value ? pair : `${pair.slice(0, eq)}=${encodeURIComponent(masked)}`;
        }
        const masked = this.redactField(name, value, where, name, ev, hints);
        return masked === value ? pair : `${pair.slice(0, eq)}=${encodeURIComponent(masked)}`;
      })
      .join('&');
  }

  /**
   * Free text (a body that was not JSON, a pasted transcript): `"field": "value"` and unquoted `field: value`
   * pairs, forms, multipart parts, typed one-time codes, curl credentials, then value shapes.
   */
  redactText(text: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints): string {
    return redactFreeText(this, text, where, ev, hints);
  }

  /** A form body or query string (`a=1&password=x`): exposed for the free-text rules. */
  formText(form: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints): string {
    return this.redactForm(form, where, ev, hints);
  }

  redactHeaders(headers: HeaderMap, where: Exposure['where'], ev: Evidence): HeaderMap {
    // A plain object, as the header maps read back from the database are: V8 keeps a null-prototype one as a
    // hash table, and the recorder holds every exchange's maps for its summary (0.5 KB less heap per exchange).
    const out: HeaderMap = {};
    for (const name of Object.keys(headers)) {
      // A producer may write a number or an object where a header value belongs.
      const raw: unknown = headers[name];
      const value = typeof raw === 'string' ? raw : String(raw ?? '');
      const masked = isSecretHeaderValue(name, value)
        ? this.redactHeaderValue(name, value, where, ev)
        : URL_HEADERS.has(name.toLowerCase()) ? this.redactUrl(value, where, ev) : this.redactString(value, where, ev);
      // A header named `__proto__` stays a field (an assignment would set the prototype instead).
      if (name === '__proto__') Object.defineProperty(out, name, { value: masked, enumerable: true, writable: true, configurable: true });
      else out[name] = masked;
    }
    return out;
  }

  redactHeaderValue(name: string, value: string, where: Exposure['where'], ev: Evidence): string {
    const lower = name.toLowerCase();
    const mask = (v: string) => (isMaskedToken(v) ? v : `****#${this.fingerprint(v)}`);
    let masked: string;
    if (lower.endsWith('authorization') || AUTH_SCHEME_VALUE.test(value)) {
      const m = /^(\w+)\s+(.+)$/.exec(value);
      masked = m ? `${m[1]} ${mask(m[2])}` : mask(value);
    } else if (lower === 'cookie') {
      masked = value.split(/;\s*/).map((c) => cookiePair(c, mask)).join('; ');
    } else if (lower === 'set-cookie') {
      // Several cookies in one value: one per line (HAR, curl), or joined by commas (a proxy folding headers);
      // an Expires date's comma is followed by a day, not `name=`. Each cookie's pair stands before its first `;`.
      masked = value.replace(/(^|\n|,\s*(?=[^;,=\s]+=))\s*([^;\n,]*)/g, (_m, sep: string, pair: string) => `${sep}${cookiePair(pair.trim(), mask)}`);
    } else {
      masked = mask(value);
    }
    if (masked !== value) ev.exposures.push({ where, field: lower, preview: `${value.slice(0, Math.min(4, value.length))}…` });
    return masked;
  }
}

function cookiePair(pair: string, mask: (v: string) => string): string {
  const eq = pair.indexOf('=');
  return eq < 0 ? mask(pair) : `${pair.slice(0, eq)}=${mask(pair.slice(eq + 1))}`;
}

function preview(value: string, isToken: boolean): string {
  if (isToken) return `${value.slice(0, Math.min(6, Math.floor(value.length / 2)))}…`;
  return `${'*'.repeat(Math.min([...value].length, 12))} (${[...value].length} chars)`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Whether `masked` (the walk's text of `inner`) says what `inner` said. The walk cuts nesting at MAX_DEPTH;
 * `inner` itself may nest past what JSON.stringify can recurse through (a hostile body): then it was cut, so changed.
 */
function unchanged(inner: unknown, masked: string): boolean {
  try {
    return masked === JSON.stringify(inner);
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}
