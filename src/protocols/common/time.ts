/** Clock skew tolerated between the recorder's clock and Okta's `expiresAt` (milliseconds). */
export const SKEW_MS = 30_000;

/** Milliseconds since the epoch for an ISO-8601 time, or null when absent or unreadable. */
export function toMs(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
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
