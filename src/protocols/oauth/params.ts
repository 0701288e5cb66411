import { obj } from '../../model/json.js';

/** Parameters of an OAuth message, by name (the first value of a repeated name). */
export type Params = Map<string, string>;

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `a=1&b=2` (a query, a fragment or a form body). */
export function parseForm(text: string): Params {
  const out: Params = new Map();
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    if (!out.has(name)) out.set(name, eq < 0 ? '' : decode(pair.slice(eq + 1)));
  }
  return out;
}

export function queryOf(url: string): Params {
  const q = url.indexOf('?');
  if (q < 0) return new Map();
  const end = url.indexOf('#', q);
  return parseForm(url.slice(q + 1, end < 0 ? undefined : end));
}

export function fragmentOf(url: string): Params {
  const h = url.indexOf('#');
  return h < 0 ? new Map() : parseForm(url.slice(h + 1));
}

/** A request or response body's parameters: a form text, a JSON object, or hidden inputs of an HTML page (form_post). */
export function bodyParams(body: unknown): Params {
  if (typeof body === 'string') {
    const text = body.trim();
    if (/<input\b/i.test(text)) return htmlInputs(text);
    if (/^[^\s<{[]*=/.test(text)) return parseForm(text);
    return new Map();
  }
  const out: Params = new Map();
  for (const [k, v] of Object.entries(obj(body))) if (typeof v === 'string' || typeof v === 'number') out.set(k, String(v));
  return out;
}

function htmlInputs(html: string): Params {
  const out: Params = new Map();
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    const value = /\bvalue\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    if (name && value !== undefined && !out.has(name)) out.set(name, value.replace(/&amp;/g, '&'));
  }
  return out;
}

/** The action URL of the page's first form (where a form_post sends the browser). */
export function formAction(body: unknown): string | null {
  if (typeof body !== 'string') return null;
  return /<form\b[^>]*\baction\s*=\s*["']([^"']*)["']/i.exec(body)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

export function param(p: Params, name: string): string | null {
  const v = p.get(name);
  return v === undefined || v === '' ? null : v;
}

/** Names whose value is a credential when it travels in a URL (RFC 9700 §4.2, §4.3). */
export const URL_CREDENTIALS = ['code', 'access_token', 'id_token', 'refresh_token', 'interaction_code'] as const;

export function credentialNames(url: string | undefined | null): string[] {
  if (!url) return [];
  const q = queryOf(url);
  const f = fragmentOf(url);
  return URL_CREDENTIALS.filter((n) => param(q, n) !== null || param(f, n) !== null);
}
