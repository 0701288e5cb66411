import { tz } from '@date-fns/tz';
// One module per function: the 'date-fns' index loads all ~300 of them, a third of `authtrail analyze`'s start.
import { differenceInSeconds } from 'date-fns/differenceInSeconds';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { toMs } from '../protocols/common/time.js';

/** What every renderer accepts besides the analysis. */
export interface RenderOptions {
  /** IANA zone for wall-clock times; UTC when absent. */
  tz?: string;
  /** ANSI colour (terminal formats only). */
  color?: boolean;
  /** "Generated at" time; fixed by tests so snapshots are stable. */
  now?: Date;
  /** Terminal columns the table format fits (100 when absent). */
  width?: number;
}

export const DEFAULT_TZ = 'UTC';

/** Whether the runtime knows the IANA zone name (`Europe/Paris`, `UTC`); `Mars/Olympus` is false. */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function zoneOf(options: RenderOptions): string {
  return options.tz ?? DEFAULT_TZ;
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Z';
}

/**
 * Parses an ISO-8601 time from the evidence; null when absent or not a time (evidence is never trusted), or
 * when it names no zone (`2024-03-01 10:05:01`): shown as it stands, not in this machine's zone (see toMs).
 */
export function parseTime(value: string | null | undefined): Date | null {
  if (!value || toMs(value) === null) return null;
  const date = parseISO(value);
  return isValid(date) ? date : null;
}

/**
 * A time from the evidence in the chosen zone: `2022-11-02 15:46:06Z` in UTC, `2022-11-02 08:46:06-07:00`
 * elsewhere (the offset keeps a pasted table unambiguous). Values that are not times are shown as they are.
 */
export function formatTime(value: string | null | undefined, options: RenderOptions = {}): string {
  if (!value) return '';
  const date = parseTime(value);
  if (!date) return value;
  const zone = zoneOf(options);
  const pattern = isUtc(zone) ? "yyyy-MM-dd HH:mm:ss'Z'" : 'yyyy-MM-dd HH:mm:ssxxx';
  return format(date, pattern, { in: tz(zone) });
}

/** The sentence a report prints about its times. */
export function timeNote(options: RenderOptions, hasWallClock: boolean): string {
  const zone = zoneOf(options);
  const where = isUtc(zone) ? 'UTC' : `${zone} (offsets shown)`;
  return hasWallClock
    ? `Times in ${where}; +N is the time since the previous step.`
    : `Times in ${where}. The evidence has no request times: steps are shown in their order only.`;
}

/** `+27s`, `+4m05s`, `+2h03m`, `+1d02h`; negative when the evidence runs backwards. */
export function formatDelta(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  let rest = Math.abs(seconds);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${sign}${days}d${pad(hours)}h`;
  if (hours > 0) return `${sign}${hours}h${pad(minutes)}m`;
  if (minutes > 0) return `${sign}${minutes}m${pad(secs)}s`;
  return `${sign}${secs}s`;
}

/**
 * Time since the previous step that has a time, for each step in order (`''` for the first timed step and
 * for steps without a time). Never invents a time for a step the evidence does not date.
 */
export function relativeTimes(startedAt: readonly (string | null)[]): string[] {
  let previous: Date | null = null;
  return startedAt.map((value) => {
    const date = parseTime(value);
    if (!date) return '';
    const label = previous ? formatDelta(differenceInSeconds(date, previous)) : '';
    previous = date;
    return label;
  });
}

/** Whether any of these steps carries a wall-clock time. */
export function hasWallClock(startedAt: readonly (string | null)[]): boolean {
  return startedAt.some((value) => parseTime(value) !== null);
}

/** Generation stamp for report headers. */
export function formatGenerated(options: RenderOptions): string {
  return formatTime((options.now ?? new Date()).toISOString(), options);
}
