import { addHeader } from '../../http/headers.js';
import { type CurlRequest, emptyRequest, placeholdersIn } from './curl-args.js';
import { AXIOS, AxiosInstance, FormBody, NodeReader, NodeResponse, plain, textOf } from './node-values.js';
import { closingLine, ScriptScope, Unknown } from './script-values.js';
import { isFence, type Line } from './text.js';

/**
 * Node.js scripts pasted with what they printed: axios calls (`axios.post(url, data, config)`,
 * `axios.get(url, config)`, `axios({ method, url, data })`, `axios.request({…})`, an `axios.create({ baseURL })`
 * instance's `.post('/api/v1/authn', …)`) and `fetch` / node-fetch calls in a script (`await fetch(url, init)`
 * then `await res.json()`), awaited or with `.then(r => …)`; and the output of `console.log(res.status, res.data)`,
 * `JSON.stringify(res.data, null, 2)`, an AxiosError dump or `e.response.data` printed in a catch.
 */

const METHODS = 'get|post|put|patch|delete|head|options|request';
/** A TypeScript annotation on a name (`const res: AxiosResponse<Authn> =`). */
const TYPE = String.raw`(?:\s*:\s*[\w$.]+(?:<[^=]*>)?(?:\[\])?)?`;
/** `const res = await api.post(`, `const { data } = await axios(`, `axios.get<T>(`, `return fetch(`, `> await axios.post(` (the REPL). */
const CALL = new RegExp(`^\\s*(?:>\\s*)?(?:return\\s+)?(?:(?:const|let|var)\\s+)?(?:([\\w$]+|\\{[^}]*\\})${TYPE}\\s*=\\s*)?(?:await\\s+)?([\\w$]+)(?:\\s*\\.(${METHODS}))?\\s*(?:<[^>()]*>)?\\(`);
/** What makes `fetch(…)` part of a script rather than DevTools' one-shot copy (read by fetch-call.ts). */
const SCRIPT = /\bawait\s+[\w$.]+\.json\(\)|=>\s*[\w$]+\.json\(\)|\bnode-fetch\b|\bconsole\.(?:log|dir|error)\(|\brequire\(|^\s*import\s/;

/** The names that send requests in these lines: `axios` and its instances, and `fetch` when the paste is a script. */
export function nodeReceivers(lines: Line[]): Set<string> {
  // Line by line, not the joined text: every paste of any size passes here (findCurlCommands).
  const names = new Set<string>();
  if (lines.some((l) => l.text.includes('axios'))) {
    names.add('axios');
    for (const l of lines) for (const m of l.text.matchAll(/([\w$]+)\s*=\s*axios\.create\(/g)) names.add(m[1]!);
  }
  if (lines.some((l) => l.text.includes('fetch(')) && lines.some((l) => SCRIPT.test(l.text))) names.add('fetch');
  // got and ky, when the paste imports them (`import got from 'got'`, `require('ky')`): `got.post(url, { json })`.
  for (const lib of ['got', 'ky']) {
    if (lines.some((l) => new RegExp(`(?:from\\s+|require\\(\\s*)['"]${lib}['"]`).test(l.text))) names.add(lib);
  }
  return names;
}

/** A line that calls one of `receivers`: axios or an instance (a method or the instance itself), or `fetch(`. */
export function isNodeCall(text: string, receivers: ReadonlySet<string>): boolean {
  if (receivers.size === 0) return false;
  const m = CALL.exec(text);
  return m !== null && receivers.has(m[2]!) && !(m[2] === 'fetch' && m[3]);
}

/** Index just after the call's last line: where its brackets close, with the lines chained after it (`.post(…)` under `axios`, `.then(…)`, `.catch(…)`). */
export function nodeCallEnd(lines: Line[], start: number, limit: number): number {
  let end = closingLine(lines, start, limit, '//');
  while (end < limit && /^\s*\.[\w$]+\(/.test(lines[end]!.text)) end = closingLine(lines, end, limit, '//');
  return end;
}

/** The names a call's result is given: the response (`res`, `.then(r => …)`), its body (`const { data } = …`, `data` after `r.json()`), the error (`.catch(e => …)`). */
export interface CallNames {
  response: string[];
  body: string[];
  error: string[];
}

/** One call: the request it sends and the names its result is given. */
export function readNodeCall(text: string, scope: ScriptScope): { request: CurlRequest; names: CallNames } {
  const m = CALL.exec(text)!;
  const reader = new NodeReader(text, scope);
  reader.i = m[0].length - 1;
  const args = reader.callArgs();
  const names = callNames(m[1] ?? null, text.slice(reader.i));
  const receiver = m[2]!;
  const req = receiver === 'fetch' ? fetchRequest(args) : receiver === 'got' || receiver === 'ky' ? gotRequest(receiver, m[3] ?? null, args) : axiosRequest(receiver === 'axios' ? axiosDefaults(scope) : scope.get(receiver), m[3] ?? null, args);
  const unknown = placeholdersIn(req);
  if (unknown.length > 0) req.notes.push(`not in the paste, shown as {{…}}: ${unknown.join(', ')}`);
  return { request: req, names };
}

/** The names a call's result is given, read without the script's values (the prints are matched before any call is read). */
export function nodeCallNames(text: string): CallNames {
  const m = CALL.exec(text);
  if (!m) return { response: [], body: [], error: [] };
  const reader = new NodeReader(text, new ScriptScope());
  reader.i = m[0].length - 1;
  reader.callArgs();
  return callNames(m[1] ?? null, text.slice(reader.i));
}

function callNames(binding: string | null, chain: string): CallNames {
  const names: CallNames = { response: [], body: [], error: [] };
  // got's and ky's `await got.post(…).json()`: the name is given the body.
  if (binding && !binding.startsWith('{') && /^\s*\)?\s*\.json\(\)/.test(chain)) names.body.push(binding);
  else if (binding?.startsWith('{')) {
    // `const { data } = await axios…` / `{ data: body, status }`: the body under its own name or another.
    const data = /\bdata\b(?:\s*:\s*([\w$]+))?/.exec(binding);
    if (data) names.body.push(data[1] ?? 'data');
  } else if (binding) names.response.push(binding);
  const param = String.raw`\(\s*(?:async\s*)?(?:\(\s*)?([\w$]+)\s*\)?\s*=>`;
  const thens = [...chain.matchAll(new RegExp(String.raw`\.then` + param + String.raw`\s*\{?\s*(?:return\s+)?(?:([\w$]+)\.json\(\))?`, 'g'))];
  thens.forEach((t, i) => {
    // `.then(r => r.json()).then(data => …)`: after `.json()` the next callback is given the body.
    const afterJson = i > 0 && thens[i - 1]![2] !== undefined;
    (afterJson ? names.body : names.response).push(t[1]!);
  });
  for (const c of chain.matchAll(new RegExp(String.raw`\.catch` + param, 'g'))) names.error.push(c[1]!);
  return names;
}

/** `axios` itself, as `axios.defaults.baseURL = …` and `axios.defaults.headers.common[…] = …` set it before the call. */
function axiosDefaults(scope: ScriptScope): unknown {
  const baseURL = scope.get(DEFAULT_BASE_URL);
  const headers = scope.get(DEFAULT_HEADERS);
  if (baseURL instanceof Unknown && headers instanceof Unknown) return AXIOS;
  return new AxiosInstance({ ...(baseURL instanceof Unknown ? {} : { baseURL }), ...(headers instanceof Unknown ? {} : { headers }) });
}

/** The scope's names for axios's defaults (no script can name a variable so). */
export const DEFAULT_BASE_URL = 'axios.defaults.baseURL';
export const DEFAULT_HEADERS = 'axios.defaults.headers';

/** `fetch(url, { method, headers, body })`: GET unless `method` says otherwise, as fetch sends. */
function fetchRequest(args: unknown[]): CurlRequest {
  const req = emptyRequest();
  setUrl(req, args[0]);
  const init = objectOr(args[1]);
  req.method = typeof init.method === 'string' ? init.method.toUpperCase() : 'GET';
  setHeaders(req, init.headers);
  if (init.body !== undefined) setBody(req, init.body, false);
  return req;
}

/**
 * An axios call: `axios.post(url, data, config)`, `axios.get(url, config)`, `axios(config)` / `axios(url, config)`,
 * `axios.request(config)`, or the same on an instance, whose `baseURL` and `headers` the call starts from.
 */
function axiosRequest(receiver: unknown, method: string | null, args: unknown[]): CurlRequest {
  const req = emptyRequest();
  const base = receiver instanceof AxiosInstance ? receiver.config : {};
  if (!(receiver instanceof AxiosInstance) && receiver !== AXIOS) req.notes.push('the axios instance is not created in the paste: its baseURL and headers are unknown');
  let url: unknown;
  let data: unknown;
  let config: Record<string, unknown>;
  if (method === null || method === 'request') {
    const first = args[0];
    const byUrl = typeof first === 'string' || first instanceof Unknown;
    url = byUrl ? first : undefined;
    config = objectOr(byUrl ? args[1] : first);
  } else if (/^(?:post|put|patch)$/.test(method)) {
    [url, data] = args;
    config = objectOr(args[2]);
  } else {
    url = args[0];
    config = objectOr(args[1]);
  }
  const merged: Record<string, unknown> = { ...base, ...config };
  url = merged.url ?? url;
  data = merged.data ?? data;
  req.method = String(plain(merged.method ?? (method === null || method === 'request' ? 'get' : method))).toUpperCase();
  setUrl(req, url, merged.baseURL, merged.params);
  setHeaders(req, base.headers);
  setHeaders(req, config.headers);
  const auth = objectOr(merged.auth);
  if (auth.username !== undefined) addHeader(req.headers, 'authorization', `Basic ${Buffer.from(`${textOf(auth.username)}:${textOf(auth.password ?? '')}`).toString('base64')}`);
  if (data !== undefined && data !== null) setBody(req, data, true);
  return req;
}

/**
 * got's and ky's calls: `got.post(url, { json, form, body, headers, searchParams, prefixUrl })`, `got(url, { method })`,
 * `got({ url, method, json })`; GET unless the method says otherwise. `json` is sent as JSON, `form` as a form.
 */
function gotRequest(lib: string, method: string | null, args: unknown[]): CurlRequest {
  const req = emptyRequest();
  const first = args[0];
  const byUrl = typeof first === 'string' || first instanceof Unknown;
  const options = objectOr(byUrl ? args[1] : first);
  const url = byUrl ? first : options.url;
  req.method = String(plain(method && method !== 'request' ? method : options.method ?? 'get')).toUpperCase();
  setUrl(req, url, options.prefixUrl ?? options.prefix, options.searchParams);
  setHeaders(req, options.headers);
  if (options.json !== undefined) setBody(req, options.json, true);
  else if (options.form !== undefined) {
    const form = objectOr(options.form);
    setBody(req, new FormBody(new URLSearchParams(Object.entries(form).map(([k, v]) => [k, textOf(v)])).toString()), true);
  } else if (options.body !== undefined) setBody(req, options.body, true);
  if (options.username !== undefined) addHeader(req.headers, 'authorization', `Basic ${Buffer.from(`${textOf(options.username)}:${textOf(options.password ?? '')}`).toString('base64')}`);
  req.notes.push(`${lib} call`);
  return req;
}

function objectOr(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unknown) && !(value instanceof FormBody) ? (value as Record<string, unknown>) : {};
}

/** The URL: a relative one joined to axios's `baseURL`, `params` added as the query. */
function setUrl(req: CurlRequest, url: unknown, baseURL?: unknown, params?: unknown): void {
  if (url === undefined) return;
  let text = textOf(url);
  if (baseURL !== undefined && !/^(?:[a-z]+:\/\/|\{\{)/i.test(text)) text = `${textOf(baseURL).replace(/\/+$/, '')}/${text.replace(/^\/+/, '')}`;
  const query = Object.entries(objectOr(params)).map(([k, v]) => [k, textOf(v)]);
  if (query.length > 0) text += (text.includes('?') ? '&' : '?') + new URLSearchParams(query).toString();
  req.url = text;
}

function setHeaders(req: CurlRequest, headers: unknown): void {
  if (headers instanceof Unknown) req.notes.push(`headers are ${headers.text}, not in the paste`);
  else for (const [k, v] of Object.entries(objectOr(headers))) if (v !== null && v !== undefined) addHeader(req.headers, k, textOf(v));
}

/** The body: text as it is, a form as its text; an object is sent as JSON by axios (fetch needs JSON.stringify). */
function setBody(req: CurlRequest, body: unknown, axios: boolean): void {
  if (body instanceof Unknown) {
    req.notes.push(`request body is ${body.text}, not in the paste`);
    return;
  }
  if (body instanceof FormBody) {
    req.data = body.text;
    if (!req.headers['content-type']) addHeader(req.headers, 'content-type', 'application/x-www-form-urlencoded');
    return;
  }
  if (typeof body === 'string') {
    req.data = body;
    return;
  }
  req.data = JSON.stringify(plain(body));
  if (axios && !req.headers['content-type']) addHeader(req.headers, 'content-type', 'application/json');
  if (!axios) req.notes.push('fetch was given an object as the body, not JSON.stringify(…): read as the JSON it holds');
}

/** `const x = …`, `const { a, b: c } = …`, and axios's defaults: `axios.defaults.baseURL = …`, `axios.defaults.headers.common['X'] = …`. */
const ASSIGNMENT = new RegExp(String.raw`^\s*(?:export\s+)?(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*|\{[^}]*\}|axios\.defaults\.baseURL|axios\.defaults\.headers(?:\.[\w$]+)?(?:\.[\w$-]+|\[\s*['"][^'"]+['"]\s*\]))${TYPE}\s*=(?![=>])\s*(.*)$`);

/** `NAME = expression` statements (not calls that send a request), in line order, with the lines they take. */
export function nodeAssignments(lines: Line[], receivers: ReadonlySet<string>): { line: number; end: number; names: string[]; text: string; destructured: boolean }[] {
  const out: { line: number; end: number; names: string[]; text: string; destructured: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ASSIGNMENT.exec(lines[i]!.text);
    if (!m || isNodeCall(lines[i]!.text, receivers) || /^\s*(?:require|import)\b/.test(m[2]!)) continue;
    const end = closingLine(lines, i, lines.length, '//');
    const text = [m[2]!, ...lines.slice(i + 1, end).map((l) => l.text)].join('\n');
    const destructured = m[1]!.startsWith('{');
    const names = destructured ? [...m[1]!.slice(1, -1).matchAll(/([\w$]+)\s*(?::\s*([\w$]+))?/g)].map((n) => (n[2] ? `${n[1]}:${n[2]}` : n[1]!)) : [m[1]!];
    out.push({ line: lines[i]!.no, end: lines[end - 1]!.no, names, text, destructured });
    i = end - 1;
  }
  return out;
}

/** The script's lines as pasted: fences left out, but not the `const x = ` toLines takes off a line holding an object. */
export function scriptLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ no: i + 1, text: t }))
    .filter((l) => !isFence(l.text));
}
