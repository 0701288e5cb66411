import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * What a PowerShell call printed, read as its response through the real import and analysis: the list view,
 * ConvertTo-Json, Invoke-WebRequest's response and the error record, in the call's code block or the next
 * one (after `Response:` / `Output:` / `Result:`), LF and CRLF; what the list view does not show (nested
 * objects, values cut with `...`) is never read as a value, and is warned about.
 */

const dir = tempDir('authtrail-ps-output-');
let n = 0;
const file = (text: string, eol = '\n') => {
  const path = join(dir, `${n++}-paste.md`);
  writeFileSync(path, text.split('\n').join(eol));
  return path;
};
const steps = (json: any) => json.transactions.flatMap((t: any) => t.steps.map((s: any) => `${s.operation}:${s.statusBefore}->${s.statusAfter}:${s.httpStatus}`));
const unanswered = (json: any) => json.verdict.answer.includes('is not shown');

const ORG = 'https://dev-42.okta.com';
const TOKEN = '00PsStateKilo9xKq2LmNoPq7RsTuVwXyZ01abcdef';
const API_KEY = '00PsApiKeyIndigo1a2b3c4d5e6f7g8h9i0jKLMNOPqr';
const PASSWORD = 'PsPwJuliet#42';
const CALL = [
  `$headers = @{ "Authorization" = "SSWS ${API_KEY}"; "Accept" = "application/json" }`,
  `$body = @{ username = "kim@example.com"; password = "${PASSWORD}" } | ConvertTo-Json`,
  `Invoke-RestMethod -Uri "${ORG}/api/v1/authn" -Method Post -Headers $headers -Body $body -ContentType "application/json"`,
];
const LIST = ['status       : MFA_REQUIRED', `stateToken   : ${TOKEN}`, 'expiresAt    : 2024-03-01T10:05:00.000Z'];

/** Nothing of a clear secret in the output or the database. */
async function clean(path: string) {
  const db = join(dir, `${n++}.db`);
  const run = await analyzeJson(path, '--db', db);
  const stored = readFileSync(db).toString('latin1');
  for (const secret of [TOKEN.slice(6), API_KEY.slice(6), PASSWORD, '20111PsSessionTok']) {
    expect(run.stdout).not.toContain(secret);
    expect(stored).not.toContain(secret);
  }
  return run;
}

describe("a PowerShell call's output in the next code block", () => {
  it('reads the forum fixture: the list view after "Response:" is the answer to the call', async () => {
    const { json } = await clean('test/fixtures/transcripts/secrets/config-and-code-blocks.md');
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    expect(json.transactions[0].steps[0].expiresAt).toBe('2024-03-01T10:05:00.000Z');
    expect(json.transactions[0].steps[0].stateToken.fingerprint).toMatch(/^#/);
    expect(unanswered(json)).toBe(false);
    expect(json.verdict.answer).toMatch(/^not an Okta bug/);
  });

  it.each([
    ['Response:', '\n'],
    ['Output:', '\r\n'],
    ['**Result:**', '\r\n'],
    ['and this is what I get back:', '\n'],
    ['', '\n'],
  ])('after %j (%j line ends)', async (label, eol) => {
    const text = ['Hi, my script:', '', '```powershell', ...CALL, '```', '', ...(label ? [label, ''] : []), '```', ...LIST, '```', '', 'Any idea?'].join('\n');
    const { json, stderr } = await clean(file(text, eol));
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    expect(unanswered(json)).toBe(false);
    expect(stderr).not.toMatch(/warning/);
  });

  it('does not take a block of something else for the output (a .env after the call), and says the answer is not shown', async () => {
    const text = ['```powershell', ...CALL, '```', '', 'Also my .env:', '', '```', `OKTA_ORG_URL=${ORG}`, 'OKTA_CLIENT_ID=0oa1', '```', '', 'Response:', '', '```', ...LIST, '```'].join('\n');
    const { json } = await analyzeJson(file(text), '--db', ':memory:');
    expect(steps(json)).toEqual(['primary:START->START:null']);
    expect(unanswered(json)).toBe(true);
  });

  it('reads `$r | ConvertTo-Json` typed after the call, its JSON in the next block', async () => {
    const json1 = JSON.stringify({ status: 'MFA_REQUIRED', stateToken: TOKEN, expiresAt: '2024-03-01T10:05:00.000Z' }, null, 4);
    const text = ['```powershell', `$r = ${CALL[2]!.replace('$body', `'{"username":"kim@example.com","password":"${PASSWORD}"}'`).replace(' -Headers $headers', '')}`, '$r | ConvertTo-Json -Depth 5', '```', 'Result:', '```json', json1, '```'].join('\n');
    const { json } = await clean(file(text, '\r\n'));
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
  });
});

describe("a PowerShell call's output in its own block", () => {
  it.each([
    ['without a prompt', '', '\n'],
    ['after PS C:\\>', 'PS C:\\Users\\kim> ', '\r\n'],
    ['after PS 7 on Linux', 'PS /home/kim> ', '\n'],
  ])('list view right after the call, %s', async (_, prompt, eol) => {
    const text = ['```', ...CALL.map((l) => prompt + l), '', ...LIST, '', prompt.trim(), '```'].join('\n');
    const { json } = await clean(file(text, eol));
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    expect(unanswered(json)).toBe(false);
  });

  it("leaves out what the list view did not print (@{user=; factors=System.Object[]}) and keeps a cut token cut, with warnings", async () => {
    const text = [
      '```',
      ...CALL.slice(0, 2),
      `$r = ${CALL[2]}`,
      '$r',
      '',
      'stateToken   : 00PsStateKilo9xKq2...',
      'expiresAt    : 2024-03-01T10:05:00.000Z',
      'status       : MFA_REQUIRED',
      '_embedded    : @{user=; factors=System.Object[]}',
      '_links       : @{next=; cancel=}',
      '```',
    ].join('\n');
    const path = file(text, '\r\n');
    const { json, stderr } = await clean(path);
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    // The cut token reads as masked (its visible head), not as a token shown in clear.
    expect(json.transactions[0].steps[0].stateToken.fingerprint).toMatch(/^00PsSt\w*…$/);
    expect(json.findings.filter((f: any) => f.rule === 'secret-exposed').map((f: any) => f.evidence.field).sort()).toEqual(['authorization', 'password']);
    expect(stderr).toMatch(/response: PowerShell printed _embedded\.user, _embedded\.factors, _links\.next, _links\.cancel as a type name or nothing .*; left out, not read as values/);
    expect(stderr).toMatch(/response: PowerShell cut stateToken with \.\.\. .*kept as cut/);
    const show = await runCli('show', '1.1:1', path, '--db', ':memory:');
    expect(show.stdout).toContain('"stateToken": "00PsStateKilo9xKq2..."');
    // An object none of whose members were printed is unknown, not empty (empty _links would say none were published).
    expect(show.stdout).not.toMatch(/"_embedded"|"_links"/);
    expect(show.stdout).not.toContain('System.Object[]');
  });

  it('reads ConvertTo-Json without -Depth: the members PowerShell wrote as @{…} text are read one level, the rest left out', async () => {
    const text = [
      'PS C:\\> ' + CALL[0], 'PS C:\\> ' + CALL[1], `PS C:\\> $r = ${CALL[2]}`, 'PS C:\\> $r | ConvertTo-Json',
      'WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.',
      '{',
      `    "stateToken":  "${TOKEN}",`,
      '    "expiresAt":  "2024-03-01T10:05:00.000Z",',
      '    "status":  "MFA_REQUIRED",',
      '    "_embedded":  {',
      '                      "user":  "@{id=00u1a2b3c4d5e6f7g8h9; passwordChanged=2024-02-01T08:00:00.000Z; profile=}",',
      '                      "factors":  "System.Object[]"',
      '                  }',
      '}',
    ].join('\n');
    const path = file(text);
    const { json, stderr } = await clean(path);
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    expect(json.transactions[0].steps[0].passwordChanged).toBe('2024-02-01T08:00:00.000Z');
    expect(stderr).toMatch(/PowerShell printed _embedded\.user\.profile, _embedded\.factors as a type name or nothing/);
  });
});

describe('Invoke-WebRequest and failed calls', () => {
  it('reads StatusCode, Content and the headers of RawContent', async () => {
    const content = JSON.stringify({ stateToken: TOKEN, expiresAt: '2024-03-01T10:05:00.000Z', status: 'MFA_REQUIRED' });
    const text = [
      '```powershell',
      `$resp = Invoke-WebRequest -Uri ${ORG}/api/v1/authn -Method POST -ContentType application/json -Body '{"username":"kim@example.com","password":"${PASSWORD}"}'`,
      '$resp',
      '```',
      '```',
      'StatusCode        : 200',
      'StatusDescription : OK',
      `Content           : ${content}`,
      'RawContent        : HTTP/1.1 200 OK',
      '                    Content-Type: application/json',
      '                    Set-Cookie: JSESSIONID=PsCookieValue0123456789; Path=/',
      '                    Date: Fri, 01 Mar 2024 10:00:00 GMT',
      'Headers           : {[Content-Type, application/json], [Date, Fri, 01 Mar 2024 10:00:00 GMT]}',
      'RawContentLength  : 120',
      '```',
    ].join('\n');
    const db = join(dir, 'iwr.db');
    const { json } = await clean(file(text, '\r\n'));
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    const again = await analyzeJson(file(text), '--db', db);
    expect(again.json.findings.filter((f: any) => f.rule === 'secret-exposed').map((f: any) => f.evidence.field)).toContain('set-cookie');
    expect(readFileSync(db).toString('latin1')).not.toContain('PsCookieValue0123456789');
  });

  it('reads a Content PowerShell cut with ... as far as it goes, and warns', async () => {
    const text = [
      `PS C:\\> Invoke-WebRequest -Uri ${ORG}/api/v1/authn -Method POST -Body '{"username":"kim@example.com","password":"${PASSWORD}"}'`,
      '',
      'StatusCode        : 200',
      'StatusDescription : OK',
      `Content           : {"status":"MFA_REQUIRED","expiresAt":"2024-03-01T10:05:00.000Z","stateToken":"00PsStateKilo9x...`,
      'RawContent        : HTTP/1.1 200 OK',
      '                    Content-Type: application/json',
      '                    ...',
    ].join('\n');
    const { json, stderr } = await clean(file(text));
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200']);
    expect(json.transactions[0].steps[0].stateToken.fingerprint).toMatch(/^00PsSt\w*…$/);
    expect(stderr).toMatch(/PowerShell cut Content with \.\.\./);
  });

  it.each([
    ['Windows PowerShell 5', [
      'Invoke-RestMethod : {"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oae1","errorCauses":[]}',
      'At line:1 char:1',
      '+ Invoke-RestMethod -Uri "https://dev-42.okta.com/api/v1/authn/factors ...',
      '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException',
      '    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand',
    ], 401],
    ['PowerShell 7, pretty-printed', [
      'Invoke-RestMethod: ',
      '{',
      '  "errorCode": "E0000011",',
      '  "errorSummary": "Invalid token provided",',
      '  "errorLink": "E0000011",',
      '  "errorId": "oae2",',
      '  "errorCauses": []',
      '}',
    ], 401],
    ["PowerShell 7's view of a script's error", [
      'Invoke-RestMethod: C:\\scripts\\verify.ps1:3',
      'Line |',
      '   3 |  Invoke-RestMethod -Uri "https://dev-42.okta.com/api/v1/authn/factors/s …',
      '     |  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
      '     | {"errorCode":"E0000068","errorSummary":"Invalid Passcode/Answer","errorCauses":[]}',
    ], 403],
    ['PowerShell 7 with no body', ['Invoke-RestMethod: Response status code does not indicate success: 401 (Unauthorized).'], 401],
    ['Windows PowerShell 5 with no body', ['Invoke-RestMethod : The remote server returned an error: (429) Too Many Requests.', 'At line:1 char:1', '+ Invoke-RestMethod …'], 429],
  ])('the error record of %s: its status and body', async (_, record, status) => {
    const text = [
      '```powershell',
      `Invoke-RestMethod -Uri "${ORG}/api/v1/authn/factors/sms1a2b3/verify" -Method Post -ContentType "application/json" -Body '{"stateToken":"00abc...xyz","passCode":"123456"}'`,
      '```',
      'Error:',
      '```',
      ...(record as string[]),
      '```',
    ].join('\n');
    const { json } = await clean(file(text, '\r\n'));
    expect(json.transactions[0].steps[0].httpStatus).toBe(status);
    const code = (record as string[]).join(' ').match(/E0000\d+/)?.[0] ?? null;
    expect(json.transactions[0].steps[0].errorCode).toBe(code);
    // With Okta's body the answer is read; with the cmdlet's message alone only the status is, and the verdict says so.
    expect(unanswered(json)).toBe(code === null);
    if (code === null) expect(json.verdict.evidence.map((e: any) => e.text).join(' ')).toMatch(/1 request has no response in the evidence: only its HTTP status/);
  });
});

describe('several PowerShell calls, each with its output', () => {
  const verify = (v: string, code: string) =>
    `${v}Invoke-RestMethod -Uri "${ORG}/api/v1/authn/factors/ostf1a2b3c4d/verify" -Method Post -ContentType "application/json" -Body (@{ stateToken = $r.stateToken; passCode = "${code}" } | ConvertTo-Json)`;
  const primary = `$r = Invoke-RestMethod -Uri "${ORG}/api/v1/authn" -Method Post -ContentType "application/json" -Body '{"username":"kim@example.com","password":"${PASSWORD}"}'`;

  it.each([
    ['each output in its own block', '\r\n', [
      '```powershell', primary, '$r', '```', 'Response:', '```', ...LIST, '```', '',
      'Then the wrong code:', '```powershell', verify('', '000000'), '```', 'Output:', '```',
      'Invoke-RestMethod : {"errorCode":"E0000068","errorSummary":"Invalid Passcode/Answer","errorCauses":[]}', 'At line:1 char:1', '```', '',
      'And the right one:', '```powershell', verify('$s = ', '123456'), '$s | ConvertTo-Json', '```', '```',
      JSON.stringify({ status: 'SUCCESS', sessionToken: '20111PsSessionTok0123456789abcdef', expiresAt: '2024-03-01T10:06:00.000Z' }, null, 2), '```',
    ]],
    ['one console session', '\n', [
      'PS C:\\> ' + primary, 'PS C:\\> $r', '', ...LIST, '',
      'PS C:\\> ' + verify('', '000000'),
      'Invoke-RestMethod : {"errorCode":"E0000068","errorSummary":"Invalid Passcode/Answer","errorCauses":[]}', 'At line:1 char:1', '+ Invoke-RestMethod …',
      'PS C:\\> ' + verify('', '123456'), '',
      'status       : SUCCESS', 'sessionToken : 20111PsSessionTok0123456789abcdef', 'expiresAt    : 2024-03-01T10:06:00.000Z', '',
    ]],
  ])('%s: the stateToken chain and each status', async (_, eol, lines) => {
    const { json } = await clean(file((lines as string[]).join('\n'), eol as string));
    expect(json.transactions).toHaveLength(1);
    expect(steps(json)).toEqual(['primary:START->MFA_REQUIRED:200', 'factors.verify:MFA_REQUIRED->MFA_REQUIRED:403', 'factors.verify:MFA_REQUIRED->SUCCESS:200']);
    // The token the first call answered is the one each verify sent: one fingerprint along the chain.
    const prints = json.transactions[0].steps.map((s: any) => s.stateToken?.fingerprint ?? null);
    expect(prints[0]).toMatch(/^#/);
    expect(prints).toEqual([prints[0], prints[0], prints[0]]);
    expect(json.transactions[0].outcome).toBe('SUCCESS');
    expect(unanswered(json)).toBe(false);
  });
});
