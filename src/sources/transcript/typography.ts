/**
 * Undoes what forums, chat tools and word processors do to pasted JSON before it is parsed:
 * typographic quotes, ellipsis characters, autolinked or doubled-@ emails, invisible spaces.
 */

const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032]/g;
const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF]/g;
const EMAIL = String.raw`[\w.+%-]+@[\w-]+(?:\.[\w-]+)+`;

const ENTITIES: Record<string, string> = {
  quot: '"', '#34': '"', '#x22': '"', apos: "'", '#39': "'", '#x27': "'", lt: '<', gt: '>', amp: '&',
};

// What untypeset's repairs look for: a character beyond ASCII, an entity's `&`, an autolink's `<`, `@@`, a mail link.
const REPAIRABLE = /[^\x00-\x7F]|[&<]|@@|\]\(mailto:/;

export interface Cleaned {
  text: string;
  notes: string[];
}

/** Whether untypeset may change the text: false when it holds nothing any of its repairs looks for. */
export function untypesetNeeded(text: string): boolean {
  return REPAIRABLE.test(text);
}

// The repairs in the order they are made, each with its note (two share one).
const REPAIRS: [RegExp, string | ((...m: string[]) => string), string][] = [
  [DOUBLE_QUOTES, '"', 'typographic double quotes replaced'],
  [SINGLE_QUOTES, "'", 'typographic single quotes replaced'],
  [/\u2026/g, '...', 'ellipsis characters (…) read as ...'],
  [/[\u00A0\u2007\u202F]/g, ' ', 'non-breaking spaces replaced'],
  [INVISIBLE, '', 'invisible characters removed'],
  [/&(quot|#34|#x22|apos|#39|#x27|lt|gt|amp);/gi, (_m, e: string) => ENTITIES[e.toLowerCase()]!, 'HTML entities decoded'],
  [new RegExp(String.raw`\[(${EMAIL})\]\(mailto:[^)]*\)`, 'g'), '$1', 'Markdown mail links unwrapped'],
  [new RegExp(String.raw`(:\s*)<(?:mailto:)?(${EMAIL})>`, 'g'), '$1"$2"', 'autolinked emails unwrapped (<…>)'],
  [new RegExp(String.raw`<(?:mailto:)?(${EMAIL})>`, 'g'), '$1', 'autolinked emails unwrapped (<…>)'],
  [/([\w.+-])@@([\w-])/g, '$1@$2', 'doubled @@ in an email collapsed'],
];

/** Character-level repairs; each kind of repair adds one note. */
export function untypeset(text: string): Cleaned {
  const { text: s, made } = untypesetRepairs(text);
  return { text: s, notes: repairNotes(made) };
}

/** untypeset's text, and which of its repairs changed it (indexes, in order). */
export function untypesetRepairs(text: string): { text: string; made: number[] } {
  const made: number[] = [];
  // Every repair below needs one of these: plain ASCII JSON (the usual body) skips ten passes over it.
  if (!untypesetNeeded(text)) return { text, made };
  let s = text;
  REPAIRS.forEach(([re, to], k) => {
    const next = typeof to === 'string' ? s.replace(re, to) : s.replace(re, to);
    if (next !== s) made.push(k);
    s = next;
  });
  return { text: s, made };
}

/** The notes of the repairs made (indexes from untypesetRepairs), as untypeset gives them. */
export function repairNotes(made: number[]): string[] {
  return made.map((k) => REPAIRS[k]![2]);
}

/**
 * An autolinked email often swallows its closing quote: `"login": "mary.jane@email.com,`.
 * A line whose last string value opens but never closes gets its quote back, before a trailing comma.
 */
export function restoreLostQuotes(lines: string[]): { lines: string[]; count: number } {
  let count = 0;
  const out = lines.map((line) => {
    if (countQuotes(line) % 2 === 0) return line;
    const m = /^(.*"\s*:\s*"(?:[^"\\]|\\.)*?)(\s*,?\s*[}\]]*\s*,?\s*)$/.exec(line);
    const v = m ?? /^(\s*"(?:[^"\\]|\\.)*?)(\s*,?\s*[}\]]*\s*,?\s*)$/.exec(line);
    if (!v) return line;
    count++;
    return `${v[1]}"${v[2]}`;
  });
  return { lines: out, count };
}

function countQuotes(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') n++;
  }
  return n;
}
