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

/**
 * How much a line opens brackets ({ and [, and ( in code) minus what it closes; strings skipped. `comment`
 * (`#`, `//`) marks code and where its comment starts; without it the line is printed output.
 */
export function bracketDepth(text: string, comment: '#' | '//' | null = null): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (comment !== null && text.startsWith(comment, i)) break;
    else if (c === '{' || c === '[' || (comment !== null && c === '(')) depth++;
    else if (c === '}' || c === ']' || (comment !== null && c === ')')) depth--;
  }
  return depth;
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
