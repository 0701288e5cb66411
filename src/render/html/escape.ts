const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value in the report is evidence from the wild: escaped for text and attribute positions alike. */
export function esc(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Lone surrogates and C0 controls would make the file invalid UTF-8 text or confuse the parser.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** Markup that is already safe: made by `html` (or `raw` for the report's own constant stylesheet). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Only for constants of the report itself, never for a value from the evidence. */
export function raw(markup: string): Html {
  return new Html(markup);
}

function part(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  if (value === false || value === null || value === undefined) return '';
  return esc(value);
}

/** A tagged template that escapes every interpolation unless it is already `Html`; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1];
  });
  return new Html(out);
}

/** Escaped text that may break after `/`, `:` and `#` (paths and source refs in narrow table cells). */
export function breakable(value: string): Html {
  return new Html(esc(value).replace(/([/:#])/g, '$1<wbr>'));
}

/** A token for a CSS class or id built from evidence (`sev-high`, `status-MFA_REQUIRED`). */
export function cssToken(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}
