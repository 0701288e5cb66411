import type { AnalysisJson } from '../model/analysis.js';
import type { Verdict } from '../model/verdict.js';
import { buildVerdict } from '../analyze/verdict.js';

export function verdictOf(analysis: AnalysisJson): Verdict {
  return analysis.verdict ?? buildVerdict(analysis);
}

export const VERDICT_TITLES = {
  documented: 'What Okta documents that explains what you saw',
  departures: "What departs from Okta's documented behaviour (candidates for a bug)",
  inferred: 'What Okta documents neither way (inferred behaviour: check it)',
  client: 'What the client does that the docs forbid or advise against (not Okta behaviour)',
  evidence: 'Problems with the evidence itself',
} as const;

/** Each part as plain lines (title, items); formats add their markup. */
export function verdictParts(v: Verdict): { title: string; items: string[] }[] {
  return partKeys(v).map((key) => ({
    title: VERDICT_TITLES[key],
    // What was seen names the values in words; the values alone are for documents older than `seen`.
    items: (v[key] ?? []).map((i) => `${i.text}${i.seen ? `. Seen: ${i.seen.replace(/\.$/, '')}` : i.values ? `; values: ${i.values}` : ''}${i.action ? `: ${i.action}` : ''}`),
  }));
}

const SHORT = { documented: 'Documented by Okta', departures: "Departs from Okta's docs", inferred: 'Not documented either way', client: 'Client problems (not Okta)', evidence: 'Evidence problems' } as const;

/** The parts to show: `inferred` and `client` only when they have items (older documents and most flows have none). */
function partKeys(v: Verdict): ('documented' | 'departures' | 'inferred' | 'client' | 'evidence')[] {
  return [
    'documented',
    'departures',
    ...(v.inferred?.length ? (['inferred'] as const) : []),
    ...(v.client?.length ? (['client'] as const) : []),
    'evidence',
  ];
}

/**
 * The verdict for a terminal: the answer first, never cut (the one line a reader must see whole), then one line
 * per part (two at most, then cut: the evidence for the answer), so that it fits the first lines of `npm start`;
 * the findings below carry every message in full.
 */
export function verdictText(v: Verdict, width = 100): string[] {
  const lines: string[] = wrap(`Answer: ${v.answer}`, width, Infinity);
  for (const key of partKeys(v)) {
    // A departure as what was seen (older documents: the values compared), the rule's summary being in the table below.
    const items = (v[key] ?? []).map((i) => (key === 'departures' ? `${i.text.split(': ')[0]}: ${i.seen ?? i.values}` : `${i.text}${i.action ? ` (${i.action})` : ''}`));
    lines.push(...wrap(`${SHORT[key]}: ${items.length ? items.join(' · ') : 'none'}`, width, key === 'evidence' ? 3 : 2));
  }
  return lines;
}

/** Words wrapped to `width` with a two-space indent after the first line; past `max` lines the rest is cut with `…`. */
export function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  const kept = lines.slice(0, max).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  if (lines.length > max) kept[max - 1] = `${kept[max - 1].slice(0, width - 1)}…`;
  return kept;
}
