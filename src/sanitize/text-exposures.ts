import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RawExchange, UnreadExposure } from '../model/exchange.js';
import { Redactor } from '../redact/redactor.js';
import { decodeText } from '../sources/har/text-coding.js';
import { type KnownValue, knownValues, PIECE_WORD, shortSecretValues } from './known-values.js';
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
  const short = shortSecretValues(calls);
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
  const refs = calls.map((c) => /:(\d+)(?:-(\d+))?(?: \(.*\))?$/.exec(c.sourceRef));
  const starts = new Set(refs.map((m) => Number(m?.[1] ?? 0)));
  const spans = refs.flatMap((m) => (m?.[2] ? [[Number(m[1]), Number(m[2])] as const] : []));
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
  for (const [word] of line.matchAll(PIECE_WORD)) if (spellings.some((s) => s.includes(word))) return true;
  return false;
}

/** Whether the line spells a call's short secret after its name (`"answer": "red"`, `answer=red`; see shortSecretValues). */
function holdsShort(line: string, short: readonly KnownValue[]): boolean {
  for (const { field, value } of short) {
    const at = line.indexOf(field);
    if (at < 0) continue;
    const after = line.slice(at + field.length, at + field.length + 24);
    if (new RegExp(`^["']?\\s*[:=]\\s*["']?${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(after)) return true;
  }
  return false;
}
