import { plainValue, scanCode, ScriptReader, type ScriptScope, shown, Unknown } from './script-values.js';

/**
 * The values of a pasted Node.js script, as far as the paste shows them: literals, object literals as people
 * write them (unquoted keys, single quotes, trailing commas, shorthand, spread), template literals, string
 * sums, names set earlier, `process.env.X` (never in the paste), and what earlier calls returned
 * (`res.data.stateToken`, `(await res.json()).stateToken`, `data._embedded.factors[0].id`).
 */

/** What an earlier call returned: axios's `res.data` and fetch's `await res.json()` are its body, `res.status` its status. */
export class NodeResponse {
  constructor(
    readonly body: unknown,
    readonly status: number | null,
  ) {}
}

/** `axios` itself, whose `.create(config)` makes an instance. */
export const AXIOS = Symbol('axios');

/** `axios.create({ baseURL, headers })`: what each call of the instance starts from. */
export class AxiosInstance {
  constructor(readonly config: Record<string, unknown>) {}
}

/** `new URLSearchParams({…})`: a form-encoded body. */
export class FormBody {
  constructor(readonly text: string) {}
}

/** Reads JavaScript expressions; what it cannot follow (operators it does not know, arrow functions) is Unknown. */
export class NodeReader extends ScriptReader {
  /** A sum, then `|| default` / `?? default`: a default the paste shows stands in for a value it does not. */
  expression(): unknown {
    let value = this.add();
    for (;;) {
      this.space();
      const op = /^(?:\|\||\?\?)/.exec(this.s.slice(this.i, this.i + 2));
      if (!op) return value;
      this.i += 2;
      const other = this.add();
      if (value instanceof Unknown || (op[0] === '||' && !value)) value = other;
    }
  }

  /** `a + b`: strings join, numbers add; with an unknown side the sum is text holding its placeholder (`{{OKTA}}/api/v1/authn`). */
  private add(): unknown {
    return this.sum((a, b) => (typeof a === 'number' && typeof b === 'number' ? a + b : textOf(a) + textOf(b)));
  }

  /**
   * An atom and its `.name`, `?.name`, `[key]` and `(…)` parts (TypeScript's `!` and `as Type` passed over); an
   * unknown result is named by the code that wrote it (`res.data.stateToken`), its arguments shown as `(…)`.
   */
  protected term(): unknown {
    this.space();
    while (/^(?:await|new|typeof|void)\s/.test(this.s.slice(this.i))) {
      this.i = this.s.indexOf(' ', this.i) + 1;
      this.space();
    }
    const start = this.i;
    let value = this.atom();
    let text = value instanceof Unknown ? value.text : this.s.slice(start, this.i);
    for (;;) {
      const at = this.i;
      this.space();
      const rest = this.s.slice(this.i);
      const find = /^\??\.find\(\s*\(?([\w$]+)\)?\s*=>\s*\1\.([\w$]+)\s*===?\s*(['"])(.*?)\3\s*\)/.exec(rest);
      const dot = /^\??\.([\w$]+)/.exec(rest);
      const typed = /^(?:!(?!=)|as\s+[\w$.]+(?:<[^>]*>)?(?:\[\])?)/.exec(rest);
      if (typed) {
        this.i += typed[0].length;
        continue;
      } else if (find) {
        this.i += find[0].length;
        value = Array.isArray(value) ? (value.find((x) => x && typeof x === 'object' && (x as Record<string, unknown>)[find[2]!] === find[4]) ?? new Unknown('')) : new Unknown('');
        text += `.find(${find[1]} => ${find[1]}.${find[2]} === ${find[3]}${find[4]}${find[3]})`;
      } else if (dot) {
        this.i += dot[0].length;
        this.space();
        const args = this.s[this.i] === '(' ? this.callArgs() : null;
        value = attribute(value, dot[1]!, args);
        text += `.${dot[1]}${args === null ? '' : args.length > 0 ? '(…)' : '()'}`;
      } else if (rest.startsWith('[') || rest.startsWith('?.[')) {
        this.i += rest.startsWith('[') ? 1 : 3;
        const key = this.expression();
        this.space();
        if (this.s[this.i] === ']') this.i++;
        value = memberOf(value, key);
        text += typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(textOf(key))}]`;
      } else {
        this.i = at;
        return value;
      }
      if (value instanceof Unknown) value = new Unknown(text);
    }
  }

  /** `(a, b)`: the arguments; one that is a function (`r => …`) is skipped. */
  callArgs(): unknown[] {
    return this.argumentList((args) => {
      if (/^(?:async\s+)?(?:\([^()]*\)|[\w$]+)\s*=>|^(?:async\s+)?function\b/.test(this.s.slice(this.i))) {
        this.skipItem();
        args.push(new Unknown('function'));
      } else args.push(this.item());
    });
  }

  private atom(): unknown {
    const c = this.peek();
    const s = this.s;
    if (c === undefined) return new Unknown('…');
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '(') {
      this.i++;
      const v = this.expression();
      this.space();
      if (s[this.i] === ')') this.i++;
      return v;
    }
    if (c === '"' || c === "'") return this.string();
    if (c === '`') return this.template();
    const number = this.number();
    if (number !== null) return number;
    const name = /^[A-Za-z_$][\w$]*/.exec(s.slice(this.i));
    if (!name) {
      this.i++;
      return new Unknown(c);
    }
    this.i += name[0].length;
    const word = name[0];
    const literals: Record<string, unknown> = { true: true, false: false, null: null, undefined: null };
    if (word in literals) return literals[word];
    if (word === 'process') {
      // process.env.X, process.env['X']: set where the script ran, not in the paste.
      const env = /^\.env(?:\.([\w$]+)|\[\s*(['"])([\w$]+)\2\s*\])/.exec(s.slice(this.i));
      if (env) {
        this.i += env[0].length;
        return new Unknown(`process.env.${env[1] ?? env[3]}`);
      }
    }
    if (word === 'axios') return AXIOS;
    if (this.s[this.i] === '(' && GLOBALS[word]) return GLOBALS[word](this.callArgs());
    if (word === 'JSON' && /^\.(?:stringify|parse)\(/.test(s.slice(this.i))) {
      const fn = s.slice(this.i + 1, s.indexOf('(', this.i));
      this.i += fn.length + 1;
      const args = this.callArgs();
      return fn === 'stringify' ? stringify(args[0]) : parse(args[0]);
    }
    return this.scope.get(word);
  }

  /** One value in an object, array or argument list; what is not read as a value is skipped up to the next item. */
  private item(): unknown {
    const v = this.expression();
    this.space();
    if (this.i < this.s.length && !/[,)}\]]/.test(this.s[this.i]!)) {
      this.skipItem();
      return new Unknown('…');
    }
    return v;
  }

  private object(): unknown {
    const out: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.separators();
      const s = this.s;
      if (s[this.i] === '}' || this.i >= s.length) break;
      if (s[this.i] === ')' || s[this.i] === ']') return out;
      if (s.startsWith('...', this.i)) {
        this.i += 3;
        const spread = plain(this.item());
        if (spread && typeof spread === 'object' && !Array.isArray(spread)) Object.assign(out, spread);
        continue;
      }
      let key: string;
      const c = s[this.i]!;
      if (c === '"' || c === "'" || c === '`') key = textOf(this.atom());
      else if (c === '[') {
        this.i++;
        key = textOf(this.expression());
        this.space();
        if (s[this.i] === ']') this.i++;
      } else {
        const name = /^[\w$]+/.exec(s.slice(this.i));
        if (!name) {
          // Code an object literal can hold but the reader does not (a getter, `#x`): passed over, always by a character at least.
          const at = this.i;
          this.skipItem();
          if (this.i === at) this.i++;
          continue;
        }
        key = name[0];
        this.i += key.length;
      }
      this.space();
      if (s[this.i] === ':') {
        this.i++;
        out[key] = this.item();
      } else if (s[this.i] === '(') this.skipItem();
      else out[key] = this.scope.get(key);
    }
    this.i++;
    return out;
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.separators();
      if (this.s[this.i] === ']' || this.i >= this.s.length) break;
      out.push(this.item());
    }
    this.i++;
    return out;
  }

  private string(): string {
    const quote = this.s[this.i]!;
    let out = '';
    for (this.i++; this.i < this.s.length && this.s[this.i] !== quote; this.i++) {
      const c = this.s[this.i]!;
      out += c === '\\' ? escaped(this.s[++this.i] ?? '') : c;
    }
    this.i++;
    return out;
  }

  /** `${OKTA}/api/v1/authn`: each `${…}` read as an expression; one the paste does not show becomes its placeholder. */
  private template(): string {
    let out = '';
    for (this.i++; this.i < this.s.length && this.s[this.i] !== '`'; this.i++) {
      const c = this.s[this.i]!;
      if (c === '\\') out += escaped(this.s[++this.i] ?? '');
      else if (c === '$' && this.s[this.i + 1] === '{') {
        this.i += 2;
        out += textOf(this.expression());
        // What the reader did not follow (`${a ? b : c}`) up to the closing brace.
        while (this.i < this.s.length && this.s[this.i] !== '}') this.i++;
      } else out += c;
    }
    this.i++;
    return out;
  }

  /** Skips to the next `,` or closing bracket at this level (strings and nested brackets passed over). */
  private skipItem(): void {
    this.i = scanCode(this.s, this.i, (c, depth) => depth === 0 && /[,)}\]]/.test(c));
  }

  protected space(): void {
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
      if (!this.comment()) return;
    }
  }

  protected separators(): void {
    for (;;) {
      while (this.i < this.s.length && /[\s,;]/.test(this.s[this.i]!)) this.i++;
      if (!this.comment()) return;
    }
  }

  /** Skips a `// …` or `/* … *\/` comment at the cursor; false when there is none. */
  private comment(): boolean {
    if (this.s.startsWith('//', this.i)) {
      const end = this.s.indexOf('\n', this.i);
      this.i = end < 0 ? this.s.length : end;
      return true;
    }
    if (this.s.startsWith('/*', this.i)) {
      const end = this.s.indexOf('*/', this.i + 2);
      this.i = end < 0 ? this.s.length : end + 2;
      return true;
    }
    return false;
  }
}

function escaped(c: string): string {
  return c === 'n' ? '\n' : c === 't' ? '\t' : c;
}

/** Global functions a script builds values with: `String(x)`, `encodeURIComponent(x)`, `URLSearchParams` and `Headers`. */
const GLOBALS: Record<string, (args: unknown[]) => unknown> = {
  String: (args) => textOf(args[0]),
  encodeURIComponent: (args) => (args[0] instanceof Unknown ? args[0] : encodeURIComponent(textOf(args[0]))),
  URLSearchParams: (args) => {
    const fields = plain(args[0]);
    if (typeof fields === 'string') return new FormBody(fields.replace(/^\?/, ''));
    if (!fields || typeof fields !== 'object') return new Unknown('new URLSearchParams(…)');
    return new FormBody(new URLSearchParams(Object.entries(fields as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString());
  },
  Headers: (args) => args[0] ?? {},
};

/** `JSON.stringify(x)`: its text; of a value the paste does not show, the placeholder. */
function stringify(value: unknown): unknown {
  return value instanceof Unknown ? value : JSON.stringify(plain(value));
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return new Unknown('JSON.parse(…)');
  }
}

/** A string as it is, anything else as JSON, an unknown as its placeholder. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Unknown) return shown(value.text);
  if (value instanceof FormBody) return value.text;
  return JSON.stringify(plain(value)) ?? '';
}

/** `x[key]`, `x.key`: the value, or Unknown (renamed by NodeReader.term after the code that wrote it). */
function memberOf(value: unknown, key: unknown): unknown {
  if (Array.isArray(value) && typeof key === 'number') return value[key] ?? new Unknown('');
  if (value && typeof value === 'object' && !(value instanceof Unknown) && typeof key === 'string' && Object.hasOwn(value, key)) return (value as Record<string, unknown>)[key];
  return new Unknown('');
}

function attribute(value: unknown, name: string, args: unknown[] | null): unknown {
  if (value === AXIOS && name === 'create') {
    const config = plain(args?.[0]);
    return new AxiosInstance(config && typeof config === 'object' ? (config as Record<string, unknown>) : {});
  }
  if (value instanceof NodeResponse) {
    if (name === 'data' || name === 'json') return value.body ?? new Unknown('');
    if (name === 'status') return value.status ?? new Unknown('');
    if (name === 'text') return typeof value.body === 'string' ? value.body : value.body === null ? new Unknown('') : JSON.stringify(value.body);
    if (name === 'ok') return value.status === null ? new Unknown('') : value.status < 400;
  }
  if (typeof value === 'string' && args !== null && (name === 'toString' || name === 'trim')) return name === 'trim' ? value.trim() : value;
  if (args !== null) return new Unknown('');
  if (name === 'length' && (typeof value === 'string' || Array.isArray(value))) return value.length;
  return memberOf(value, name);
}

/** A value as JSON sees it (see plainValue); a response stands for its body, a form for its text. */
export function plain(value: unknown): unknown {
  return plainValue(value, (v) => (v instanceof NodeResponse ? v.body : v instanceof FormBody ? v.text : v === AXIOS ? new Unknown('axios') : v instanceof AxiosInstance ? v.config : v));
}

export function evaluateNode(text: string, scope: ScriptScope): unknown {
  return new NodeReader(text, scope).expression();
}
