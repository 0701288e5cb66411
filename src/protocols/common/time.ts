/** Clock skew tolerated between the recorder's clock and Okta's `expiresAt` (milliseconds). */
export const SKEW_MS = 30_000;

/**
 * Milliseconds since the epoch for an ISO-8601 time, or null when absent or unreadable. A time that names no
 * zone (PowerShell 7's `3/1/2024 10:05:01 AM`, `2024-03-01T10:05:01`) is null too: Date.parse would read it in
 * the zone of the machine that runs the analysis, and `01/03/2024` as January 3 whatever the console meant.
 */
export function toMs(value: string | null | undefined): number | null {
  if (!value) return null;
  const fast = utcMs(value);
  if (fast !== null) return fast;
  if (!ZONED.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** How a time that names its zone ends: `…Z`, `…+01:00` / `+0100`, `… GMT` (HTTP dates). */
const ZONED = /(?:\dZ|\d[+-]\d\d:?\d\d|\b(?:GMT|UTC))$/i;

/**
 * `2024-03-01T10:00:04.200Z` (what Okta and the recorder write) read digit by digit: Date.parse was a tenth
 * of a large analysis. Null for any other shape, and for days past the 28th (Date.parse knows month lengths).
 */
function utcMs(v: string): number | null {
  const len = v.length;
  if ((len !== 24 && len !== 20) || v.charCodeAt(len - 1) !== 90 /* Z */) return null;
  // - - T : : .
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58 || (len === 24 && v.charCodeAt(19) !== 46)) return null;
  const century = twoDigits(v, 0), year = twoDigits(v, 2), month = twoDigits(v, 5), day = twoDigits(v, 8);
  // An unreadable hour, minute or second reads as -1 (and counts back from the day), as it always has.
  const hour = twoDigits(v, 11), minute = twoDigits(v, 14), second = twoDigits(v, 17);
  let milli = 0;
  if (len === 24) {
    const third = v.charCodeAt(22) - 48;
    milli = twoDigits(v, 20);
    milli = milli < 0 || third < 0 || third > 9 ? -1 : milli * 10 + third;
  }
  if (century < 10 || year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 || second > 59 || milli < 0) return null;
  return ((daysSinceEpoch(century * 100 + year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli;
}

/** The two digits at `at` as a number, -1 when either is no digit. */
function twoDigits(v: string, at: number): number {
  const a = v.charCodeAt(at) - 48;
  const b = v.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to this date of the proleptic Gregorian calendar (month 1-12), as Date.UTC counts them. */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A duration for messages: `4m 12s`, `2h 5m`, `3d 1h`. */
export function humanDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}
