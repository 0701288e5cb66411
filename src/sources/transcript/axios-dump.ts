import type { HeaderMap } from '../../model/exchange.js';
import { addHeader } from '../../http/headers.js';
import { readBody } from './json-block.js';
import { evaluateNode } from './node-values.js';
import type { SentRequest } from './printed.js';
import { bracketDepth, ScriptScope } from './script-values.js';

/**
 * What an axios dump (an AxiosError, or `console.log(res)`) shows besides the answer, as util.inspect prints
 * it: the request it sent, under `config` (`url`, `data`: the body text after axios serialised it, `headers`),
 * and the response's `headers`. The script the paste shows often builds the body from values it never prints
 * (`{ stateToken, newPassword }` of a function's arguments): the dump holds them as they were sent.
 */

/** The request a dump's `config: {…}` shows, from the lines of that value (the first is its `{`); null when it shows nothing of it. */
export function sentRequest(config: readonly string[] | null, ownField: (block: readonly string[], open: number, name: string) => string[] | null): SentRequest | null {
  if (!config || config.length === 0) return null;
  if (config.length === 1 && /^\s*\{.*\}\s*$/.test(config[0]!)) return inlineRequest(config[0]!);
  if (!/^\s*\{\s*$/.test(config[0]!)) return null;
  // A field's value lost its line's indentation with its name: its closing line has it, and ownField reads by it.
  config = [`${/^\s*/.exec(config[config.length - 1]!)![0]}{`, ...config.slice(1)];
  const url = stringValue(ownField(config, 0, 'url'));
  const data = dataValue(ownField(config, 0, 'data'));
  const headers = headersValue(ownField(config, 0, 'headers'));
  if (url === null && data === null && headers === null) return null;
  return { url, data, headers: headers ?? {} };
}

/** A short `config: { method: 'post', data: '…' }` util.inspect printed on one line. */
function inlineRequest(line: string): SentRequest | null {
  const { body, error } = readBody([line.replace(/Object\s*\[\w+\]\s*(?=\{)/g, '')]);
  if (error !== undefined || !body || typeof body !== 'object' || Array.isArray(body)) return null;
  const config = body as Record<string, unknown>;
  const url = typeof config.url === 'string' ? config.url : null;
  const data = typeof config.data === 'string' ? config.data : config.data && typeof config.data === 'object' ? JSON.stringify(config.data) : null;
  const headers = config.headers && typeof config.headers === 'object' ? headerMap(config.headers as Record<string, unknown>) : null;
  if (url === null && data === null && headers === null) return null;
  return { url, data, headers: headers ?? {} };
}

/** The lines of the `name: {…}` block the least indented in `block`, the name taken off its first line; null when there is none. */
export function shallowestBlock(block: readonly string[], name: string): string[] | null {
  const inline = new RegExp(String.raw`^(\s*)${name}:\s*(\{.*\})\s*,?\s*$`);
  const one = block.find((l) => inline.test(l) && bracketDepth(l) === 0);
  const open = new RegExp(String.raw`^(\s*)${name}:\s*(\{\s*)$`);
  let at = -1;
  let indent = Infinity;
  block.forEach((l, i) => {
    const m = open.exec(l);
    if (m && m[1]!.length < indent) {
      at = i;
      indent = m[1]!.length;
    }
  });
  if (at < 0) {
    // A short one util.inspect printed on its line.
    return one === undefined ? null : [inline.exec(one)![2]!];
  }
  const lines = [block[at]!.replace(open, '$1$2')];
  for (let i = at + 1; i < block.length; i++) {
    const l = block[i]!;
    const own = /^\s*/.exec(l)![0].length;
    lines.push(l);
    if (own <= indent) break;
  }
  lines[lines.length - 1] = lines[lines.length - 1]!.replace(/,\s*$/, '');
  return lines;
}

/** A header map from util.inspect's `Object [AxiosHeaders] { Accept: '…', 'set-cookie': [ '…' ] }`; null when it is not one. */
export function headersValue(lines: readonly string[] | null): HeaderMap | null {
  if (!lines || lines.length === 0) return null;
  const text = [lines[0]!.replace(/^\s*(?:Object\s*\[\w+\]|AxiosHeaders)\s*(?=\{)/, ''), ...lines.slice(1)];
  if (!/^\s*\{/.test(text[0]!)) return null;
  const { body, error } = readBody(text);
  if (error !== undefined || !body || typeof body !== 'object' || Array.isArray(body)) return null;
  return headerMap(body as Record<string, unknown>);
}

function headerMap(headers: Record<string, unknown>): HeaderMap {
  const map: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') addHeader(map, name, String(v));
  }
  return map;
}

/** `data: '{"stateToken":"…"}'` (a string, maybe cut into `'…' +` lines) as its text, `data: {…}` as JSON; null for none. */
function dataValue(lines: readonly string[] | null): string | null {
  if (!lines || lines.length === 0) return null;
  if (/^\s*[{[]/.test(lines[0]!)) {
    const { body, error } = readBody([...lines]);
    return error === undefined && body !== null && body !== undefined ? JSON.stringify(body) : null;
  }
  return stringValue(lines);
}

/** A JavaScript string literal (or a sum of them) as util.inspect prints it; null when it is not one. */
function stringValue(lines: readonly string[] | null): string | null {
  if (!lines || lines.length === 0 || !/^\s*['"`]/.test(lines[0]!)) return null;
  const value = evaluateNode(lines.join('\n'), new ScriptScope());
  return typeof value === 'string' ? value : null;
}
