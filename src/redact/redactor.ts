import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Evidence, Exposure, HeaderMap, RawExchange } from '../model/exchange.js';
import { maskPathTokens } from './path-tokens.js';
import { classifyField, isMaskedValue, isPasswordField, isSecretHeader } from './policy.js';
import { type ProfileHints, passwordShape } from './shape.js';
import { formatRedactedToken } from './token.js';

/** Headers whose value is a URL: a Referer from an emailed reset link carries the recoveryToken. */
const URL_HEADERS = new Set(['referer', 'location', 'content-location', 'origin']);

/** Link paths that may carry a token (see path-tokens.ts); anything else without a query is left alone. */
const PATH_TOKEN_HINT = /reset.password|welcome|unlock-account/i;

const JWT = /^(eyJ[A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

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
    if (isMaskedValue(value)) return value;
    return formatRedactedToken(value, this.fingerprint(value));
  }

  maskKnowledge(field: string, value: string): string {
    if (isMaskedValue(value)) return value;
    return `[redacted ${field} len=${[...value].length}]`;
  }

  /** Redacts one exchange and reports what stood in clear. `hints` are profile values seen so far. */
  redact(raw: RawExchange, hints: ProfileHints): { exchange: RawExchange; evidence: Evidence } {
    const evidence: Evidence = { exposures: [], passwords: [], notes: [] };
    const walk = (where: Exposure['where'], body: unknown) =>
      typeof body === 'string' ? this.redactText(body, where, evidence, hints) : this.redactJson(body, where, '', evidence, hints);
    const exchange: RawExchange = {
      ...raw,
      url: this.redactUrl(raw.url, 'url', evidence),
      requestHeaders: this.redactHeaders(raw.requestHeaders, 'request.header', evidence),
      requestBody: walk('request.body', raw.requestBody),
      responseHeaders: this.redactHeaders(raw.responseHeaders, 'response.header', evidence),
      responseBody: walk('response.body', raw.responseBody),
    };
    return { exchange: this.raw ? raw : exchange, evidence };
  }

  private redactJson(value: unknown, where: Exposure['where'], path: string, ev: Evidence, hints: ProfileHints): unknown {
    if (typeof value === 'string') return this.redactString(value, where, ev);
    if (!value || typeof value !== 'object') return value;
    const inPlace = this.overwriteInput && !this.raw;
    if (Array.isArray(value)) {
      const items = inPlace ? value : new Array(value.length);
      for (let i = 0; i < value.length; i++) items[i] = this.redactJson(value[i], where, `${path}[${i}]`, ev, hints);
      return items;
    }
    // Every body of every recorded exchange comes through here: paths are built only where they are used.
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = inPlace ? object : {};
    for (const key of Object.keys(object)) {
      const v = object[key];
      if (typeof v === 'string') out[key] = classifyField(key) ? this.redactField(key, v, where, path ? `${path}.${key}` : key, ev, hints) : this.redactString(v, where, ev);
      else out[key] = v && typeof v === 'object' ? this.redactJson(v, where, path ? `${path}.${key}` : key, ev, hints) : v;
    }
    return out;
  }

  /** A named value: masked by its class when it is a secret, else scanned for URLs and JWTs. */
  redactField(field: string, value: string, where: Exposure['where'], path: string, ev: Evidence, hints: ProfileHints): string {
    const cls = classifyField(field);
    if (!cls) return this.redactString(value, where, ev);
    if (isMaskedValue(value)) return value;
    ev.exposures.push({ where, field, path, preview: preview(value, cls === 'token') });
    if (isPasswordField(field) && where === 'request.body') ev.passwords.push(passwordShape(field, value, hints));
    return cls === 'token' ? this.maskToken(value) : this.maskKnowledge(field, value);
  }

  /** Unnamed strings: URLs carry secrets in their query, JWTs in their signature. */
  private redactString(value: string, where: Exposure['where'], ev: Evidence): string {
    // Cheap tests first: this runs on every string of every body the recorder sees.
    if (value.length < 8) return value;
    if (value.startsWith('eyJ')) {
      const jwt = JWT.exec(value);
      if (jwt) {
        ev.exposures.push({ where, field: 'jwt', preview: `${jwt[1].slice(0, 8)}…` });
        return `${jwt[1]}.${jwt[2]}.`;
      }
    }
    if ((value.startsWith('/') || value.startsWith('http')) && (value.includes('?') || PATH_TOKEN_HINT.test(value)) && /^(https?:\/\/|\/)\S*$/.test(value)) {
      return this.redactUrl(value, where, ev);
    }
    return value;
  }

  /** Secret query parameters, and tokens Okta puts in link paths (emailed reset and activation links). */
  redactUrl(rawUrl: string, where: Exposure['where'], ev: Evidence): string {
    const url = maskPathTokens(rawUrl, this, where, ev);
    const q = url.indexOf('?');
    if (q < 0) return url;
    const hashAt = url.indexOf('#', q);
    const query = url.slice(q + 1, hashAt < 0 ? undefined : hashAt);
    const redacted = this.redactForm(query, where, ev, new Map());
    return redacted === query ? url : url.slice(0, q + 1) + redacted + (hashAt < 0 ? '' : url.slice(hashAt));
  }

  /** `a=1&password=x`: form bodies and query strings. Keeps the original encoding of what it leaves alone. */
  private redactForm(form: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints): string {
    return form
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const name = safeDecode(pair.slice(0, eq));
        if (!classifyField(name)) return pair;
        const value = safeDecode(pair.slice(eq + 1));
        const masked = this.redactField(name, value, where, name, ev, hints);
        return masked === value ? pair : `${pair.slice(0, eq)}=${encodeURIComponent(masked)}`;
      })
      .join('&');
  }

  /**
   * Free text (a body that was not JSON, a pasted transcript): JSON-like `"field": "value"` pairs,
   * form pairs and header lines are masked in place.
   */
  redactText(text: string, where: Exposure['where'], ev: Evidence, hints: ProfileHints): string {
    const pair = /(["“”']?)([A-Za-z_][\w-]*)(["“”']?)(\s*:\s*)(?:(["“”])((?:\\.|[^"“”\\\n])*)(["“”])|(')((?:\\.|[^'\\\n])*)('))/g;
    let out = text.replace(pair, (m, q1, name, q2, sep, o1, v1, c1, o2, v2, c2) => {
      if (!classifyField(name)) return m;
      const [open, value, close] = o1 !== undefined ? [o1, v1, c1] : [o2, v2, c2];
      return `${q1}${name}${q2}${sep}${open}${this.redactField(name, value, where, name, ev, hints)}${close}`;
    });
    if (/^[^\s{["]*=[^\s]*(&[^\s]*=[^\s]*)*$/.test(out.trim())) out = this.redactForm(out.trim(), where, ev, hints);
    return out;
  }

  redactHeaders(headers: HeaderMap, where: Exposure['where'], ev: Evidence): HeaderMap {
    const out: HeaderMap = {};
    for (const [name, value] of Object.entries(headers)) {
      if (isSecretHeader(name)) out[name] = this.redactHeaderValue(name, value, where, ev);
      else out[name] = URL_HEADERS.has(name.toLowerCase()) ? this.redactUrl(value, where, ev) : value;
    }
    return out;
  }

  redactHeaderValue(name: string, value: string, where: Exposure['where'], ev: Evidence): string {
    const lower = name.toLowerCase();
    const mask = (v: string) => (isMaskedValue(v) ? v : `****#${this.fingerprint(v)}`);
    let masked: string;
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const m = /^(\w+)\s+(.+)$/.exec(value);
      masked = m ? `${m[1]} ${mask(m[2])}` : mask(value);
    } else if (lower === 'cookie') {
      masked = value.split(/;\s*/).map((c) => cookiePair(c, mask)).join('; ');
    } else if (lower === 'set-cookie') {
      masked = value
        .split('\n')
        .map((line) => {
          const [first, ...attrs] = line.split(';');
          return [cookiePair(first.trim(), mask), ...attrs].join(';');
        })
        .join('\n');
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

function loadOrCreateKey(path: string): Buffer {
  if (existsSync(path)) {
    const hex = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  }
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}
