import type { HeaderMap } from '../model/exchange.js';

/**
 * The model's header map, built the same way by every reader (proxy, HAR, curl, raw HTTP, transcripts):
 * lower-cased names, a repeated header joined with ", ", Set-Cookie with "\n" (its values may hold commas).
 */
export function addHeader(map: HeaderMap, name: string, value: string): void {
  const key = name.toLowerCase();
  map[key] = Object.hasOwn(map, key) ? `${map[key]}${key === 'set-cookie' ? '\n' : ', '}${value}` : value;
}

/** A header map from a raw name/value list as Node gives it (`rawHeaders`: names and values alternating). */
export function headersFromRaw(raw: readonly string[]): HeaderMap {
  const map: HeaderMap = {};
  for (let i = 0; i + 1 < raw.length; i += 2) addHeader(map, raw[i]!, raw[i + 1]!);
  return map;
}
