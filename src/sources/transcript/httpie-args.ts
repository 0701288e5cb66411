import { type CurlRequest, startRequest } from './curl-args.js';
import { addHeader } from '../../http/headers.js';

/**
 * The request an HTTPie command (`http`, `https`; xh reads the same) would send, from its command line:
 * `http [flags] [METHOD] URL [items]`, where an item is `Header:value`, `name==query`, `field=text` (a JSON
 * string, or a form field with `--form`), `field:=json` (a raw JSON value) or `field@file`. Without
 * `--form` the fields make one JSON object (nested with `user[name]=…`); `--raw TEXT` or the text piped in
 * is the body as it stands. Method defaults as HTTPie's do: POST when there is a body, GET otherwise.
 */
export function readHttpieArgs(command: string, stdin: string | null = null): CurlRequest {
  const { req, args } = startRequest(command);
  if (!args) return req;
  const scheme = /^(?:https|xhs)$/.test(args[0] ?? '') ? 'https' : 'http';
  let form = false;
  let raw: string | null = null;
  const positional: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (/^--?[a-zA-Z]/.test(a) && !isItem(a)) {
      const [name, inline] = a.includes('=') && a.startsWith('--') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
      const value = () => inline ?? args[++i] ?? '';
      if (name === '-f' || name === '--form' || name === '--multipart') form = true;
      else if (name === '--raw') raw = value();
      else if (name === '-a' || name === '--auth') {
        const v = value();
        addHeader(req.headers, 'authorization', `Basic ${Buffer.from(v).toString('base64')}`);
      } else if (HTTPIE_TAKES_ARG.has(name)) value();
      continue;
    }
    positional.push(a);
  }
  if (positional.length > 0 && /^[A-Z]{3,7}$/.test(positional[0]!)) req.method = positional.shift()!;
  const url = positional.shift() ?? null;
  req.url = url === null ? null : withScheme(url, scheme);
  const fields: Record<string, unknown> = {};
  const formPairs: string[] = [];
  const query: string[] = [];
  let items = 0;
  for (const item of positional) {
    const m = /^((?:\\.|[^:=@\\])+?)(==|:=@|=@|:=|=|@|:)(.*)$/s.exec(item);
    if (!m) {
      req.notes.push(`argument ${JSON.stringify(item.slice(0, 40))} not read`);
      continue;
    }
    const [, rawName, sep, value] = m as unknown as [string, string, string, string];
    const name = rawName.replace(/\\(.)/g, '$1');
    if (sep === ':') {
      if (value !== '') addHeader(req.headers, name, value);
      continue;
    }
    if (sep === '==') {
      query.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
      continue;
    }
    if (sep === '@' || sep === '=@' || sep === ':=@') {
      req.notes.push(`request field ${name} read from file ${value}, not in the transcript`);
      continue;
    }
    items++;
    if (form) formPairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    else setPath(fields, name, sep === ':=' ? jsonValue(value, name, req) : value);
  }
  if (query.length && req.url) req.url += (req.url.includes('?') ? '&' : '?') + query.join('&');
  if (raw !== null) req.data = raw;
  else if (items > 0) {
    req.data = form ? formPairs.join('&') : JSON.stringify(fields);
    if (form) req.headers['content-type'] ??= 'application/x-www-form-urlencoded; charset=utf-8';
  } else if (stdin !== null) req.data = stdin;
  if (req.data !== null && !form) {
    req.headers['content-type'] ??= 'application/json';
    req.headers['accept'] ??= 'application/json, */*;q=0.5';
  }
  req.method ||= req.data !== null ? 'POST' : 'GET';
  return req;
}

/** HTTPie options that take a value (`--session NAME`, `-p hb`...): skipped with it. */
const HTTPIE_TAKES_ARG = new Set([
  '-A', '--auth-type', '-p', '--print', '-P', '--history-print', '--pretty', '-s', '--style', '--timeout',
  '--verify', '--cert', '--cert-key', '--cert-key-pass', '--proxy', '-o', '--output', '--max-redirects',
  '--default-scheme', '--format-options', '--boundary', '--session', '--session-read-only', '--ssl',
  '--ciphers', '--response-charset', '--response-mime',
]);

/** `name=value`-like arguments are items even when the name starts with a dash. */
function isItem(arg: string): boolean {
  return /^[^-][^=:@]*(?:==|:=|=|:|@)/.test(arg);
}

/** `:3000/path` (localhost), `example.com/path` (the command's scheme) or a whole URL. */
function withScheme(url: string, scheme: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith(':')) return `${scheme}://localhost${/^:\d/.test(url) ? url : url.slice(1)}`;
  return `${scheme}://${url}`;
}

function jsonValue(text: string, name: string, req: CurlRequest): unknown {
  try {
    return JSON.parse(text);
  } catch {
    req.notes.push(`request field ${name}:= is not JSON; kept as text`);
    return text;
  }
}

/** `user[name]` → fields.user.name, `items[]` appends (HTTPie 3's nested JSON syntax); a plain name as it is. */
function setPath(target: Record<string, unknown>, name: string, value: unknown): void {
  const m = /^([^[\]]+)((?:\[[^\]]*\])+)$/.exec(name);
  if (!m) {
    target[name] = value;
    return;
  }
  const keys = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((k) => k[1]!)];
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const last = i === keys.length - 1;
    const nextIsIndex = !last && (keys[i + 1] === '' || /^\d+$/.test(keys[i + 1]!));
    if (Array.isArray(node)) {
      const at = key === '' ? node.length : Number(key);
      if (last) node[at] = value;
      else node = (node[at] ??= nextIsIndex ? [] : {}) as Record<string, unknown>;
    } else {
      if (last) node[key] = value;
      else node = (node[key] ??= nextIsIndex ? [] : {}) as Record<string, unknown>;
    }
  }
}
