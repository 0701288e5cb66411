import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * PowerShell output pasted from Windows, through the real import and analysis: the table view (an object of
 * four properties or fewer, `Format-Table`), cut with `...` (5) or `…` (7), and the dates PowerShell 7 prints
 * in the console's locale without a zone. A date is read only where the print says which day it is, and never
 * as an instant: no rule and no table column draws a conclusion from it.
 */

const dir = tempDir('authtrail-ps-table-');
let n = 0;
const file = (lines: string[], eol = '\n') => {
  const path = join(dir, `${n++}-paste.md`);
  writeFileSync(path, lines.join('\n').split('\n').join(eol));
  return path;
};
const steps = (json: any) => json.transactions.flatMap((t: any) => t.steps.map((s: any) => `${s.operation}:${s.statusBefore}->${s.statusAfter}:${s.httpStatus}`));
const rules = (json: any) => json.findings.map((f: any) => f.rule);

const ORG = 'https://dev-42.okta.com';
const TOKEN = '00PsStateKilo9xKq2LmNoPq7RsTuVwXyZ01abcdef';
const SESSION = '20111PsSessionTok0123456789abcdefXYZ';
const PASSWORD = 'PsPwJuliet#42';
const PRIMARY = `$r = Invoke-RestMethod -Uri "${ORG}/api/v1/authn" -Method Post -ContentType "application/json" -Body '{"username":"kim@example.com","password":"${PASSWORD}"}'`;
const VERIFY = `$s = Invoke-RestMethod -Uri "${ORG}/api/v1/authn/factors/ostf1a2b3c4d/verify" -Method Post -ContentType "application/json" -Body (@{ stateToken = $r.stateToken; passCode = "123456" } | ConvertTo-Json)`;

/** Nothing of a clear secret in the output or the database. */
async function clean(path: string) {
  const db = join(dir, `${n++}.db`);
  const run = await analyzeJson(path, '--db', db);
  const stored = readFileSync(db).toString('latin1');
  for (const secret of [TOKEN.slice(6), SESSION.slice(8, 30), PASSWORD]) {
    expect(run.stdout).not.toContain(secret);
    expect(stored).not.toContain(secret);
  }
  return run;
}

describe("PowerShell's table view as the response", () => {
  it.each([
    ['Windows PowerShell 5, cut with ...', '\r\n', [
      'PS C:\\> ' + PRIMARY, 'PS C:\\> $r', '',
      'expiresAt                status  sessionToken                   _embedded',
      '---------                ------  ------------                   ---------',
      '2024-03-01T10:05:01.000Z SUCCESS 20111PsSessionTok0123456789... @{user=}', '',
    ]],
    ['PowerShell 7, cut with …, a locale date', '\n', [
      'PS /home/kim> ' + PRIMARY, 'PS /home/kim> $r', '',
      'expiresAt           status  sessionToken                 _embedded',
      '---------           ------  ------------                 ---------',
      '01.03.2024 10:05:01 SUCCESS 20111PsSessionTok0123456789… @{user=}', '',
    ]],
    ['in the next code block, after "Response:"', '\r\n', [
      '```powershell', PRIMARY, '$r', '```', 'Response:', '```',
      'expiresAt                status  sessionToken                          _embedded',
      '---------                ------  ------------                          ---------',
      `2024-03-01T10:05:01.000Z SUCCESS ${SESSION}          @{user=}`, '```',
    ]],
  ])('%s: the status read, the session token never in clear, what was cut warned about', async (name, eol, lines) => {
    const { json, stderr } = await clean(file(lines as string[], eol as string));
    expect(steps(json)).toEqual(['primary:START->SUCCESS:200']);
    expect(json.transactions[0].outcome).toBe('SUCCESS');
    expect(json.verdict.answer).not.toMatch(/is not shown/);
    expect(stderr).toMatch(/PowerShell printed _embedded\.user as a type name or nothing/);
    if ((name as string).includes('cut')) expect(stderr).toMatch(/PowerShell cut sessionToken with \.\.\. \(the table view shortens long values\)/);
    // The cut token is a call's value, not a secret on a line no call holds.
    expect(json.verdict.evidence.map((e: any) => e.text).join(' ')).not.toMatch(/lines not read as calls/);
  });

  it("links the stateToken chain through `$r.stateToken` when Format-Table shows it whole, and reads the verify's table", async () => {
    const path = file([
      'PS C:\\> ' + PRIMARY, 'PS C:\\> $r | Format-Table -AutoSize', '',
      'status       stateToken                                 expiresAt                factorResult _embedded',
      '------       ----------                                 ---------                ------------ ---------',
      `MFA_REQUIRED ${TOKEN} 2024-03-01T10:05:01.000Z              @{user=; factors=System.Object[]}`, '',
      'PS C:\\> ' + VERIFY, 'PS C:\\> $s', '',
      'expiresAt                status  sessionToken',
      '---------                ------  ------------',
      `2024-03-01T10:06:01.000Z SUCCESS ${SESSION}`, '',
    ]);
    const { json } = await clean(path);
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200', 'factors.verify:MFA_REQUIRED->SUCCESS:200']);
    const prints = json.transactions[0].steps.map((s: any) => s.stateToken.fingerprint);
    expect(prints[0]).toMatch(/^#/);
    expect(prints[1]).toBe(prints[0]);
    expect(json.transactions[0].steps.map((s: any) => s.expiresAt)).toEqual(['2024-03-01T10:05:01.000Z', '2024-03-01T10:06:01.000Z']);
  });

  it.each([
    ['Windows PowerShell 5', 'WARNING: column "_links" does not fit into the display and was removed.', 'the columns _links, stateTo… (its name cut)'],
    ['PowerShell 7', 'WARNING: 2 columns do not fit into the display and were removed.', 'the column stateTo… (its name cut) and 2 columns'],
  ])('%s: names the columns a narrow console dropped or whose names it cut, and never guesses them', async (_, warning, said) => {
    const path = file([
      '```', PRIMARY, '$r | Format-Table', '',
      warning, '',
      'status       stateTo… expiresAt            _embedded',
      '------       -------- ---------            ---------',
      'MFA_REQUIRED 00PsSta… 3/13/2024 10:05:01 … @{user=; factors=System.Object[]}', '```',
    ]);
    const { json, stderr } = await clean(path);
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    expect(stderr).toContain(`PowerShell's table view did not show ${said} (too narrow a console); not read`);
    expect(stderr).toMatch(/PowerShell cut expiresAt with \.\.\./);
    // A cut date is no date: kept as printed.
    expect(json.transactions[0].steps[0].expiresAt).toBe('3/13/2024 10:05:01 …');
    expect(json.transactions[0].steps[0].stateToken.fingerprint).toBeNull();
  });

  it('reads Format-Table -Wrap, the long token carried over the next lines, whole', async () => {
    const path = file([
      'PS C:\\> ' + PRIMARY, 'PS C:\\> $r | Format-Table -Wrap', '',
      'status       stateToken           expiresAt',
      '------       ----------           ---------',
      `MFA_REQUIRED ${TOKEN.slice(0, 20)} 2024-03-01T10:05:01.000Z`,
      `             ${TOKEN.slice(20, 40)}`,
      `             ${TOKEN.slice(40)}`, '',
      'PS C:\\> ' + VERIFY, '',
      'Invoke-RestMethod : {"errorCode":"E0000068","errorSummary":"Invalid Passcode/Answer","errorCauses":[]}',
    ], '\r\n');
    const { json, stderr } = await clean(path);
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200', 'factors.verify:MFA_REQUIRED->MFA_REQUIRED:403']);
    const prints = json.transactions[0].steps.map((s: any) => s.stateToken.fingerprint);
    expect(prints[0]).toMatch(/^#/);
    expect(prints[1]).toBe(prints[0]);
    expect(stderr).not.toMatch(/cut|table view/);
    // The token's pieces on the wrapped lines are the call's, not secrets on lines no call holds.
    expect(json.verdict.evidence.map((e: any) => e.text).join(' ')).not.toMatch(/lines not read as calls/);
    // sanitize masks the pieces the wrap left on each line, where no name says they are a token's.
    const out = join(dir, `${n++}-sanitized.txt`);
    expect((await runCli('sanitize', path, '--db', ':memory:', '-o', out)).code).toBe(0);
    const sanitized = readFileSync(out, 'utf8').split('\r\n');
    expect(sanitized.slice(5, 8)).toEqual(['MFA_REQUIRED [redacted stateToken part] 2024-03-01T10:05:01.000Z', '             [redacted stateToken part]', '             ef']);
  });

  it("takes no hashtable's Name / Value view printed after the call ($headers) for its response", async () => {
    const path = file([
      'PS C:\\> $headers = @{ Accept = "application/json" }',
      'PS C:\\> ' + PRIMARY.replace('-Method Post', '-Method Post -Headers $headers'), 'PS C:\\> $headers', '',
      'Name                           Value', '----                           -----', 'Accept                         application/json', '',
    ]);
    const { json } = await clean(path);
    expect(steps(json)).toEqual(['primary:START->START:null']);
  });
});

describe('dates PowerShell 7 printed in the console locale', () => {
  const list = (expiresAt: string) => ['status       : MFA_REQUIRED', `stateToken   : ${TOKEN}`, `expiresAt    : ${expiresAt}`, '_embedded    : @{user=; factors=System.Object[]}'];

  it.each([
    ['de-DE', '01.03.2024 10:05:01', '2024-03-01 10:05:01 (zone unknown)'],
    ['ja-JP', '2024/03/01 10:05:01', '2024-03-01 10:05:01 (zone unknown)'],
    ['en-US, a day past the 12th', '3/13/2024 10:05:01 AM', '2024-03-13 10:05:01 (zone unknown)'],
  ])('%s: read as a date, marked as of unknown zone, and warned about', async (_, printed, read) => {
    const { json, stderr } = await clean(file(['```powershell', PRIMARY, '$r', '```', '```', ...list(printed), '```']));
    expect(json.transactions[0].steps[0].expiresAt).toBe(read);
    expect(stderr).toContain(`PowerShell 7 printed expiresAt as ${printed}: a date in the console's locale, without its time zone; read as a date of unknown zone, not compared with other times`);
    expect(rules(json)).not.toContain('timeline-inconsistent');
  });

  it.each([
    ['en-GB', '01/03/2024 10:05:01', '2024-01-03 or 2024-03-01'],
    ['en-US', '3/1/2024 10:05:01 AM', '2024-03-01 or 2024-01-03'],
  ])('%s, day and month either way: kept as printed, not read as a date, and said so', async (_, printed, readings) => {
    const { json, stderr } = await clean(file(['```powershell', PRIMARY, '$r', '```', '```', ...list(printed), '```']));
    expect(json.transactions[0].steps[0].expiresAt).toBe(printed);
    expect(stderr).toContain(`PowerShell 7 printed expiresAt as ${printed}: a date in the console's locale whose day and month order is unknown (${readings}); kept as printed, not read as a date`);
  });

  // The first call run in Windows PowerShell 5 (Okta's text), the second in PowerShell 7 on an en-GB console:
  // read as instants, 01/03 would be January 3, two months before the first response.
  const mixed = [
    'PS C:\\> ' + PRIMARY, 'PS C:\\> $r | ConvertTo-Json', '{',
    `    "stateToken":  "${TOKEN}",`,
    '    "expiresAt":  "2024-03-01T10:05:00.000Z",',
    '    "status":  "MFA_REQUIRED",',
    '    "_embedded":  { "user":  "@{id=00u1a2b3c4d5e6f7g8h9; passwordChanged=2024-02-01T08:00:00.000Z; profile=}" }',
    '}',
    'PS C:\\> ' + VERIFY.replace('$s = ', '').replace('"123456"', '"000000"'), '',
    'Invoke-RestMethod: {"errorCode":"E0000068","errorSummary":"Invalid Passcode/Answer","errorCauses":[]}',
    'PS C:\\> ' + VERIFY.replace('$s = ', ''), '',
    'status       : MFA_CHALLENGE',
    `stateToken   : ${TOKEN}`,
    'expiresAt    : 01/03/2024 10:06:00',
    'factorResult : WAITING',
    '_embedded    : @{user=@{id=00u1a2b3c4d5e6f7g8h9; passwordChanged=01/02/2024 08:00:00; profile=}; factor=}',
  ];

  it('draws no conclusion from a date whose order or zone the print does not give: no regressed expiresAt or passwordChanged', async () => {
    const path = file(mixed);
    const { json, stderr } = await clean(path);
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200', 'factors.verify:MFA_REQUIRED->MFA_REQUIRED:403', 'factors.verify:MFA_REQUIRED->MFA_CHALLENGE:200']);
    const last = json.transactions[0].steps[2];
    expect([last.expiresAt, last.passwordChanged]).toEqual(['01/03/2024 10:06:00', '01/02/2024 08:00:00']);
    expect(rules(json)).not.toContain('expires-at-regressed');
    expect(rules(json).filter((r: string) => r.startsWith('password-changed') || r === 'timeline-inconsistent')).toEqual([]);
    expect(stderr).toMatch(/PowerShell 7 printed _embedded\.user\.passwordChanged as 01\/02\/2024 08:00:00: .*day and month order is unknown/);
    // The tables mark no move of passwordChanged either way, and show the values as printed.
    const table = await runCli('analyze', path, '--db', ':memory:', '--format', 'markdown');
    expect(table.stdout).toContain('01/02/2024 08:00:00');
    expect(table.stdout).not.toMatch(/went back|advanced|↓|↑/);
  });

  it('reads the same flow from a de-DE console as dates, and still compares none of them', async () => {
    const path = file(mixed.map((l) => l.replace('01/03/2024 10:06:00', '01.03.2024 10:06:00').replace('01/02/2024 08:00:00', '01.02.2024 08:00:00')));
    const { json } = await clean(path);
    const last = json.transactions[0].steps[2];
    expect([last.expiresAt, last.passwordChanged]).toEqual(['2024-03-01 10:06:00 (zone unknown)', '2024-02-01 08:00:00 (zone unknown)']);
    expect(rules(json).filter((r: string) => /regressed|password-changed|timeline-inconsistent/.test(r))).toEqual([]);
  });
});
