import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RawExchange, UnreadExposure } from '../model/exchange.js';
import { classifyField } from '../redact/policy.js';
import { Redactor } from '../redact/redactor.js';
import { decodeText } from '../sources/har/text-coding.js';
import { knownValues } from './known-values.js';
import { Tally } from './tally.js';
import { checkTextLines } from './text.js';

/**
 * The secrets a pasted text shows in clear on lines that hold none of the calls read from it (a `.env` block,
 * YAML, a code sample), as `authtrail sanitize --check` finds them, but for names in prose: the same line rules with a
 * throw-away key, so nothing of the values is kept but their masked previews. A line that spells a secret
 * value of `calls` (the calls read, and those left out, as read: before redaction) is that call's, whose
 * findings name its secrets already. `file` is how the refs name the text.
 */
export async function textExposures(path: string, file: string, calls: readonly RawExchange[]): Promise<UnreadExposure[]> {
  // The text read once more (a paste is small), its calls as the import read them: only where the secrets stand is kept.
  const tally = new Tally();
  const lines = checkTextLines(decodeText(readFileSync(path)).text, calls, new Redactor(randomBytes(32)), tally);
  if (tally.locations.length === 0) return [];
  const spellings = knownValues(calls).flatMap((v) => v.spellings).filter((s) => s.length >= 4);
  const short = shortSecrets(calls);
  // A body left out as beyond repair is no value the known ones hold: its lines are the call's as they stand.
  const broken = calls.flatMap((c) => c.unreadable ?? []).map((u) => u.text);
  const brokenLines = broken.flatMap((text) => text.split('\n')).map((l) => l.trim()).filter((l) => l.length >= 8);
  const inBroken = (line: string) => {
    const own = line.trim();
    return (own.length >= 8 && broken.some((text) => text.includes(own))) || brokenLines.some((l) => own.includes(l));
  };
  // The line each call starts on is its own (a one-line command whose values are too short to be known ones),
  // and every line of a call read from a span of lines (`file:12-140`: HAR entries pasted as text, whose
  // bodies may stand there base64).
  const starts = new Set(calls.map((c) => Number(/:(\d+)(?:-\d+)?(?: \(.*\))?$/.exec(c.sourceRef)?.[1] ?? 0)));
  const spans = calls.flatMap((c) => {
    const m = /:(\d+)-(\d+)(?: \(.*\))?$/.exec(c.sourceRef);
    return m ? [[Number(m[1]), Number(m[2])] as const] : [];
  });
  const inSpan = (n: number) => spans.some(([from, to]) => n >= from && n <= to);
  const ofACall = new Map<number, boolean>();
  const out: UnreadExposure[] = [];
  for (const l of tally.locations) {
    // A secret's name in a sentence ("recovery answer guessed four times") is masked by sanitize to be safe, but
    // too often a word to be named as a secret: only what stands as a value (config, code, a header) is.
    if (l.path?.endsWith('(prose)')) continue;
    const n = Number(l.place);
    let shown = ofACall.get(n);
    if (shown === undefined) {
      const line = lines[n - 1] ?? '';
      ofACall.set(n, (shown = starts.has(n) || inSpan(n) || spellings.some((s) => line.includes(s)) || holdsPiece(line, spellings) || holdsShort(line, short) || inBroken(line.replace(/\r$/, ''))));
    }
    if (shown) continue;
    out.push({ where: 'text', field: l.field, ...(l.path ? { path: l.path } : {}), preview: l.preview ?? '', call: '', ref: `${file}:${l.place}`, group: '', reason: 'text' });
  }
  return out;
}

/** A piece of a known value a console wrapped over lines (`Format-Table -Wrap`, masked piece by piece): the call's line. */
function holdsPiece(line: string, spellings: readonly string[]): boolean {
  for (const [word] of line.matchAll(/(?<![\w-])[\w-]{12,}(?![\w-])/g)) if (spellings.some((s) => s.includes(word))) return true;
  return false;
}

/**
 * The secrets of the calls too short to be known values (`"answer": "red"`, a toy `"recoveryToken": "abc"`):
 * by name, so that the line spelling the name with that value is the call's.
 */
function shortSecrets(calls: readonly RawExchange[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (node: unknown, depth: number) => {
    if (depth > 16 || node === null || typeof node !== 'object') return;
    for (const [key, v] of Object.entries(node as Record<string, unknown>)) {
      if (typeof v === 'string' && v.length > 0 && v.length < 5 && classifyField(key)) {
        if (!out.has(key)) out.set(key, new Set());
        out.get(key)!.add(v);
      } else walk(v, depth + 1);
    }
  };
  // A form body (`recoveryToken=abc`) is read as the pairs it holds.
  const form = (text: string) => (/^[\w.%-]+=/.test(text) ? Object.fromEntries(new URLSearchParams(text)) : null);
  for (const c of calls) for (const body of [c.requestBody, c.responseBody]) walk(typeof body === 'string' ? form(body) : body, 0);
  return out;
}

/** Whether the line spells a short secret of a call after its name (`"answer": "red"`, `answer=red`). */
function holdsShort(line: string, short: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  for (const [name, values] of short) {
    const at = line.indexOf(name);
    if (at < 0) continue;
    const after = line.slice(at + name.length, at + name.length + 24);
    for (const v of values) if (new RegExp(`^["']?\\s*[:=]\\s*["']?${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(after)) return true;
  }
  return false;
}
