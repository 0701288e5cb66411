import { addHeader } from '../../http/headers.js';
import type { HeaderMap } from '../../model/exchange.js';

type NameValue = { name: string; value: string };

/** A header name or value as text: producers write numbers, booleans, even objects where strings belong. */
function text(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return '';
    }
  }
  return String(value);
}

/**
 * One header or cookie list as producers write it: `{name, value}` objects (the HAR spec),
 * `[name, value]` pairs (some tools), or a plain `{name: value}` object. Anything else yields nothing.
 */
export function nameValues(list: unknown): NameValue[] {
  const out: NameValue[] = [];
  if (Array.isArray(list)) {
    for (const item of list) {
      if (Array.isArray(item) && item.length >= 2) out.push({ name: text(item[0]), value: text(item[1]) });
      else if (item && typeof item === 'object' && 'name' in item) {
        const { name, value } = item as { name: unknown; value: unknown };
        out.push({ name: text(name), value: text(value) });
      }
    }
  } else if (list && typeof list === 'object') {
    for (const [name, value] of Object.entries(list)) out.push({ name, value: text(value) });
  }
  return out;
}

/**
 * The model's header map: lower-cased names, repeats joined with ", " (Set-Cookie with "\n").
 * HTTP/2 pseudo-headers (`:authority`, `:path` ...) repeat what the URL and method already say, so they are dropped.
 */
export function toHeaderMap(list: unknown, cookies?: unknown, cookieHeader?: 'cookie' | 'set-cookie'): HeaderMap {
  // Header names are data: `constructor` or `__proto__` must not meet Object.prototype.
  const map: HeaderMap = Object.create(null);
  for (const { name, value } of nameValues(list)) {
    if (name.startsWith(':')) continue;
    const key = name.toLowerCase();
    // chrome-har and some DevTools versions list a header twice (request and "extra info"): one is enough.
    if (key in map && map[key].split(key === 'set-cookie' ? '\n' : ', ').includes(value)) continue;
    addHeader(map, name, value);
  }
  // Some producers fill only the cookie arrays; the header is where the redactor looks for them.
  if (cookieHeader && !(cookieHeader in map)) {
    const jar = nameValues(cookies);
    if (jar.length > 0) {
      map[cookieHeader] = jar.map((c) => `${c.name}=${c.value}`).join(cookieHeader === 'cookie' ? '; ' : '\n');
    }
  }
  return map;
}

/** The content type of a header map, without parameters, lower-cased ('' when absent). */
export function mimeOf(headers: HeaderMap, fallback?: unknown): string {
  const raw = typeof fallback === 'string' && fallback !== '' ? fallback : (headers['content-type'] ?? '');
  return raw.split(';')[0].trim().toLowerCase();
}
