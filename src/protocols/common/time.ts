/** Clock skew tolerated between the recorder's clock and Okta's `expiresAt` (milliseconds). */
export const SKEW_MS = 30_000;

/** Milliseconds since the epoch for an ISO-8601 time, or null when absent or unreadable. */
export function toMs(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = utcMs(value) ?? Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * `2024-03-01T10:00:04.200Z` (what Okta and the recorder write) read digit by digit: Date.parse was a tenth
 * of a large analysis. Null for any other shape, and for days past the 28th (Date.parse knows month lengths).
 */
function utcMs(v: string): number | null {
  if ((v.length !== 24 && v.length !== 20) || v.charCodeAt(v.length - 1) !== 90 /* Z */) return null;
  if (v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || (v.length === 24 && v[19] !== '.')) return null;
  const n = (at: number, digits: number) => {
    let x = 0;
    for (let i = at; i < at + digits; i++) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      x = x * 10 + d;
    }
    return x;
  };
  const year = n(0, 4), month = n(5, 2), day = n(8, 2), hour = n(11, 2), minute = n(14, 2), second = n(17, 2);
  const milli = v.length === 24 ? n(20, 3) : 0;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28 || hour > 23 || minute > 59 || second > 59 || milli < 0) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
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
