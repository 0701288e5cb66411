import { parse } from 'shell-quote';
import type { HeaderMap } from '../../model/exchange.js';
import { addHeader } from '../../http/headers.js';

/** The request a curl command would send, as far as the command line says. */
export interface CurlRequest {
  method: string;
  url: string | null;
  headers: HeaderMap;
  /** The body text (`-d`, `--json`...), or null. */
  data: string | null;
  notes: string[];
  /** Set when the command line could not be tokenized (an unclosed `${`, say). */
  error?: string;
}

const TAKES_ARG_SHORT = new Set('XHdubAeowmxEcTFKrUyYzCQtP'.split(''));
const TAKES_ARG_LONG = new Set(
  ('request header data data-raw data-binary data-ascii data-urlencode json user url cookie user-agent referer ' +
    'output write-out max-time connect-timeout retry retry-delay retry-max-time proxy proxy-user cacert capath ' +
    'cert key cert-type key-type pass cookie-jar resolve connect-to upload-file form form-string oauth2-bearer ' +
    'config max-redirs limit-rate range interface dns-servers stderr trace trace-ascii ciphers tls-max ' +
    'local-port unix-socket abstract-unix-socket aws-sigv4 variable expect100-timeout')
    .split(' ')
    .map((s) => `--${s}`),
);
const SHORT_TO_LONG: Record<string, string> = {
  X: '--request', H: '--header', d: '--data', u: '--user', b: '--cookie', A: '--user-agent', e: '--referer',
  G: '--get', I: '--head', F: '--form', T: '--upload-file',
};

/** Reads a curl command line with shell-quote (quotes, escapes, `$'...'`, continuations, `| jq` cut off). */
export function readCurlArgs(command: string, stdin: string | null = null): CurlRequest {
  const { req, args } = startRequest(command);
  if (!args) return req;
  const data: (string | null)[] = [];
  let json = false;
  let get = false;
  let head = false;
  for (const [name, value] of options(args.slice(1))) {
    switch (name) {
      case '': req.url ??= value; break;
      case '--url': req.url = value; break;
      case '--request': req.method = value.toUpperCase(); break;
      case '--header': headerArg(req, value); break;
      case '--data': case '--data-ascii': case '--data-binary': case '--data-raw':
        data.push(name !== '--data-raw' && value.startsWith('@') ? fileRef(req, value, stdin) : value);
        break;
      case '--data-urlencode': data.push(urlencodeArg(value)); break;
      case '--json': json = true; data.push(value.startsWith('@') ? fileRef(req, value, stdin) : value); break;
      case '--user': addHeader(req.headers, 'authorization', `Basic ${Buffer.from(value).toString('base64')}`); break;
      case '--oauth2-bearer': addHeader(req.headers, 'authorization', `Bearer ${value}`); break;
      case '--cookie': if (value.includes('=')) addHeader(req.headers, 'cookie', value); break;
      case '--user-agent': addHeader(req.headers, 'user-agent', value); break;
      case '--referer': addHeader(req.headers, 'referer', value); break;
      case '--get': get = true; break;
      case '--head': head = true; break;
      case '--form': req.notes.push('multipart form (-F) not reproduced'); break;
    }
  }
  const known = data.filter((d): d is string => d !== null);
  const body = known.length ? known.join(json ? '' : '&') : null;
  if (json) {
    req.headers['content-type'] ??= 'application/json';
    req.headers['accept'] ??= 'application/json';
  }
  if (get && body !== null && req.url) req.url += (req.url.includes('?') ? '&' : '?') + body;
  else req.data = body;
  if (!req.method) req.method = head ? 'HEAD' : get || data.length === 0 ? 'GET' : 'POST';
  return req;
}

/** A request nothing is known of yet: the readers of curl, HTTPie and fetch() fill it in. */
export function emptyRequest(): CurlRequest {
  return { method: '', url: null, headers: {}, data: null, notes: [] };
}

/** An empty request and the command's words; without words (the line could not be tokenized) the request carries the error. */
export function startRequest(command: string): { req: CurlRequest; args: string[] | null } {
  const req = emptyRequest();
  try {
    return { req, args: tokenize(command) };
  } catch (error) {
    return { req: { ...req, error: (error as Error).message.split('\n')[0]!.slice(0, 120) }, args: null };
  }
}

function tokenize(command: string): string[] {
  const text = ansiC(fromCmd(command).replace(/\\\r?\n/g, ' ').replace(/`\r?\n/g, ' '));
  const simple = plainWords(text);
  if (simple) return simple.filter((t) => t !== '');
  const out: string[] = [];
  for (const entry of parse(text, (key) => `$${key}`)) {
    if (typeof entry === 'string') out.push(entry);
    else if ('op' in entry && entry.op === 'glob') out.push(entry.pattern);
    else if ('op' in entry) break;
  }
  return out.filter((t) => t !== '');
}

/**
 * One piece of a command line shell-quote would only split and unquote: whitespace (1), a single-quoted (2)
 * or double-quoted (3) string without `$` or `\`, or a run of plain characters (4). Anything else (a
 * variable, an escape, a comment, an operator, an unclosed quote) is left to shell-quote.
 */
const PIECE = /(\s+)|'([^']*)'|"([^"$\\]*)"|([^\s'"$\\#|&;()<>]+)/y;

/**
 * The words of a command line that uses quotes only to group, as shell-quote would give them, in one pass
 * (shell-quote takes ten times longer); null when shell-quote must read it.
 */
function plainWords(text: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i = PIECE.lastIndex) {
    PIECE.lastIndex = i;
    const m = PIECE.exec(text);
    if (!m) return null;
    if (m[1] === undefined) word = (word ?? '') + (m[2] ?? m[3] ?? m[4]);
    else if (word !== null) {
      words.push(word);
      word = null;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** Splits options into [long name, value] pairs; positional arguments come back with the name ''. */
function* options(args: string[]): Generator<[string, string]> {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (eq > 0) yield [name, a.slice(eq + 1)];
      else if (TAKES_ARG_LONG.has(name)) yield [name, args[++i] ?? ''];
      else yield [name, ''];
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const long = SHORT_TO_LONG[c] ?? `-${c}`;
        if (TAKES_ARG_SHORT.has(c)) {
          yield [long, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? '')];
          break;
        }
        yield [long, ''];
      }
    } else {
      yield ['', a];
    }
  }
}

function headerArg(req: CurlRequest, value: string): void {
  const i = value.indexOf(':');
  if (i <= 0) return;
  const v = value.slice(i + 1).trim();
  if (v !== '') addHeader(req.headers, value.slice(0, i).trim(), v);
}

function fileRef(req: CurlRequest, value: string, stdin: string | null): string | null {
  if (value === '@-' && stdin !== null) return stdin;
  req.notes.push(`request body read from file ${value.slice(1)}, not in the transcript`);
  return null;
}

function urlencodeArg(value: string): string {
  const eq = value.indexOf('=');
  if (eq < 0) return encodeURIComponent(value);
  return `${value.slice(0, eq)}=${encodeURIComponent(value.slice(eq + 1))}`;
}

/**
 * Chrome's "Copy as cURL (cmd)" escapes every special character with `^` and continues lines with `^`;
 * without the carets the command reads as a POSIX shell line.
 */
function fromCmd(command: string): string {
  if (!/\^\r?\n|\^"/.test(command)) return command;
  return command.replace(/\^\r?\n/g, ' ').replace(/\^(.)/g, '$1');
}

/** Bash's `$'...'` strings, which shell-quote does not know, become single-quoted strings with escapes decoded. */
function ansiC(text: string): string {
  return text.replace(/\$'((?:[^'\\]|\\.)*)'/gs, (_m, body: string) => {
    const decoded = body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/gs, (_e, c: string) => {
      if (/^[xuU]/.test(c)) return String.fromCodePoint(parseInt(c.slice(1), 16));
      if (/^[0-7]/.test(c)) return String.fromCharCode(parseInt(c, 8));
      return ({ n: '\n', t: '\t', r: '\r', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[c] ?? c;
    });
    return `'${decoded.replace(/'/g, `'\\''`)}'`;
  });
}

/**
 * The `{{…}}` placeholders in what the request sends (URL, headers, body): values a script's reader could not
 * see (a variable never set in the paste), named in the exchange's notes instead of passing for values.
 */
export function placeholdersIn(req: CurlRequest): string[] {
  const text = [req.url ?? '', ...Object.values(req.headers), req.data ?? ''].join('\n');
  // A placeholder inside the JSON body has its quotes escaped (`{{r.json()[\"id\"]}}`): named as the script wrote it.
  return [...new Set([...text.matchAll(/\{\{([^{}]+)\}\}/g)].map((m) => m[1]!.replace(/\\(["\\])/g, '$1')))];
}
