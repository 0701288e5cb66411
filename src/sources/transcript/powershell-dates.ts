/**
 * PowerShell 6 and later turn a JSON string that looks like a time into a DateTime (ConvertFrom-Json,
 * Invoke-RestMethod), and the list and table views print it in the console's culture, without its zone or
 * milliseconds: `3/1/2024 10:05:01 AM` (en-US), `01.03.2024 10:05:01` (de-DE), `01/03/2024 10:05:01` (en-GB),
 * `2024/03/01 10:05:01` (ja-JP). Okta's `…Z` stays UTC, a time with an offset becomes the machine's local time;
 * the print says neither. Windows PowerShell 5 keeps the strings, and prints Okta's ISO text.
 */

/** What the value reads as: the date and time it names (zone unknown), or, day and month unknown, both readings. */
export type PrintedDate = { kind: 'date'; text: string } | { kind: 'ambiguous'; readings: [string, string]; separator: string; time: string };

/** The mark a date read from the console's print carries in the body: no reader of times takes it for an instant. */
export const ZONE_UNKNOWN = '(zone unknown)';

// AM/PM as cultures print them: after the time (en-US `10:05:01 AM`), or before it (ko-KR `오전 10:05:01`, zh-TW `上午 10:05:01`).
const HALF = '(AM|PM|a\\.\\s?m\\.|p\\.\\s?m\\.|午前|午後|오전|오후|上午|下午)';
const TIME = `(?:${HALF}\\s*)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\s*${HALF})?`;
/** Year first: ja-JP `2024/03/01`, sv-SE `2024-03-01`, zh-CN `2024/3/1`, hu-HU `2024. 03. 01.`. */
const YEAR_FIRST = new RegExp(`^(\\d{4})([-/.])\\s?(\\d{1,2})\\2\\s?(\\d{1,2})\\.?,?\\s+${TIME}$`, 'i');
/** Year last: en-US `3/1/2024`, en-GB and fr-FR `01/03/2024`, de-DE and ru-RU `01.03.2024`, nl-NL `1-3-2024`. */
const YEAR_LAST = new RegExp(`^(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}),?\\s+${TIME}$`, 'i');

/** A value PowerShell printed as a DateTime, read; null when it is no such print. */
export function printedDate(value: string): PrintedDate | null {
  const first = YEAR_FIRST.exec(value.trim());
  if (first) {
    const time = clock(first[5], first[6]!, first[7]!, first[8]!, first[9]);
    const date = day(Number(first[1]), Number(first[3]), Number(first[4]));
    return time && date ? { kind: 'date', text: `${date} ${time} ${ZONE_UNKNOWN}` } : null;
  }
  const last = YEAR_LAST.exec(value.trim());
  if (!last) return null;
  const time = clock(last[5], last[6]!, last[7]!, last[8]!, last[9]);
  if (!time) return null;
  const [a, b, year, separator] = [Number(last[1]), Number(last[3]), Number(last[4]), last[2]!];
  const dayFirst = day(year, b, a);
  const monthFirst = day(year, a, b);
  // Dotted dates are day first in every culture that writes them (de-DE, ru-RU, pl-PL, tr-TR, fi-FI).
  if (separator === '.') return dayFirst ? { kind: 'date', text: `${dayFirst} ${time} ${ZONE_UNKNOWN}` } : null;
  if (dayFirst && monthFirst && dayFirst !== monthFirst) return { kind: 'ambiguous', readings: [monthFirst, dayFirst], separator, time };
  const only = dayFirst ?? monthFirst;
  return only ? { kind: 'date', text: `${only} ${time} ${ZONE_UNKNOWN}` } : null;
}

/** `YYYY-MM-DD` when the day exists, else null. */
function day(year: number, month: number, date: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, date));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== date) return null;
  return d.toISOString().slice(0, 10);
}

/** `HH:MM:SS` on a 24-hour clock, else null. */
function clock(before: string | undefined, h: string, m: string, s: string, after: string | undefined): string | null {
  const half = (before ?? after ?? '').toLowerCase().replace(/[\s.]/g, '');
  let hour = Number(h);
  if (half) {
    if (hour < 1 || hour > 12) return null;
    const pm = half === 'pm' || half === '午後' || half === '오후' || half === '下午';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || Number(m) > 59 || Number(s) > 59) return null;
  return `${String(hour).padStart(2, '0')}:${m}:${s}`;
}

/** A date the body's print held: where, as printed, and as read (or both readings). */
export interface DateRead {
  path: string;
  printed: string;
  read: string | null;
  readings?: [string, string];
}

/**
 * The body with each DateTime print read (see printedDate) and marked ZONE_UNKNOWN; a print whose day and month
 * could be either way is kept as printed, unless another date of the same body, with a day past the 12th,
 * shows the console's order (one console prints all in one culture).
 */
export function readDates(body: unknown): { body: unknown; dates: DateRead[] } {
  const dates: DateRead[] = [];
  const found: { path: string; printed: string; as: PrintedDate }[] = [];
  const collect = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => collect(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, path ? `${path}.${k}` : k);
    else if (typeof v === 'string') {
      const as = printedDate(v);
      if (as) found.push({ path, printed: v, as });
    }
  };
  collect(body, '');
  if (found.length === 0) return { body, dates };
  const order = consoleOrder(found.map((f) => f.printed));
  const texts = new Map<string, string>();
  for (const f of found) {
    if (f.as.kind === 'date') {
      texts.set(f.path, f.as.text);
      dates.push({ path: f.path, printed: f.printed, read: f.as.text });
      continue;
    }
    const settled = order.get(f.as.separator);
    if (settled === undefined) {
      dates.push({ path: f.path, printed: f.printed, read: null, readings: f.as.readings });
      continue;
    }
    const text = `${f.as.readings[settled === 'month' ? 0 : 1]} ${f.as.time} ${ZONE_UNKNOWN}`;
    texts.set(f.path, text);
    dates.push({ path: f.path, printed: f.printed, read: text });
  }
  const rewrite = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => rewrite(x, `${path}[${i}]`));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, path ? `${path}.${k}` : k)]));
    return typeof v === 'string' && texts.has(path) ? texts.get(path)! : v;
  };
  return { body: rewrite(body, ''), dates };
}

/** Which comes first, by separator, where some print shows it (a first number past 12 is a day, a second one a month); prints that disagree settle nothing. */
function consoleOrder(prints: string[]): Map<string, 'day' | 'month'> {
  const order = new Map<string, 'day' | 'month' | 'conflict'>();
  for (const p of prints) {
    const m = /^(\d{1,2})([-/])(\d{1,2})\2\d{4}/.exec(p.trim());
    if (!m) continue;
    const seen = Number(m[1]) > 12 ? 'day' : Number(m[3]) > 12 ? 'month' : null;
    if (seen) order.set(m[2]!, order.has(m[2]!) && order.get(m[2]!) !== seen ? 'conflict' : seen);
  }
  return new Map([...order].filter((e): e is [string, 'day' | 'month'] => e[1] !== 'conflict'));
}
