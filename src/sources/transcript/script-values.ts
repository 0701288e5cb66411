/**
 * What the script readers (powershell.ts, python-requests.ts) share: a value the paste does not show, its
 * placeholder, and values turned into what JSON holds.
 */

/** A value the paste does not give: a variable never set in it, a property or key it does not show. */
export class Unknown {
  constructor(readonly text: string) {}
}

/**
 * What the paste does not give, as the placeholder `{{$r.stateToken}}`: read as a placeholder, not a secret
 * shown in clear (see isMaskedValue), and a template base URL (`{{$okta}}/api/v1/authn`) as such.
 */
export function shown(expression: string): string {
  return `{{${expression}}}`;
}

/** A value as JSON sees it, unknowns as their placeholders; `unwrap` first turns a reader's own objects into values. */
export function plainValue(value: unknown, unwrap: (value: unknown) => unknown = (v) => v): unknown {
  const v = unwrap(value);
  if (v instanceof Unknown) return shown(v.text);
  if (Array.isArray(v)) return v.map((x) => plainValue(x, unwrap));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainValue(x, unwrap)]));
  return v;
}

/** Names set in the paste, in order: later statements see earlier ones; a name never set is Unknown. */
export class ScriptScope {
  private readonly names = new Map<string, unknown>();

  set(name: string, value: unknown): void {
    this.names.set(name, value);
  }

  get(name: string): unknown {
    return this.names.has(name) ? this.names.get(name) : new Unknown(name);
  }
}

/** What the script readers' expression readers share: the text, the cursor, the scope, and `a + b`. */
export abstract class ScriptReader {
  i = 0;
  constructor(
    protected readonly s: string,
    protected readonly scope: ScriptScope,
  ) {}

  protected abstract term(): unknown;
  protected abstract space(): void;
  /** Past white space, comments and the language's separators between items (`,`). */
  protected abstract separators(): void;

  /**
   * `(a, b)` at the cursor: each argument read by `one`, which pushes what it keeps onto the list, up to the
   * closing parenthesis (or the end of the text), and past it.
   */
  protected argumentList(one: (args: unknown[]) => void): unknown[] {
    const args: unknown[] = [];
    this.i++;
    for (;;) {
      this.separators();
      if (this.s[this.i] === ')' || this.i >= this.s.length) break;
      one(args);
    }
    this.i++;
    return args;
  }

  /** The character at the cursor after white space; undefined at the end. */
  protected peek(): string | undefined {
    this.space();
    return this.s[this.i];
  }

  /** Terms joined by `+` (not `++` or `+=`), each pair combined by `add` as the language adds them. */
  protected sum(add: (a: unknown, b: unknown) => unknown): unknown {
    let value = this.term();
    for (;;) {
      this.space();
      if (this.s[this.i] !== '+' || this.s[this.i + 1] === '+' || this.s[this.i + 1] === '=') return value;
      this.i++;
      value = add(value, this.term());
    }
  }

  /** A number literal at the cursor (`-1`, `2.5`), read past; null when there is none. */
  protected number(): number | null {
    const m = /^-?\d+(?:\.\d+)?/.exec(this.s.slice(this.i));
    if (!m) return null;
    this.i += m[0].length;
    return Number(m[0]);
  }
}

/**
 * How much a line opens brackets ({ and [, and ( in code) minus what it closes; strings skipped. `comment`
 * (`#`, `//`) marks code and where its comment starts; without it the line is printed output.
 */
export function bracketDepth(text: string, comment: '#' | '//' | null = null): number {
  let depth = 0;
  scanCode(text, 0, (c, _, i) => {
    if (comment !== null && text.startsWith(comment, i)) return true;
    if (c === '{' || c === '[' || (comment !== null && c === '(')) depth++;
    else if (c === '}' || c === ']' || (comment !== null && c === ')')) depth--;
    return false;
  });
  return depth;
}

/**
 * Walks `text` from `from`, strings (', ", `) passed over: `stop` sees each other character with the bracket
 * depth before it and its index; the index where it said stop, or the text's length.
 */
export function scanCode(text: string, from: number, stop: (c: string, depth: number, at: number) => boolean): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (stop(c, depth, i)) return i;
    else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
  }
  return text.length;
}

/** Index just after the line where a statement's brackets close (see bracketDepth); `limit` if they never do. */
export function closingLine(lines: readonly { text: string }[], start: number, limit: number, comment: '#' | '//'): number {
  let depth = 0;
  for (let i = start; i < limit; i++) {
    depth += bracketDepth(lines[i]!.text, comment);
    if (depth <= 0) return i + 1;
  }
  return limit;
}
