/**
 * JSON hard-wrapped by what carried it (a ticket system or mail client wrapping at 80 columns, a terminal
 * copied line by line): a line break inside a string, a key, a number or `true` / `false` / `null`. JSON
 * never holds a raw line break inside a string, so a string left open at a line's end whose rest closes on
 * the lines after it (its closing quote followed by `:`, `,`, `}` or `]`) was cut by the wrap: those lines
 * are joined, without the break and the continuation's indentation. A string that never closes that way is
 * left as it is (a truncated paste, or an e-mail autolink that ate the quote: see restoreLostQuotes).
 */

/** Lines a wrapped string may run on over: longer strings are not in authn bodies. */
const MAX_CONTINUATION_LINES = 12;

/** The document's lines with wrapped values joined, each joined line's index in the input, and how many joins. */
export interface Rejoined {
  lines: string[];
  /** For each output line, the input line it starts at. */
  from: number[];
  joins: number;
}

/**
 * Joins the lines of the JSON document starting at `lines[start]` that a hard wrap cut inside a value; the
 * lines before `start` and after the document stay as they are. Null when nothing was joined.
 */
export function rejoinWrapped(lines: readonly string[], start: number): Rejoined | null {
  const doc = rejoinDocument(lines, start);
  if (doc.joins === 0) return null;
  const out = [...lines.slice(0, start), ...doc.lines];
  const from = [...lines.slice(0, start).map((_, i) => i), ...doc.from];
  for (let k = doc.end; k < lines.length; k++) {
    out.push(lines[k]!);
    from.push(k);
  }
  return { lines: out, from, joins: doc.joins };
}

/**
 * The lines of a paste that carry the rest of a value a hard wrap cut (`https://dev-1.okta.com/api/v1/authn/…`
 * under `"href":"`): parts of a body, not lines naming a call, though they may name an endpoint.
 */
export function wrapContinuations(lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!/[{[]/.test(lines[i]!)) continue;
    const doc = rejoinDocument(lines, i);
    if (doc.joins > 0) {
      const kept = new Set(doc.from);
      for (let k = i; k < doc.end; k++) if (!kept.has(k)) out.add(k);
    }
    i = Math.max(i, doc.end - 1);
  }
  return out;
}

/** One document's lines from `start`, joined where a wrap cut a value; `end`: the first line after it. */
function rejoinDocument(lines: readonly string[], start: number): { lines: string[]; from: number[]; end: number; joins: number } {
  const out: string[] = [];
  const from: number[] = [];
  let joins = 0;
  let depth = 0;
  let i = start;
  for (; i < lines.length; i++) {
    let line = lines[i]!;
    const at = i;
    for (;;) {
      const end = scanEnd(line, depth);
      depth = end.depth;
      if (end.closed) break;
      const taken = end.inString ? stringRest(lines, i + 1) : end.word ? wordRest(end.word, lines[i + 1]) : 0;
      if (taken === 0) break;
      line = joinWrap(line, lines.slice(i + 1, i + 1 + taken), end.inString ? end.stringSoFar : '');
      depth = end.startDepth;
      i += taken;
      joins++;
    }
    out.push(line);
    from.push(at);
    if (depth === 0) break;
  }
  return { lines: out, from, end: Math.min(i + 1, lines.length), joins };
}

/**
 * The cut line and its continuations as one line: no line break, no indentation. A token or key goes on
 * where it was cut; prose (a string with spaces, an errorSummary) that a wrapper indented at a space keeps one.
 */
function joinWrap(line: string, rest: string[], stringSoFar: string): string {
  let out = line.replace(/\r$/, '');
  for (const next of rest) {
    const text = next.replace(/\r$/, '');
    const body = text.trimStart();
    const spaced = /\s/.test(stringSoFar) && body.length < text.length && !/\s$/.test(out);
    out += (spaced ? ' ' : '') + body;
    stringSoFar += body;
  }
  return out;
}

interface LineEnd {
  /** The bracket depth after the line (outside strings). */
  depth: number;
  /** The depth the line started at, to scan it again once joined. */
  startDepth: number;
  /** The outermost bracket closed on this line. */
  closed: boolean;
  /** The line ends inside a string. */
  inString: boolean;
  /** That string's text on this line (after its opening quote). */
  stringSoFar: string;
  /** A number or literal the line ends with, outside strings (`17`, `tr`), that may run on. */
  word: string | null;
}

/** Scans one line from outside any string (each line of a document starts so, as shape reads it). */
function scanEnd(line: string, startDepth: number): LineEnd {
  const text = line.replace(/\r$/, '');
  let depth = startDepth;
  let inString = false;
  let stringAt = 0;
  let opened = startDepth > 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      stringAt = i + 1;
    }
    else if (c === '{' || c === '[') {
      depth++;
      opened = true;
    } else if ((c === '}' || c === ']') && depth > 0 && --depth === 0 && opened) {
      return { depth, startDepth, closed: true, inString: false, stringSoFar: '', word: null };
    }
  }
  const word = inString || depth === 0 ? null : (/(?:^|[\s:,[])(-?\d[\d.eE+-]*|t|tr|tru|f|fa|fal|fals|n|nu|nul)$/.exec(text)?.[1] ?? null);
  return { depth, startDepth, closed: false, inString: inString && depth > 0, stringSoFar: inString ? text.slice(stringAt) : '', word };
}

/**
 * How many of the lines from `next` on carry the rest of a string a wrap cut: up to the line whose first
 * unescaped quote closes it and is followed by `:`, `,`, `}`, `]` or the line's end. 0 when a blank line
 * comes first, or a quote followed by anything else (a new key after a lost quote, prose).
 */
function stringRest(lines: readonly string[], next: number): number {
  for (let k = next; k < lines.length && k < next + MAX_CONTINUATION_LINES; k++) {
    const t = lines[k]!.replace(/\r$/, '').trimStart();
    if (t === '') return 0;
    const quote = firstQuote(t);
    if (quote < 0) continue;
    // `"factorType": …` after a lost quote: its first quote opens a key, followed by a letter.
    return /^\s*(?:[:,}\]]|$)/.test(t.slice(quote + 1)) ? k - next + 1 : 0;
  }
  return 0;
}

function firstQuote(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** 1 when the next line goes on with the rest of the number or literal `word` (`17` then `09`, `tr` then `ue`), else 0. */
function wordRest(word: string, next: string | undefined): number {
  // Indented, the next line is a member of its own (pretty-printed JSON that lost a comma), not a wrap's rest.
  if (next === undefined || /^\s/.test(next)) return 0;
  const t = next.replace(/\r$/, '');
  const rest = /^[\w.+-]+/.exec(t)?.[0];
  if (!rest || !/^\s*(?:[,}\]]|$)/.test(t.slice(rest.length))) return 0;
  const whole = word + rest;
  if (/^[tfn]/.test(word)) return whole === 'true' || whole === 'false' || whole === 'null' ? 1 : 0;
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(whole) ? 1 : 0;
}
