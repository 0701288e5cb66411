import { describe, expect, it } from 'vitest';
import { evaluate, isPowerShellStart, listView, PowerShellScope, readPowerShellCommand, statementEnd, unprinted } from '../../../src/sources/transcript/powershell.js';
import { toLines } from '../../../src/sources/transcript/text.js';
import { findCurlCommands } from '../../../src/sources/transcript/curl-commands.js';

describe('PowerShell values as pastes write them', () => {
  it('reads hashtables, arrays, numbers, booleans and nested values, through ConvertTo-Json', () => {
    const scope = new PowerShellScope();
    const text = `@{ username = "ann@example.com"; 'password' = 'it''s'
      options = @{ multiOptionalFactorEnroll = $false; warnBeforePasswordExpired = $true }
      n = 3; list = @('a', "b"); pair = 1, 2 } | ConvertTo-Json -Depth 5`;
    expect(JSON.parse(evaluate(text, scope) as string)).toEqual({
      username: 'ann@example.com',
      password: "it's",
      options: { multiOptionalFactorEnroll: false, warnBeforePasswordExpired: true },
      n: 3,
      list: ['a', 'b'],
      pair: [1, 2],
    });
  });

  it('reads here-strings, escapes and variables set before, and property access on a parsed result', () => {
    const scope = new PowerShellScope();
    scope.set('okta', 'https://dev-1.okta.com');
    scope.set('r', { stateToken: '00abc', _embedded: { user: { id: '00u1' } } });
    expect(evaluate(`"$okta/api/v1/authn"`, scope)).toBe('https://dev-1.okta.com/api/v1/authn');
    expect(evaluate('"{`"a`":`"$($r.stateToken)`"}"', scope)).toBe('{"a":"00abc"}');
    expect(evaluate('$R._embedded.user.id', scope)).toBe('00u1');
    expect(evaluate("@'\n{\"stateToken\": \"$r\"}\n'@", scope)).toBe('{"stateToken": "$r"}');
    expect(evaluate(`('{"stateToken":"00xyz"}' | ConvertFrom-Json).stateToken`, scope)).toBe('00xyz');
  });

  it('shows what the transcript does not give as a {{placeholder}}', () => {
    const scope = new PowerShellScope();
    expect(evaluate('@{ stateToken = $resp.stateToken; auth = "SSWS $token" } | ConvertTo-Json', scope)).toBe(
      JSON.stringify({ stateToken: '{{$resp.stateToken}}', auth: 'SSWS {{$token}}' }),
    );
  });
});

describe('a PowerShell web request', () => {
  it('reads -Uri, -Method, -ContentType, -Headers and a JSON -Body, with parameter prefixes and switches', () => {
    const scope = new PowerShellScope();
    const { request, result, webRequest } = readPowerShellCommand(
      `$r = Invoke-RestMethod -Meth post -Uri 'https://dev-1.okta.com/api/v1/authn' -UseBasicParsing -Headers @{ Accept = 'application/json'; 'X-Okta-User-Agent-Extended' = 'ps' } -ContentType application/json -Body '{"username":"a@b.c"}' | ConvertTo-Json`,
      scope,
    );
    expect(result).toBe('r');
    expect(webRequest).toBe(false);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://dev-1.okta.com/api/v1/authn');
    expect(request.headers).toEqual({ accept: 'application/json', 'x-okta-user-agent-extended': 'ps', 'content-type': 'application/json' });
    expect(request.data).toBe('{"username":"a@b.c"}');
    expect(request.notes).toEqual([]);
  });

  it('sends a hashtable body form-encoded and a request without -Method as GET, and says so', () => {
    const { request, webRequest } = readPowerShellCommand(`iwr https://dev-1.okta.com/api/v1/authn -Body @{ username = 'a@b.c' }`, new PowerShellScope());
    expect(webRequest).toBe(true);
    expect(request.method).toBe('GET');
    expect(request.data).toBe('username=a%40b.c');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.notes.join(' | ')).toMatch(/form-encoded.*\| no -Method: PowerShell sends GET/);
  });

  it('notes a body or headers it cannot see', () => {
    const { request } = readPowerShellCommand(`Invoke-RestMethod -Method Post -Uri $url -Headers $h -Body $payload`, new PowerShellScope());
    expect(request.url).toBe('{{$url}}');
    expect(request.data).toBeNull();
    expect(request.notes).toEqual(['headers are {{$h}}, not in the transcript', 'request body is $payload, not in the transcript', 'not in the transcript, shown as {{…}}: $url']);
  });
});

describe('finding PowerShell commands and their output', () => {
  it("reads Windows PowerShell's curl alias with cmdlet parameters as Invoke-WebRequest, not as curl", () => {
    const lines = toLines(`PS C:\\> curl -Uri https://dev-1.okta.com/api/v1/authn -Method POST -Body '{"username":"a"}'\ncurl -X POST https://dev-1.okta.com/api/v1/authn -d '{}'`);
    expect(findCurlCommands(lines).map((c) => c.kind)).toEqual(['powershell', 'curl']);
    const { request, webRequest } = readPowerShellCommand(findCurlCommands(lines)[0]!.text, new PowerShellScope());
    expect([request.method, request.url, request.data, webRequest]).toEqual(['POST', 'https://dev-1.okta.com/api/v1/authn', '{"username":"a"}', true]);
  });

  it('tells a command from prose that names the cmdlet', () => {
    expect(isPowerShellStart('PS C:\\> $r = Invoke-RestMethod -Uri $u -Method Post')).toBe(true);
    expect(isPowerShellStart('>> irm https://x.okta.com/api/v1/authn')).toBe(true);
    expect(isPowerShellStart('Invoke-RestMethod returns an object, not the raw JSON.')).toBe(false);
  });

  it('ends a statement after its backtick continuations, hashtables and here-strings', () => {
    const lines = toLines(['irm -Uri x `', '  -Method Post -Body @{', '  a = 1', '}', 'next', "$b = @'", '{"x": 1}', "'@", 'after'].join('\n'));
    expect(statementEnd(lines, 0, lines.length)).toBe(4);
    expect(statementEnd(lines, 5, lines.length)).toBe(8);
  });

  it("reads an object's list view, nested values as PowerShell printed them, what it did not print left out", () => {
    const list = listView(['expiresAt    : 2024-02-01T10:05:00.000Z', 'status       : MFA_CHALLENGE', 'factorResult : WAITING', '_embedded    : @{user=; factor=@{id=opf1}; factors=System.Object[]}', 'count        : 2', 'ok           : True', 'stateToken   : 00abcDEF...']);
    expect(list).toMatchObject({ _embedded: '@{user=; factor=@{id=opf1}; factors=System.Object[]}', stateToken: '00abcDEF...' });
    expect(unprinted(list, true)).toEqual({
      body: { expiresAt: '2024-02-01T10:05:00.000Z', status: 'MFA_CHALLENGE', factorResult: 'WAITING', _embedded: { factor: { id: 'opf1' } }, count: 2, ok: true, stateToken: '00abcDEF...' },
      leftOut: ['_embedded.user', '_embedded.factors'],
      cut: ['stateToken'],
    });
    // A label or YAML (`name:`, no space before the colon) is no list view.
    expect(listView(['Response:', 'status: MFA_REQUIRED'])).toBeNull();
    expect(listView(['just prose here'])).toBeNull();
  });
});
