import { describe, expect, it } from 'vitest';
import { readFetchCall } from '../../../src/sources/transcript/fetch-call.js';
import { readHttpieArgs } from '../../../src/sources/transcript/httpie-args.js';
import { findCurlCommands } from '../../../src/sources/transcript/curl-commands.js';
import { toLines } from '../../../src/sources/transcript/text.js';

describe('HTTPie command lines', () => {
  it('reads items as HTTPie sends them: JSON fields, raw JSON, nested names, headers, query, method by body', () => {
    const req = readHttpieArgs(`http --verbose POST dev-1.okta.com/api/v1/authn username=a@b.c 'password=Pa ss!' options:='{"warnBeforePasswordExpired":true}' context[deviceToken]=abc Accept:application/json lang==en`);
    expect(req.method).toBe('POST');
    expect(req.url).toBe('http://dev-1.okta.com/api/v1/authn?lang=en');
    expect(JSON.parse(req.data!)).toEqual({ username: 'a@b.c', password: 'Pa ss!', options: { warnBeforePasswordExpired: true }, context: { deviceToken: 'abc' } });
    expect(req.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json' });
    expect(readHttpieArgs('https dev-1.okta.com/api/v1/authn/factors x==1').method).toBe('GET');
    expect(readHttpieArgs('https dev-1.okta.com/api/v1/authn').url).toBe('https://dev-1.okta.com/api/v1/authn');
    expect(readHttpieArgs('http :3000/api/v1/authn username=x').url).toBe('http://localhost:3000/api/v1/authn');
  });

  it('reads --form fields as a form body, --raw as the body as written, -a as Basic auth, and notes file fields', () => {
    const form = readHttpieArgs('http -f POST https://dev-1.okta.com/oauth2/v1/token grant_type=password username=a@b.c password=x%y');
    expect(form.data).toBe('grant_type=password&username=a%40b.c&password=x%25y');
    expect(form.headers['content-type']).toMatch(/x-www-form-urlencoded/);
    expect(readHttpieArgs(`http --raw='{"username":"a"}' POST https://dev-1.okta.com/api/v1/authn`).data).toBe('{"username":"a"}');
    expect(readHttpieArgs('http -a admin:pw GET https://dev-1.okta.com/api/v1/users').headers.authorization).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
    const file = readHttpieArgs('http POST https://dev-1.okta.com/api/v1/authn @body.json');
    expect(file.notes.join(' ')).toMatch(/body\.json|not read/);
    expect(readHttpieArgs('http POST https://dev-1.okta.com/api/v1/authn', '{"username":"piped"}').data).toBe('{"username":"piped"}');
  });

  it('finds HTTPie commands behind a prompt, and not prose that starts with the word', () => {
    const lines = toLines(['$ http POST https://dev-1.okta.com/api/v1/authn username=a', 'http is the protocol we use', 'xh https://dev-1.okta.com/api/v1/authn/factors', 'https://dev-1.okta.com/api/v1/authn is the URL'].join('\n'));
    expect(findCurlCommands(lines).map((c) => [c.kind, c.line.no])).toEqual([['httpie', 1], ['httpie', 3]]);
  });
});

describe('fetch() calls', () => {
  it("reads DevTools' Copy as fetch: JSON init with headers, a string body and the method", () => {
    const req = readFetchCall(`fetch("https://dev-1.okta.com/api/v1/authn", {\n  "headers": {"content-type": "application/json"},\n  "body": "{\\"username\\":\\"a@b.c\\"}",\n  "method": "POST",\n  "mode": "cors"\n});`);
    expect(req).toMatchObject({ method: 'POST', url: 'https://dev-1.okta.com/api/v1/authn', data: '{"username":"a@b.c"}' });
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('reads hand-written calls: unquoted keys, single quotes, JSON.stringify bodies, header pairs; GET without a body', () => {
    const req = readFetchCall(`await fetch('https://dev-1.okta.com/api/v1/authn/factors/emf1/verify', {\n  method: 'post',\n  headers: [['Content-Type', 'application/json']],\n  body: JSON.stringify({ stateToken: '00abc', passCode: '123456' }),\n})`);
    expect(req.method).toBe('POST');
    expect(JSON.parse(req.data!)).toEqual({ stateToken: '00abc', passCode: '123456' });
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.notes.join(' ')).toMatch(/JSON\.stringify/);
    expect(readFetchCall(`fetch("https://dev-1.okta.com/api/v1/authn/factors")`)).toMatchObject({ method: 'GET', data: null });
    const code = readFetchCall('fetch("https://dev-1.okta.com/api/v1/authn", { method: "POST", body: payload })');
    expect(code.data).toBeNull();
    expect(code.notes.join(' ')).toMatch(/variable payload/);
    expect(readFetchCall('fetch("https://dev-1.okta.com/api/v1/authn", { method: "POST", body: JSON.stringify(creds) })').data).toBeNull();
  });

  it('finds a call that spans lines and ends where its parentheses close, strings with brackets included', () => {
    const lines = toLines(['const r = await fetch(`https://dev-1.okta.com/api/v1/authn`, {', '  body: "{\\"a\\": \\")\\"}",', '});', '{"status": "SUCCESS"}'].join('\n'));
    const [cmd] = findCurlCommands(lines);
    expect(cmd!.kind).toBe('fetch');
    expect(cmd!.output.map((l) => l.text)).toEqual(['{"status": "SUCCESS"}']);
  });
});
