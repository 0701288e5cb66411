import type { Evidence, Exposure } from '../model/exchange.js';
import { classifyField, isColonJoinedWord, isSecretHeader } from './policy.js';
import type { Redactor } from './redactor.js';
import type { ProfileHints } from './shape.js';

type Where = Exposure['where'];

/**
 * `"field": "value"`, `'field': 'value'` (quotes typographic or not), unquoted `field: value` / `field = value`,
 * and Ruby's, PHP's and Perl's `"field" => "value"`; a Python string prefix (`u'…'`, `b'…'`, `r'…'`) before the
 * value's quote is read past (Python 2's `{u'password': u'…'}`). A double-quoted value may run to the end of its line or
 * text unclosed: a body cut short (`{"password":"hunter`, a client that hung up) still holds the secret.
 */
const PAIR = /(?:(["“”'])|(?<![\w-]))([A-Za-z_][\w-]*)(["“”']?)(\s*(?:=>|[:=])\s*)((?:[uUbBrR]{1,2}(?=["“”']))?)(?:(["“”])((?:\\.|[^"“”\\\n])*)(["“”]|(?=\n)|$)|(')((?:\\.|[^'\\\n])*)(')|([^\s,;'"“”{}[\]()<>&]+(?:[&;](?![\w.%[\]-]+=|\s)[^\s,;'"“”{}[\]()<>&]+)*))/g;
/** A header line in free text (`Cookie: sid=…; JSESSIONID=…`, `Authorization: Bearer …`, `- Set-Cookie: …`): masked as that header. */
const HEADER_LINE = /^([ \t]*(?:[-*>|]\s*)?["']?)([A-Za-z][\w-]*)(\s*:[ \t]*)([^\n]*?)(["']?[ \t]*)$/gm;
/** PHP's print_r / var_export lines: `[password] => x`, `'password' => 'x'` is the pair rule's. */
const PHP_ENTRY = /^(\s*\[)([A-Za-z_][\w-]*)((?::(?:protected|private))?\]\s*=>[ \t]?)([^\n]+)$/gm;
/** Names that are headers, not fields (`password: x` is the pair rule's and keeps its password shape). */
const HEADER_NAME = /^(?:cookie|set-cookie|authorization|proxy-authorization|x-[\w-]+)$/i;
/** PowerShell's environment variables (`$env:OKTA_PASSWORD = "…"`): `env:` is no field name. */
const PS_ENV = /(\$env:)([A-Za-z_]\w*)(\s*=\s*)(["'])((?:`.|(?!\4)[^\n])*)\4/gi;
/** Kotlin's `"field" to "value"` (mapOf): both quoted, so prose ("password to reset") is not read as one. */
const KOTLIN_PAIR = /(["'])([A-Za-z_][\w-]*)\1(\s+to\s+)(["'])((?:\\.|(?!\4)[^\\\n])*)\4/g;
/** An XML element holding a value (`<password>…</password>`, `<ns:passCode>…</ns:passCode>`): SOAP and XML logs. */
const XML_VALUE = /<((?:[\w-]+:)?([A-Za-z_][\w-]*))>([^<\n]{1,500})<\/\1>/g;
/** A multipart part: its name in Content-Disposition, then a blank line, then its value. */
const MULTIPART = /(Content-Disposition:[^\r\n]*\bname=(?:"([^"]+)"|([^\s;"]+))[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([^\r\n]*)/gi;
/** A one-time code typed at a prompt: `Enter verification code 106105`, `passcode: 557301`. */
const TYPED_CODE = /((?:verification|security|one-time|sms|otp|mfa|totp|authenticat\w*)\s+code|passcode|pass code|otp|code)(\s*(?:[:=]\s*)?)(\d{6,8})\b/gi;
/** curl's and HTTPie's credentials: `-u user:password`, `-a user:password`, `--user 'u:p'`, `-b 'sid=…'`, `--cookie "…"`. */
const CURL_USER = /((?:^|\s)(?:-u|--user|-a|--auth|-U|--proxy-user)(?:\s+|=))(['"]?)([^:\s'"]*):([^\s'"[][^\s'"]*)\2/g;
/** curl's `-E cert.pem:password` / `--cert`, `--proxy-cert`: the password after the file's last colon. */
const CURL_CERT = /((?:^|\s)(?:-E|--cert|--proxy-cert)(?:\s+|=))(['"]?)([^\s'"]+):([^\s'":\\/]+)\2(?=\s|$)/g;
/** HTTPie's `-A bearer -a TOKEN`: with the bearer auth type, `-a` holds a token, not `user:password`. */
const HTTPIE_BEARER = /((?:^|\s)(?:-a|--auth)(?:\s+|=))(['"]?)([^\s'":]{8,})\2(?=\s|$)/g;
const CURL_COOKIE = /((?:^|\s)(?:-b|--cookie)(?:\s+|=))(['"]?)([^'"\s]+(?: [^'"\s]+)*?)\2(?=\s|$)/g;
/** A whole form body: `a=1&password=x y` (one line, values may hold spaces). */
const FORM = /^[\w.%[\]-]+=[^&\n]*(?:&[\w.%[\]-]+=[^&\n]*)*$/;
/** An HTML input (an OAuth form_post page carries `code`, `id_token` as hidden inputs). */
const HTML_INPUT = /<input\b[^>]*>/gi;
/** A secret's name in prose, then `is`/`was`/`of`/`:`/`=` (or nothing), then its value, perhaps quoted. */
const PROSE_SECRET = /((?<!redacted )(?<![\w/.-])(password|passcode|pass code|passphrase|otp|one-time code|verification code|security answer|recovery answer|answer|recovery token|session token|state token|api token|api key|client secret|secret)\s+(?:(?:is|was|were|of|being|as|to)\s+|[:=]\s*)?)(?:(["“'`])([^"“”'`\n]{4,200})["”'`]|([^\s"“”'`,;()<>]{3,199}[^\s"“”'`,;()<>.])(?![\w@-]|\.[\w@-]))/gi;
const PROSE_NAME = /password|passcode|pass code|passphrase|otp|one-time|verification code|answer|token|api key|secret/i;
const PROSE_FIELDS: Record<string, string> = {
  password: 'password', passphrase: 'password', passcode: 'passCode', 'pass code': 'passCode', otp: 'passCode', 'one time code': 'passCode', 'verification code': 'passCode',
  'security answer': 'answer', 'recovery answer': 'answer', answer: 'answer', 'recovery token': 'recoveryToken', 'session token': 'sessionToken', 'state token': 'stateToken',
  'api token': 'apiToken', 'api key': 'api_key', 'client secret': 'client_secret', secret: 'client_secret',
};

/**
 * Whether an unquoted word in prose looks like a secret rather than a word (`wrong`, `expired`, `reset`): a
 * 6-8 digit code, letters with digits, or mixed case with a symbol; not an error code (`E0000068`), a path or a URL.
 */
function secretLooking(value: string): boolean {
  if (/^E\d{7}$/.test(value) || /^len=\d/.test(value) || /^(?:https?:|\/)/i.test(value) || CODE_PATH.test(value) || /^\{|^\[redacted |\*{4}#/.test(value)) return false;
  if (/^\d{6,8}$/.test(value)) return true;
  const letters = /[A-Za-z]/.test(value);
  return (letters && /\d/.test(value) && value.length >= 6) || (/[a-z]/.test(value) && /[A-Z]/.test(value) && /[^A-Za-z0-9]/.test(value) && value.length >= 8);
}
/** `| password | … |`: a table row whose first cell names a field and whose second holds its value. */
const TABLE_ROW = /^(\s*\|\s*)([A-Za-z_][\w.:-]*)(\s*\|)([^|\n]*)\|/gm;
/** `password<TAB>…`: a name and its value separated by tabs (a spreadsheet, Postman's bulk edit). */
const TAB_PAIR = /^([ \t]*)([A-Za-z_][\w.:-]*)(\t+)(\S[^\t\n]*)$/gm;
/** `ConvertTo-SecureString "…" -AsPlainText`, `new NetworkCredential("user", "…")` and the like: the quoted password. */
const PLAIN_PASSWORD = /(ConvertTo-SecureString\s+(?:-String\s+)?|\b(?:NetworkCredential|UsernamePasswordCredentials|UsernamePasswordAuthenticationToken|PasswordAuthentication|PasswordCredential)\s*\(\s*(["'])[^"'\n]*\2\s*,\s*)(["'])((?:\\.|(?!\3)[^\\\n])*)\3/gi;
/** `<add key="Okta:ClientSecret" value="…"/>`: an element naming a setting by `key` (or `name`) and giving its `value`. */
const XML_KEY_VALUE = /(<[\w:.-]+\b[^<>]*?\b(?:key|name)\s*=\s*["'])([^"'<>]+)(["'][^<>]*?\bvalue\s*=\s*)(["'])([^"'<>]*)\4/gi;
/** `<entry key="password">…</entry>`: a setting named by `key`, its value the element's text. */
const XML_KEY_TEXT = /(<([\w:.-]+)\b[^<>]*?\bkey\s*=\s*["']([^"'<>]+)["'][^<>]*>)([^<\n]{1,500})(<\/\2>)/gi;
/** `"password", "…"` and `["password"] = "…"`: a quoted name, a comma (or `] =`), its quoted value. */
const NAMED_ARGUMENT = /(?<![:=]\s*)(["'])([A-Za-z_][\w-]*)\1(\s*(?:,|\]\s*=)\s*)(["'])((?:\\.|(?!\4)[^\\\n])*)\4(?!\s*:)/g;
/** Values that are themselves field names: `["password", "username"]` lists fields, it holds no secret. */
const FIELD_NAMES: ReadonlySet<string> = new Set(['username', 'user', 'login', 'email', 'name', 'id', 'type', 'value', 'key', 'code', 'token', 'password', 'status']);
/**
 * `\"name\": \"value\"` or `\"name\": 123`: a pair of JSON escaped once into a string. In the value, `\\\"` and
 * `\\\\` are the JSON's own escaped quote and backslash, `\\n`-style escapes its other escapes; `\"` ends it.
 */
const ESCAPED_PAIR = new RegExp(String.raw`\\"([A-Za-z_][\w-]*)\\"(\s*:\s*)(?:\\"((?:\\\\\\\\|\\\\\\"|\\\\[^"\\\n]|\\[^"\\\n]|[^\\\n])*)\\"|([^\s,\\{}[\]]+))`, 'g');
/** A JSON pair written with HTML entities for its quotes (`{&quot;password&quot;:&quot;…&quot;}`: a page's data attribute, a copy from a web page). */
const ENTITY_PAIR = /(&(?:quot|#34|#x22);)([A-Za-z_][\w-]*)\1(\s*:\s*)(?:\1((?:(?!&(?:quot|#34|#x22);)[^<>\n])*)\1|([\w.+-]+))/gi;
/**
 * A JSON pair inside a JavaScript string that escapes its quotes as `\x22` or `\u0022` (a page's inline
 * script: `'\x7B\x22password\x22\x3A\x22…\x22\x7D'`), the colon perhaps as `\x3A`.
 */
const JS_ESCAPED_PAIR = /(\\x22|\\u0022)([A-Za-z_][\w-]*)\1((?:\s|\\x20)*(?::|\\x3a|\\u003a)(?:\s|\\x20)*)(?:\1((?:(?!\\x22|\\u0022)[^\n'"<>])*)\1|([\w.+-]+))/gi;
/** A command-line flag and its value (`--password x`, `--http-password 'x'`, `--client-secret=x`, `-p x` is too short to name). */
const CLI_FLAG = /((?:^|\s)--?([A-Za-z][\w-]*)(?:=|\s+))(['"]?)([^\s'"]+)\3/g;
/** Python's basic auth: `auth=("user", "password")`, `HTTPBasicAuth('user', 'password')`; the second value is masked. */
const AUTH_TUPLE = /((?:\bauth\s*=\s*\(|\b(?:HTTPBasicAuth|HTTPDigestAuth|BasicAuth|DigestAuth)\()\s*(["'])[^"'\n]*\2\s*,\s*)(["'])((?:\\.|(?!\3)[^\\\n])*)\3/g;
/** A setter or builder call with a literal (`setPassword("…")`, `.clientSecret('…')`): the call names the value. */
const SETTER = /\.(?:set)?([A-Za-z_]\w*)\(\s*(["'])((?:\\.|(?!\2)[^\\\n])*)\2\s*\)/g;
/** A member expression (`res.data.stateToken`, `process.env.OKTA_PASSWORD`): code, where a script's object literal gives a value. */
export const CODE_PATH = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/;
/** Words that follow a flag's name in prose (`the --password flag is`), not a value given to it. */
const PROSE_WORDS: ReadonlySet<string> = new Set(['flag', 'flags', 'option', 'options', 'argument', 'arguments', 'parameter', 'parameters', 'switch', 'is', 'was', 'and', 'or', 'to', 'the', 'with', 'for', 'from', 'in', 'on', 'of', 'as', 'not', 'but', 'if', 'when', 'then']);
export const LITERALS: ReadonlySet<string> = new Set(['null', 'true', 'false', 'none', 'undefined', 'True', 'False', 'None']);

/**
 * The free-text rules of the one redactor: a pasted transcript, a console session, a curl command or a body
 * that is not JSON. Every value found is masked as its name says (see policy.ts); what is left is scanned for
 * value shapes (JWTs, Okta tokens, URLs with secrets) by the redactor's string rule.
 */
export function redactFreeText(redactor: Redactor, text: string, where: Where, ev: Evidence, hints: ProfileHints): string {
  const trimmed = text.trim();
  // A form's values are percent-encoded: `msg="{\"password\":…}"` is a log line holding JSON, not a form.
  if (FORM.test(trimmed) && !trimmed.includes(': ') && !trimmed.includes('\\"')) return text.replace(trimmed, redactor.formText(trimmed, where, ev, hints));
  let out = text.includes('\n') ? joinWrapped(redactor, text, where, ev, hints) : text;
  if (/:/.test(out)) out = out.replace(HEADER_LINE, (m, lead: string, name: string, sep: string, value: string, tail: string) =>
    value !== '' && HEADER_NAME.test(name) && isSecretHeader(name) ? `${lead}${name}${sep}${redactor.redactHeaderValue(name, value, 'request.header', ev)}${tail}` : m);
  if (/\]\s*=>/.test(out)) out = out.replace(PHP_ENTRY, (m, lead: string, name: string, sep: string, value: string) =>
    classifyField(name) && !/^(?:Array|stdClass Object)\s*$/.test(value) ? `${lead}${name}${sep}${redactor.redactField(name, value.trimEnd(), where, name, ev, hints)}` : m);
  if (/\$env:/i.test(out)) out = out.replace(PS_ENV, (m, lead: string, name: string, sep: string, q: string, value: string) =>
    classifyField(name) ? `${lead}${name}${sep}${q}${redactor.redactField(name, value, where, name, ev, hints)}${q}` : m);
  out = out.replace(PAIR, (m, quote: string | undefined, name: string, q2, sep: string, prefix: string, o1, v1, c1, o2, v2, c2, bare: string | undefined, offset: number, whole: string) => {
    const text = whole;
    const q1 = quote ?? '';
    // JSON inside a JSON string (`"data": "{\"password\": …}"`): unescaped, masked, escaped again.
    if (o1 === '"' && v1.includes('\\"') && !classifyField(name)) {
      const inner = unescape(v1);
      const masked = inner === null ? inner : redactFreeText(redactor, inner, where, ev, hints);
      return masked === null || masked === inner ? m : `${q1}${name}${q2}${sep}${prefix}"${JSON.stringify(masked).slice(1, -1)}"`;
    }
    // JSON in a single-quoted string, as Node prints an AxiosError's `config.data` (`data: '{"password":"…"}'`).
    if (o2 === "'" && v2.includes('"') && !classifyField(name)) {
      // Only the quote is unescaped and escaped again: `\r\n` and other escapes stay as they were written.
      const inner = v2.replace(/\\'/g, "'");
      const masked = redactFreeText(redactor, inner, where, ev, hints);
      return masked === inner ? m : `${q1}${name}${q2}${sep}${prefix}'${masked.replace(/(?<!\\)'/g, "\\'")}'`;
    }
    if (!classifyField(name)) return m;
    if (bare !== undefined) {
      // `password: hunter2` in a pasted object; `password=…` in a form is the form rule's.
      // `stateToken: res.data.stateToken` in a script is code naming where the value comes from, not the value.
      // A `name=value` inside a URL or form is the URL rule's (it keeps the encoding); one standing alone is a
      // command's item or flag (`http POST … password=x`, `wget --password=x`, `AUTH password=x`).
      // `password==""` is a comparison in code, not a value.
      // `password: |` opens a YAML block scalar: its value is on the lines under it (see sanitize/text.ts).
      // `"token:software:totp"`: a factorType, not a token (isColonJoinedWord).
      if (q2 === '' && isColonJoinedWord(classifyField(name), sep, bare)) return m;
      if (LITERALS.has(bare) || PROSE_WORDS.has(bare.toLowerCase()) || CODE_PATH.test(bare) || bare.startsWith('=') || /^[|>][-+]?\d?$/.test(bare) || (sep.includes('=') && !standsAlone(text, offset))) return m;
      return `${q1}${name}${q2}${sep}${prefix}${redactor.redactField(name, bare, where, name, ev, hints)}`;
    }
    const [open, value, close] = o1 !== undefined ? [o1, v1, c1] : [o2, v2, c2];
    if (!classifyField(name)) return m;
    return `${q1}${name}${q2}${sep}${prefix}${open}${redactor.redactField(name, value, where, name, ev, hints)}${close}`;
  });
  // JSON escaped into a string with no key before it (Ruby's `<- "{\"password\":\"…\"}"`, a log's message): pair by pair.
  if (out.includes('\\"')) out = out.replace(ESCAPED_PAIR, (m, name: string, sep: string, quoted: string | undefined, bare: string | undefined) => {
    if (!classifyField(name)) return m;
    if (quoted === undefined) return LITERALS.has(bare!) ? m : `\\"${name}\\"${sep}${redactor.redactField(name, bare!, where, name, ev, hints)}`;
    if (/^\[redacted |\*{4}#[0-9a-f]{12}$/.test(quoted)) return m;
    const once = quoted.replace(/\\(.)/g, '$1');
    const value = unescape(once) ?? once;
    return `\\"${name}\\"${sep}\\"${redactor.redactField(name, value, where, name, ev, hints)}\\"`;
  });
  // A name and its value as a call's arguments or a map's entry (`params.put("password", "…")`, `form.append('password',
  // '…')`, `headers.set("Authorization", "SSWS …")`, C#'s `{ "password", "…" }`, `os.environ["OKTA_PASSWORD"] = "…"`).
  if (/["'][A-Za-z_][\w-]*["']\s*(?:,|\]\s*=)/.test(out)) out = out.replace(NAMED_ARGUMENT, (m, q: string, name: string, sep: string, o: string, value: string) => {
    if (value === '' || classifyField(value) || FIELD_NAMES.has(value.toLowerCase())) return m;
    if (classifyField(name)) return `${q}${name}${q}${sep}${o}${redactor.redactField(name, value, where, name, ev, hints)}${o}`;
    return isSecretHeader(name) ? `${q}${name}${q}${sep}${o}${redactor.redactHeaderValue(name, value, 'request.header', ev)}${o}` : m;
  });
  // A key/value table (Postman's form-data copied as Markdown, Jira's `|password|…|`) and a tab-separated pair.
  if (/^\s*\|/.test(out)) out = out.replace(TABLE_ROW, (m, lead: string, name: string, sep: string, cell: string) => {
    const value = cell.trim();
    if (value === '' || !classifyField(name) || LITERALS.has(value)) return m;
    const at = cell.indexOf(value);
    return `${lead}${name}${sep}${cell.slice(0, at)}${redactor.redactField(name, value, where, name, ev, hints)}${cell.slice(at + value.length)}|`;
  });
  if (out.includes('\t')) out = out.replace(TAB_PAIR, (m, lead: string, name: string, sep: string, rest: string) => {
    const value = rest.trimEnd();
    if (!classifyField(name) || LITERALS.has(value)) return m;
    return `${lead}${name}${sep}${redactor.redactField(name, value, where, name, ev, hints)}${rest.slice(value.length)}`;
  });
  // Values that are passwords by where they stand: PowerShell's SecureString from plain text, a credential's second argument.
  if (/SecureString|Credential|Authentication/.test(out)) out = out.replace(PLAIN_PASSWORD, (_m, lead: string, _inner: string | undefined, q: string, value: string) => `${lead}${q}${redactor.redactField('password', value, where, 'password argument', ev, hints)}${q}`);
  // .NET appSettings and Java properties in XML: `<add key="Okta:ClientSecret" value="…"/>`, `<entry key="password">…</entry>`.
  if (/\bkey\s*=/.test(out)) {
    out = out.replace(XML_KEY_VALUE, (m, head: string, name: string, mid: string, q: string, value: string) => (classifyField(name) ? `${head}${name}${mid}${q}${redactor.redactField(name, value, where, name, ev, hints)}${q}` : m));
    out = out.replace(XML_KEY_TEXT, (m, open: string, _tag: string, name: string, value: string, close: string) => (classifyField(name) ? `${open}${redactor.redactField(name, value, where, name, ev, hints)}${close}` : m));
  }
  if (/&(?:quot|#34|#x22);/i.test(out)) out = out.replace(ENTITY_PAIR, (m, q: string, name: string, sep: string, quoted: string | undefined, bare: string | undefined) => {
    if (!classifyField(name)) return m;
    if (quoted !== undefined) return `${q}${name}${q}${sep}${q}${redactor.redactField(name, decodeEntities(quoted), where, name, ev, hints)}${q}`;
    return LITERALS.has(bare!) ? m : `${q}${name}${q}${sep}${redactor.redactField(name, bare!, where, name, ev, hints)}`;
  });
  if (/\\(?:x22|u0022)/i.test(out)) out = out.replace(JS_ESCAPED_PAIR, (m, q: string, name: string, sep: string, quoted: string | undefined, bare: string | undefined) => {
    if (!classifyField(name)) return m;
    if (quoted !== undefined) return `${q}${name}${q}${sep}${q}${redactor.redactField(name, decodeJsEscapes(quoted), where, name, ev, hints)}${q}`;
    return LITERALS.has(bare!) ? m : `${q}${name}${q}${sep}${redactor.redactField(name, bare!, where, name, ev, hints)}`;
  });
  if (/(?:^|\s)--?[A-Za-z]/.test(out)) out = out.replace(CLI_FLAG, (m, lead: string, name: string, q: string, value: string) => (classifyField(name) && !LITERALS.has(value) && !PROSE_WORDS.has(value.toLowerCase()) && !value.startsWith('-') ? `${lead}${q}${redactor.redactField(name, value, where, `--${name}`, ev, hints)}${q}` : m));
  if (/auth\s*=\s*\(|Auth\(/.test(out)) out = out.replace(AUTH_TUPLE, (_m, lead: string, _userQuote: string, q: string, pass: string) => `${lead}${q}${redactor.redactField('password', pass, where, 'auth tuple', ev, hints)}${q}`);
  if (/\.\w+\(\s*["']/.test(out)) out = out.replace(SETTER, (m, name: string, q: string, value: string) => {
    const field = name.charAt(0).toLowerCase() + name.slice(1);
    return classifyField(field) ? m.replace(`${q}${value}${q}`, `${q}${redactor.redactField(field, value, where, field, ev, hints)}${q}`) : m;
  });
  if (/\sto\s/.test(out)) out = out.replace(KOTLIN_PAIR, (m, q: string, name: string, sep: string, o: string, value: string) => (classifyField(name) ? `${q}${name}${q}${sep}${o}${redactor.redactField(name, value, where, name, ev, hints)}${o}` : m));
  if (out.includes('</')) out = out.replace(XML_VALUE, (m, tag: string, name: string, value: string) => (classifyField(name) ? `<${tag}>${redactor.redactField(name, value, where, name, ev, hints)}</${tag}>` : m));
  out = maskSecretBlocks(redactor, out, where, ev, hints).text;
  if (/<input\b/i.test(out)) out = out.replace(HTML_INPUT, (tag) => maskInput(redactor, tag, where, ev, hints));
  if (/form-data/i.test(out)) out = out.replace(MULTIPART, (m, lead: string, quoted: string | undefined, bare: string | undefined, value: string) => {
    const name = quoted ?? bare ?? '';
    return classifyField(name) ? `${lead}${redactor.redactField(name, value, where, name, ev, hints)}` : m;
  });
  // Prose that gives a secret (`my password is Hunter2x`, `the passcode was 551234`): masked when the value looks like one.
  if (PROSE_NAME.test(out)) out = out.replace(PROSE_SECRET, (m, lead: string, kind: string, quote: string | undefined, quoted: string | undefined, bare: string | undefined) => {
    const q = quote ?? '';
    const value = quoted ?? bare!;
    // An answer named as one (`my security answer is fluffy`) is the secret whatever it looks like.
    const named = /^(?:security|recovery) answer$/i.test(kind) && value.length >= 3 && !PROSE_WORDS.has(value.toLowerCase());
    if (!(q !== '' ? value.length >= 4 : named || secretLooking(value))) return m;
    const field = PROSE_FIELDS[kind.toLowerCase().replace(/[\s-]+/g, ' ')] ?? 'password';
    return `${lead}${q}${redactor.redactField(field, value, where, `${field} (prose)`, ev, hints)}${quoted !== undefined ? m.slice(-1) : ''}`;
  });
  out = out.replace(TYPED_CODE, (_m, label: string, sep: string, code: string) => `${label}${sep}${redactor.redactField('passCode', code, where, 'typed code', ev, hints)}`);
  if (/(?:^|\s)(?:-u|--user|-a|--auth|-U|--proxy-user|-b|--cookie|-E|--cert|--proxy-cert)\b/.test(out)) {
    out = out.replace(CURL_USER, (_m, lead: string, q: string, user: string, pass: string) => `${lead}${q}${user}:${redactor.redactField('password', pass, 'request.header', 'curl -u', ev, hints)}${q}`);
    out = out.replace(CURL_COOKIE, (_m, lead: string, q: string, jar: string) => `${lead}${q}${redactor.redactHeaderValue('cookie', jar, 'request.header', ev)}${q}`);
    out = out.replace(CURL_CERT, (_m, lead: string, q: string, file: string, pass: string) => `${lead}${q}${file}:${redactor.redactField('password', pass, 'request.header', 'curl -E', ev, hints)}${q}`);
    if (/(?:^|\s)(?:-A\s*|--auth-type[\s=]*)bearer\b/i.test(out)) out = out.replace(HTTPIE_BEARER, (_m, lead: string, q: string, token: string) => `${lead}${q}${redactor.redactHeaderValue('authorization', token, 'request.header', ev)}${q}`);
  }
  return redactor.redactString(out, where, ev, hints);
}

/** `<input name="code" value="…">` in either attribute order: the value masked as its name says. */
function maskInput(redactor: Redactor, tag: string, where: Where, ev: Evidence, hints: ProfileHints): string {
  const name = /\bname\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
  if (!name || !classifyField(name)) return tag;
  return tag.replace(/(\bvalue\s*=\s*)(["'])([^"']*)\2/i, (_m, lead: string, q: string, value: string) => `${lead}${q}${redactor.redactField(name, decodeEntities(value), where, name, ev, hints)}${q}`);
}

/** A JavaScript string's `\xHH` and `\uHHHH` escapes decoded (a value of JS_ESCAPED_PAIR). */
function decodeJsEscapes(value: string): string {
  return value.replace(/\\x([0-9a-f]{2})|\\u([0-9a-f]{4})/gi, (_m, x: string | undefined, u: string | undefined) => String.fromCharCode(parseInt(x ?? u!, 16)));
}

function decodeEntities(value: string): string {
  return value
    .replace(/&(?:quot|#34|#x22);/gi, '"')
    .replace(/&(?:apos|#39|#x27);/gi, "'")
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&#x2d;|&#45;/gi, '-')
    .replace(/&amp;/gi, '&');
}

function unescape(value: string): string | null {
  try {
    return JSON.parse(`"${value}"`) as string;
  } catch {
    return null;
  }
}

/** `"password": {` or `ANSWER: [`: a secret's name opening an object or array (not the `[redacted …]` a bare value was just masked as). */
const SECRET_OPEN = /(?<![\w-])(["“”']?)([A-Za-z_][\w-]*)\1\s*:\s*(?=[[{])(?!\[redacted )/g;
const LEAF = /(["“”'])((?:\\.|(?!\1)[^\\\n])*)\1|(?<![\w.])([^\s,:'"“”{}[\]]+)/g;

/**
 * Masks every leaf of a bracketed value in a text, from `from` with `depth` brackets already open (a pasted
 * object spans lines: the caller carries the depth to the next line). Returns the text and the depth left.
 */
export function maskUnderSecret(redactor: Redactor, text: string, from: number, depth: number, field: string, where: Where, ev: Evidence, hints: ProfileHints, header = false): { text: string; depth: number; end: number } {
  const maskLeaf = (value: string) => (header ? redactor.redactHeaderValue(field, value, 'request.header', ev) : redactor.redactField(field, value, where, field, ev, hints));
  let i = from;
  let quote = '';
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (--depth <= 0) {
        i++;
        break;
      }
    }
  }
  const inner = text.slice(from, i).replace(LEAF, (m, q: string | undefined, quoted: string | undefined, bare: string | undefined) => {
    if (q !== undefined) return `${q}${maskLeaf(quoted!)}${q}`;
    if (bare === undefined || LITERALS.has(bare)) return m;
    const masked = maskLeaf(bare);
    return masked === bare ? m : JSON.stringify(masked);
  });
  return { text: text.slice(0, from) + inner + text.slice(i), depth: Math.max(depth, 0), end: from + inner.length };
}

/** Every `secret: [..]` / `secret: {..}` that opens in `text`; `open` is set when one is still open at the end. */
export function maskSecretBlocks(redactor: Redactor, text: string, where: Where, ev: Evidence, hints: ProfileHints): { text: string; open: { field: string; depth: number } | null } {
  if (!/[[{]/.test(text)) return { text, open: null };
  let out = text;
  SECRET_OPEN.lastIndex = 0;
  for (let m = SECRET_OPEN.exec(out); m; m = SECRET_OPEN.exec(out)) {
    // A secret's name, or a secret header's (`"authorization": ["Bearer …"]`, a client's header arrays).
    const header = !classifyField(m[2]);
    if (header && !isSecretHeader(m[2])) continue;
    const r = maskUnderSecret(redactor, out, SECRET_OPEN.lastIndex, 0, m[2], where, ev, hints, header);
    out = r.text;
    if (r.depth > 0) return { text: out, open: { field: m[2], depth: r.depth } };
    SECRET_OPEN.lastIndex = r.end;
  }
  return { text: out, open: null };
}

/** Whether the pair at `offset` stands alone: at the start, after white space, a flag's dashes or a bracket; not inside a URL or form. */
function standsAlone(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const before = text[offset - 1];
  return before === ' ' || before === '\t' || before === '\n' || before === '-' || before === '(' || before === ',';
}

/** A quoted secret a paste wrapped onto the next line (`"password": "first half` / `second half",`). */
const WRAPPED = /(["“”'])([A-Za-z_][\w-]*)\1(\s*:\s*)"([^"\n]*)\r?\n[ \t]*([^"\n:{}[\]]{1,200})"(?=\s*(?:[,}\]]|$))/gm;

/** Joins and masks a secret's value that a line wrap split, before the pair rule sees only its first half. */
function joinWrapped(redactor: Redactor, text: string, where: Where, ev: Evidence, hints: ProfileHints): string {
  return text.replace(WRAPPED, (m, q: string, name: string, sep: string, first: string, second: string) => (classifyField(name) ? `${q}${name}${q}${sep}"${redactor.redactField(name, first + second, where, name, ev, hints)}"` : m));
}
