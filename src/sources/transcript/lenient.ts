/**
 * Python dict / pprint output and JavaScript object literals, as people print them instead of JSON:
 * single-quoted strings (with a `u` prefix), `True`/`False`/`None`. Rewritten to JSON spelling outside
 * double-quoted strings; unquoted keys and trailing commas are left to jsonrepair.
 */
export function pythonToJson(text: string): string {
  if (!/(?:^|[{[,:\s])u?'|\b(?:True|False|None)\b/.test(text)) return text;
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
      const word = /^(True|False|None)\b/.exec(text.slice(i));
      if (word && !/[\w]/.test(text[i - 1] ?? '')) {
        out += word[1] === 'True' ? 'true' : word[1] === 'False' ? 'false' : 'null';
        i += word[1]!.length - 1;
      } else out += c;
    }
  }
  return out;
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
