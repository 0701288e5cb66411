/**
 * Python dict / pprint output, Ruby hashes and JavaScript object literals, as people print them instead of
 * JSON: single-quoted strings (with a `u` prefix), `True`/`False`/`None`, Ruby's `=>` and `nil`. Rewritten to JSON spelling outside
 * double-quoted strings; unquoted keys and trailing commas are left to jsonrepair.
 */
export function pythonToJson(text: string): string {
  return mayBePython(text) ? rewritePython(text) : text;
}

/** pythonToJson's rewrite, made whether or not the text looks like Python. */
export function rewritePython(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = closing(text, i, '"');
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === "'" || (c === 'u' && text[i + 1] === "'" && !/[\w]/.test(text[i - 1] ?? ''))) {
      const start = c === 'u' ? i + 1 : i;
      const end = closing(text, start, "'");
      const inner = text.slice(start + 1, end).replace(/\\'/g, "'").replace(/"/g, '\\"');
      out += `"${inner}"`;
      i = end;
    } else {
      const word = /^(True|False|None|nil)\b/.exec(text.slice(i, i + 5));
      // Not Go's `<nil>`, which goValueToJson reads.
      if (word && !/[\w<]/.test(text[i - 1] ?? '')) {
        out += word[1] === 'True' ? 'true' : word[1] === 'False' ? 'false' : 'null';
        i += word[1]!.length - 1;
      } else if (c === '=' && text[i + 1] === '>') {
        out += ':';
        i++;
      } else out += c;
    }
  }
  return out;
}

/** Whether pythonToJson may change the text: a single-quoted string, a Python or Ruby constant, or a Ruby `"key" =>`. */
export function mayBePython(text: string): boolean {
  return /(?:^|[{[,:\s])u?'|(?<!<)\b(?:True|False|None|nil)\b|["']\s*=>/.test(text);
}

/** Index of the quote closing the string opened at `start`, or the end of its line when it never closes. */
function closing(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n') return i - 1;
  }
  return text.length - 1;
}

/** A bare key (`{ id: 1 }`) as jsonrepair reads one: a name, maybe spaces, then the colon. */
const BARE_KEY = /[A-Za-z_$][\w$]*(?=[ \t\r\n]*:)/y;
const JSON_SPACE = /[ \t\r\n]/;

/**
 * The two repairs long pastes need most, in one pass: commas before a closing bracket dropped and bare keys
 * quoted, outside strings. Returns the text when that makes it JSON and jsonrepair would give the same
 * value (it copies its whole output for each such repair: quadratic on a long document), else null. Not
 * when a string holds an opening bracket: jsonrepair may then take the string's closing quote before a
 * closing bracket for a stray one.
 */
export function commonRepairs(text: string): string | null {
  let out = '';
  let from = 0;
  // The last character outside strings opened an object or separated members: a key may follow.
  let keyMayFollow = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i = stringEnd(text, i);
      if (i < 0) return null;
      keyMayFollow = false;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && JSON_SPACE.test(text[j]!)) j++;
      keyMayFollow = text[j] !== '}' && text[j] !== ']';
      if (!keyMayFollow) {
        out += text.slice(from, i);
        from = i + 1;
      }
    } else if (c === '{') keyMayFollow = true;
    else if (JSON_SPACE.test(c)) continue;
    else {
      BARE_KEY.lastIndex = i;
      const key = keyMayFollow ? BARE_KEY.exec(text)?.[0] : undefined;
      keyMayFollow = false;
      if (key === undefined || key === 'undefined') continue;
      out += `${text.slice(from, i)}"${key}"`;
      from = i + key.length;
      i = from - 1;
    }
  }
  if (from === 0) return null;
  const repaired = out + text.slice(from);
  try {
    JSON.parse(repaired);
    return repaired;
  } catch {
    return null;
  }
}

/** Index of the quote closing the JSON string opened at `start`; -1 when it does not close or holds `[`, `{`, `(`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
    else if (c === '[' || c === '{' || c === '(') return -1;
  }
  return -1;
}

/**
 * Go's `%+v` of a struct (`{Username:a@b.com Password:… Options:{WarnBeforePasswordExpired:true}}`, `&{…}`
 * for a pointer) and of a map (`map[password:… username:…]`), as a Go client's debug log prints a request,
 * rewritten as JSON: field names with their first letter lower-cased (the JSON names Go's tags give them,
 * `StateToken` -> `stateToken`), `true`/`false`, numbers, `<nil>` as null, everything else a string. A value
 * runs to the next ` Name:` or to the closing bracket. Null when the text is not written that way.
 */
export function goValueToJson(text: string): string | null {
  const t = text.trim();
  if (!/^(?:&?\{[A-Za-z_]\w*:|map\[[\w-]+:)/.test(t) || t.includes('"')) return null;
  const at = { i: 0 };
  const value = goComposite(t, at);
  return value !== undefined && at.i === t.length ? JSON.stringify(value) : null;
}

/** A struct or map at `at.i` (moved past it), or undefined when it does not close. */
function goComposite(t: string, at: { i: number }): Record<string, unknown> | undefined {
  if (t.startsWith('&', at.i)) at.i++;
  const map = t.startsWith('map[', at.i);
  if (!map && t[at.i] !== '{') return undefined;
  at.i += map ? 4 : 1;
  const close = map ? ']' : '}';
  const out: Record<string, unknown> = Object.create(null);
  for (;;) {
    while (t[at.i] === ' ') at.i++;
    if (at.i >= t.length) return undefined;
    if (t[at.i] === close) {
      at.i++;
      return out;
    }
    const key = /[A-Za-z_][\w-]*(?=:)/y;
    key.lastIndex = at.i;
    const m = key.exec(t);
    if (!m) return undefined;
    at.i += m[0].length + 1;
    const name = map ? m[0] : m[0][0]!.toLowerCase() + m[0].slice(1);
    if (/^(?:&?\{[A-Za-z_]\w*:|map\[[\w-]+:|\{\}|map\[\])/.test(t.slice(at.i, at.i + 40))) {
      const inner = goComposite(t, at);
      if (inner === undefined) return undefined;
      out[name] = inner;
      continue;
    }
    // The value runs to the next ` Name:` at this level or to the closing bracket.
    let end = at.i;
    while (end < t.length && t[end] !== close && !(t[end] === ' ' && /^ [A-Za-z_][\w-]*:/.test(t.slice(end, end + 64)))) end++;
    out[name] = goScalar(t.slice(at.i, end));
    at.i = end;
  }
}

function goScalar(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === '<nil>') return null;
  if (/^-?\d+(?:\.\d+)?$/.test(text) && text.length < 16) return Number(text);
  return text;
}

/**
 * Java's and Kotlin's `toString()` of a map (`{stateToken=00ab…, status=MFA_REQUIRED, _embedded={user={id=00u1}},
 * factors=[{id=sms1}]}`), as a Spring or SDK client logs a response body it decoded into a `Map`, rewritten as
 * JSON: `null`, `true`/`false` and numbers as such, everything else a string. A value runs to the next
 * `, name=` at its level or to the closing bracket. Null when the text is not written that way.
 */
export function javaMapToJson(text: string): string | null {
  const t = text.trim();
  if (!/^\{[\w$-]+=/.test(t) || t.includes('"')) return null;
  const at = { i: 0 };
  const value = javaValue(t, at, '}');
  return value !== undefined && at.i === t.length && typeof value === 'object' ? JSON.stringify(value) : null;
}

/** A map (`{…}`), a list (`[…]`) or a scalar at `at.i` (moved past it) ending before `close`; undefined when it does not close. */
function javaValue(t: string, at: { i: number }, close: string): unknown {
  const open = t[at.i];
  if (open === '{' && (t[at.i + 1] === '}' || /^\{[\w$-]+=/.test(t.slice(at.i, at.i + 64)))) {
    at.i++;
    const out: Record<string, unknown> = Object.create(null);
    if (t[at.i] === '}') {
      at.i++;
      return out;
    }
    for (;;) {
      const key = /[\w$-]+(?==)/y;
      key.lastIndex = at.i;
      const m = key.exec(t);
      if (!m) return undefined;
      at.i += m[0].length + 1;
      const v = javaValue(t, at, '}');
      if (v === undefined) return undefined;
      out[m[0]] = v;
      if (t.startsWith(', ', at.i)) at.i += 2;
      else if (t[at.i] === '}') {
        at.i++;
        return out;
      } else return undefined;
    }
  }
  // `[hidden]`, `[REDACTED]`: a poster's mask in place of a value, not a list of one word.
  const mask = open === '[' ? /^\[(?:redacted|hidden|masked|removed|filtered|omitted)\b[^\][,]*\]/i.exec(t.slice(at.i, at.i + 64)) : null;
  if (mask) {
    at.i += mask[0].length;
    return mask[0];
  }
  if (open === '[') {
    at.i++;
    const list: unknown[] = [];
    if (t[at.i] === ']') {
      at.i++;
      return list;
    }
    for (;;) {
      const v = javaValue(t, at, ']');
      if (v === undefined) return undefined;
      list.push(v);
      if (t.startsWith(', ', at.i)) at.i += 2;
      else if (t[at.i] === ']') {
        at.i++;
        return list;
      } else return undefined;
    }
  }
  // A scalar runs to its closing bracket or to the next `, name=` (in a map) or `, ` (in a list).
  let end = at.i;
  const next = close === '}' ? /^, [\w$-]+=/ : /^, /;
  while (end < t.length && t[end] !== close && !(t[end] === ',' && next.test(t.slice(end, end + 64)))) end++;
  const text = t.slice(at.i, end);
  at.i = end;
  if (text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(?:\.\d+)?$/.test(text) && text.length < 16) return Number(text);
  return text;
}
