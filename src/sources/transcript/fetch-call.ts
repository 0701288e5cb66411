import { jsonrepair } from 'jsonrepair';
import { type CurlRequest, emptyRequest } from './curl-args.js';
import { addHeader } from '../../http/headers.js';
import { repairBounded } from '../../http/json.js';

/**
 * The request a JavaScript `fetch(url, init)` call would send: DevTools' "Copy as fetch" and "Copy as
 * fetch (Node.js)" write `init` as JSON (`"headers"`, `"body"` as a string, `"method"`); hand-written calls
 * use unquoted keys, single quotes or `JSON.stringify({...})` for the body, which are read as far as a
 * JSON repair can take them. A body that is code (a variable, a template with `${}`) is noted, not guessed.
 */
export function readFetchCall(text: string): CurlRequest {
  const req = emptyRequest();
  const m = /fetch\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1\s*(?:,\s*([^]*))?\)\s*;?\s*(?:\.then[^]*)?$/.exec(text.trim());
  if (!m) return { ...req, error: 'the fetch() call could not be read' };
  req.url = m[2]!.replace(/\\(.)/g, '$1');
  if (m[1] === '`' && req.url.includes('${')) req.notes.push('URL is a template literal; ${…} parts kept as written');
  const init = m[3]?.trim() ? readInit(m[3]!, req) : null;
  if (init) {
    const headers = init.headers;
    if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
      for (const [name, value] of Object.entries(headers as Record<string, unknown>)) if (value !== null && value !== undefined) addHeader(req.headers, name, String(value));
    } else if (Array.isArray(headers)) {
      for (const pair of headers) if (Array.isArray(pair) && pair.length === 2) addHeader(req.headers, String(pair[0]), String(pair[1]));
    }
    if (typeof init.method === 'string') req.method = init.method.toUpperCase();
    if (typeof init.body === 'string') req.data = init.body;
    else if (init.body && typeof init.body === 'object') req.data = JSON.stringify(init.body);
  }
  req.method ||= req.data !== null ? 'POST' : 'GET';
  return req;
}

/** The init object: JSON first (what DevTools writes), then with `JSON.stringify(x)` unwrapped and repaired. */
function readInit(source: string, req: CurlRequest): Record<string, unknown> | null {
  try {
    const value = JSON.parse(source);
    return value && typeof value === 'object' ? value : null;
  } catch {
    // Hand-written: JSON.stringify({...}) as the body, unquoted keys, single quotes, trailing commas.
    const stringify = /JSON\.stringify\(/.test(source);
    const unwrapped = stringify ? source.replace(/JSON\.stringify\(\s*/g, '').replace(/\)(\s*[,}])/g, '$1') : source;
    try {
      const value = JSON.parse(repairBounded(unwrapped, jsonrepair));
      if (!value || typeof value !== 'object') return null;
      if (stringify) req.notes.push('request body given as JSON.stringify(…), read as its argument');
      // `body: payload` or `body: JSON.stringify(payload)`: a variable, which a repair would turn into the text "payload".
      const variable = /["']?body["']?\s*:\s*(?!JSON\.|true\b|false\b|null\b|undefined\b)([A-Za-z_$][\w$.]*)\s*(?:[,}]|$)/m.exec(unwrapped);
      if (variable) {
        req.notes.push(`request body is the variable ${variable[1]}, not in the transcript`);
        delete (value as Record<string, unknown>).body;
      }
      return value;
    } catch {
      req.notes.push('the fetch() options could not be read; request headers and body unknown');
      return null;
    }
  }
}
