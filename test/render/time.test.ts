import { describe, expect, it } from 'vitest';
import { formatDelta, formatTime, hasWallClock, isValidTimeZone, relativeTimes, timeNote } from '../../src/render/time.js';

describe('times in reports', () => {
  it.each([
    ['2022-11-02T15:46:06.000Z', undefined, '2022-11-02 15:46:06Z'],
    ['2022-11-02T15:46:06.000Z', 'UTC', '2022-11-02 15:46:06Z'],
    ['2022-11-02T15:46:06.000Z', 'America/Los_Angeles', '2022-11-02 08:46:06-07:00'],
    ['2022-11-06T09:30:00.000Z', 'America/Los_Angeles', '2022-11-06 01:30:00-08:00'],
    ['2026-07-01T00:00:00+02:00', 'Asia/Kolkata', '2026-07-01 03:30:00+05:30'],
    ['not a time', undefined, 'not a time'],
    [null, undefined, ''],
  ])('formatTime(%s, %s) is %s', (value, tz, expected) => {
    expect(formatTime(value, { tz })).toBe(expected);
  });

  it.each([
    [0, '+0s'],
    [27, '+27s'],
    [65, '+1m05s'],
    [3_600 + 180, '+1h03m'],
    [86_400 * 2 + 3_600 * 5, '+2d05h'],
    [-306, '-5m06s'],
  ])('formatDelta(%i) is %s', (seconds, expected) => {
    expect(formatDelta(seconds)).toBe(expected);
  });

  it('relative times skip undated steps and never invent one', () => {
    const times = ['2026-11-20T14:02:05.120Z', null, '2026-11-20T14:02:07.480Z', 'garbage', '2026-11-20T14:02:34.910Z'];
    expect(relativeTimes(times)).toEqual(['', '', '+2s', '', '+27s']);
    expect(relativeTimes([null, null])).toEqual(['', '']);
    expect(hasWallClock([null, 'x'])).toBe(false);
    expect(hasWallClock([null, '2026-11-20T14:02:05Z'])).toBe(true);
  });

  it('knows IANA zones and refuses others', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5']) expect(isValidTimeZone(zone)).toBe(true);
    for (const zone of ['Mars/Olympus_Mons', '', ' ', 'Europe/Pariss', '+25:00']) expect(isValidTimeZone(zone)).toBe(false);
  });

  it('says which zone and whether the evidence had times', () => {
    expect(timeNote({}, false)).toBe('Times in UTC. The evidence has no request times: steps are shown in their order only.');
    expect(timeNote({ tz: 'Europe/Paris' }, true)).toBe('Times in Europe/Paris (offsets shown); +N is the time since the previous step.');
  });
});
