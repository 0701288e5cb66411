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
