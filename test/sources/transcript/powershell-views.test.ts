import { describe, expect, it } from 'vitest';
import { printedDate, readDates } from '../../../src/sources/transcript/powershell-dates.js';
import { tableView } from '../../../src/sources/transcript/powershell-table.js';

/** PowerShell's table view and the dates PowerShell 7 prints in the console's locale, read alone. */

describe("PowerShell's table view", () => {
  it("reads Windows PowerShell 5's default view of a 4-property object, cut values kept as printed", () => {
    const t = tableView([
      'expiresAt                status  sessionToken                  _embedded',
      '---------                ------  ------------                  ---------',
      '2024-03-01T10:05:01.000Z SUCCESS 20111PsSessionTok0123456789... @{user=}',
    ]);
    expect(t).toEqual({ rows: [{ expiresAt: '2024-03-01T10:05:01.000Z', status: 'SUCCESS', sessionToken: '20111PsSessionTok0123456789...', _embedded: '@{user=}' }], cutNames: [], unread: 0 });
  });

  it("reads PowerShell 7's view: values with spaces (dates), `…` cuts, an empty cell as empty", () => {
    const t = tableView([
      'expiresAt            status       stateToken    factorResult relayState',
      '---------            ------       ----------    ------------ ----------',
      '3/1/2024 10:05:01 AM MFA_REQUIRED 00abcDEFghi…               /app/home',
    ]);
    expect(t!.rows).toEqual([{ expiresAt: '3/1/2024 10:05:01 AM', status: 'MFA_REQUIRED', stateToken: '00abcDEFghi…', factorResult: '', relayState: '/app/home' }]);
  });

  it('reads a right-aligned number wider than its name, and several rows as several objects', () => {
    const t = tableView([
      'id                   factorType provider  count',
      '--                   ---------- --------  -----',
      'opf1a2b3c4d5e6f7g8h9 push       OKTA     123456',
      'sms1a2b3c4d5e6f7g8h9 sms        OKTA          2',
    ]);
    expect(t!.rows).toEqual([
      { id: 'opf1a2b3c4d5e6f7g8h9', factorType: 'push', provider: 'OKTA', count: '123456' },
      { id: 'sms1a2b3c4d5e6f7g8h9', factorType: 'sms', provider: 'OKTA', count: '2' },
    ]);
  });

  it('reads a right-aligned number in the first column', () => {
    const t = tableView(['    Id status', '    -- ------', '123456 ACTIVE', '     7 PENDING_ACTIVATION']);
    expect(t!.rows).toEqual([{ Id: '123456', status: 'ACTIVE' }, { Id: '7', status: 'PENDING_ACTIVATION' }]);
  });

  it('joins what Format-Table -Wrap carried onto the next lines, a word cut at the width without a space', () => {
    const t = tableView([
      'status       stateToken           expiresAt',
      '------       ----------           ---------',
      'MFA_REQUIRED 00PsStateKilo9xKq2Lm 2024-03-01T10:05:01.000Z',
      '             NoPq7RsTuVwXyZ01abcd',
      '             ef',
      '',
      'PS C:\\>',
    ]);
    expect(t!.rows).toEqual([{ status: 'MFA_REQUIRED', stateToken: '00PsStateKilo9xKq2LmNoPq7RsTuVwXyZ01abcdef', expiresAt: '2024-03-01T10:05:01.000Z' }]);
  });

  it('leaves out a column whose name PowerShell cut, and counts rows that do not line up', () => {
    const t = tableView([
      'status  sessionT… expiresAt',
      '------  --------- ---------',
      'SUCCESS 20111Ps…  2024-03-01T10:05:01.000Z',
      'SUCCESS-and-a-value-with-no-space-at-all',
    ]);
    expect(t).toEqual({ rows: [{ status: 'SUCCESS', expiresAt: '2024-03-01T10:05:01.000Z' }], cutNames: ['sessionT…'], unread: 1 });
  });

  it('reads a table whose spacing a rendered page collapsed, one word a column', () => {
    const t = tableView(['expiresAt status stateToken', '--------- ------ ----------', '2024-03-01T10:05:01.000Z MFA_REQUIRED 00abcDEF...']);
    expect(t!.rows).toEqual([{ expiresAt: '2024-03-01T10:05:01.000Z', status: 'MFA_REQUIRED', stateToken: '00abcDEF...' }]);
  });

  it.each([
    ['a Markdown heading', ['Response', '--------', 'status MFA_REQUIRED']],
    ['a YAML document start', ['---', 'status: MFA_REQUIRED']],
    ['a Markdown table', ['| status | stateToken |', '| ------ | ---------- |', '| MFA_REQUIRED | 00abc |']],
    ['dashes under prose', ['see the output below', '--- ---- --- ------ -----']],
    ["a hashtable's view ($headers printed)", ['Name                           Value', '----                           -----', 'Accept                         application/json']],
  ])('is not %s', (_, lines) => {
    expect(tableView(lines)).toBeNull();
  });
});

describe('dates PowerShell 7 printed in the console locale', () => {
  it.each([
    ['de-DE', '01.03.2024 10:05:01', '2024-03-01 10:05:01 (zone unknown)'],
    ['ru-RU', '1.3.2024 22:05:01', '2024-03-01 22:05:01 (zone unknown)'],
    ['ja-JP', '2024/03/01 10:05:01', '2024-03-01 10:05:01 (zone unknown)'],
    ['sv-SE', '2024-03-01 10:05:01', '2024-03-01 10:05:01 (zone unknown)'],
    ['zh-TW', '2024/3/1 下午 10:05:01', '2024-03-01 22:05:01 (zone unknown)'],
    ['ko-KR', '2024-03-01 오전 10:05:01', '2024-03-01 10:05:01 (zone unknown)'],
    ['hu-HU', '2024. 03. 01. 10:05:01', '2024-03-01 10:05:01 (zone unknown)'],
    ['en-GB, a day past the 12th', '13/03/2024 10:05:01', '2024-03-13 10:05:01 (zone unknown)'],
    ['en-US, a day past the 12th', '3/13/2024 12:05:01 AM', '2024-03-13 00:05:01 (zone unknown)'],
    ['the same day and month', '03/03/2024 12:30:00 PM', '2024-03-03 12:30:00 (zone unknown)'],
  ])('reads %s (%s) as a date of unknown zone', (_, printed, read) => {
    expect(printedDate(printed)).toEqual({ kind: 'date', text: read });
  });

  it.each([
    ['en-US', '3/1/2024 10:05:01 AM', ['2024-03-01', '2024-01-03']],
    ['en-GB / fr-FR', '01/03/2024 10:05:01', ['2024-01-03', '2024-03-01']],
    ['nl-NL', '1-3-2024 10:05:01', ['2024-01-03', '2024-03-01']],
  ])('keeps %s (%s) unread: day and month could be either way', (_, printed, readings) => {
    expect(printedDate(printed)).toMatchObject({ kind: 'ambiguous', readings });
  });

  it.each(['2024-03-01T10:05:01.000Z', '31.02.2024 10:05:01', '13/13/2024 10:05:01', '3/1/2024 13:05:01 PM', 'MFA_REQUIRED', '2024-03-01', '01/03/2024 10:05'])('is no print of a DateTime: %s', (v) => {
    expect(printedDate(v)).toBeNull();
  });

  it("settles an ambiguous date by another of the same body (one console, one culture), and marks each read", () => {
    const { body, dates } = readDates({ expiresAt: '3/1/2024 10:05:01 AM', _embedded: { user: { passwordChanged: '2/14/2024 8:00:00 AM' } } });
    expect(body).toEqual({ expiresAt: '2024-03-01 10:05:01 (zone unknown)', _embedded: { user: { passwordChanged: '2024-02-14 08:00:00 (zone unknown)' } } });
    expect(dates.map((d) => d.path)).toEqual(['expiresAt', '_embedded.user.passwordChanged']);
    // Prints that disagree settle nothing.
    const mixed = readDates({ a: '13/01/2024 10:00:00', b: '01/13/2024 10:00:00', c: '01/03/2024 10:00:00' });
    expect(mixed.dates.find((d) => d.path === 'c')).toMatchObject({ read: null, readings: ['2024-01-03', '2024-03-01'] });
  });
});
