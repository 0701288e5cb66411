import { describe, expect, it } from 'vitest';
import { evaluatePython, isPythonCall, printedResponses, pythonOutput, pythonReceivers, PythonResponse, PythonScope, readPythonCall } from '../../../src/sources/transcript/python-requests.js';
import { toLines } from '../../../src/sources/transcript/text.js';

describe('Python requests / httpx calls as pastes write them', () => {
  it('knows requests, httpx and session variables, not any object with a post method', () => {
    const receivers = pythonReceivers(toLines('import requests\ns = requests.Session()\nasync with httpx.AsyncClient() as client:\n'));
    expect([...receivers].sort()).toEqual(['client', 'httpx', 'requests', 's']);
    expect(isPythonCall('r = s.post(f"{OKTA}/api/v1/authn", json=body)', receivers)).toBe(true);
    expect(isPythonCall('resp = await client.post("/api/v1/authn")', receivers)).toBe(true);
    expect(isPythonCall('form.post(data)', receivers)).toBe(false);
    expect(pythonReceivers(toLines('axios.post(url, body)')).size).toBe(0);
  });

  it('reads dicts, f-strings, string sums and values from an earlier response', () => {
    const scope = new PythonScope();
    scope.set('base', 'https://dev-1.okta.com');
    scope.set('r', new PythonResponse({ stateToken: '00abc' }, 200));
    expect(evaluatePython('{"a": True, \'b\': None, "n": [1, 2.5], "t": (1,)}', scope)).toEqual({ a: true, b: null, n: [1, 2.5], t: [1] });
    expect(evaluatePython('f"{base}/api/v1/authn"', scope)).toBe('https://dev-1.okta.com/api/v1/authn');
    expect(evaluatePython('base + "/api/v1/authn"', scope)).toBe('https://dev-1.okta.com/api/v1/authn');
    expect(evaluatePython('r.json()["stateToken"]', scope)).toBe('00abc');
    expect(evaluatePython('r.json().get("missing", "x")', scope)).toBe('x');
    expect(evaluatePython('r.status_code', scope)).toBe(200);
  });

  it('builds the request: method, URL with params, headers, auth, json or form data, and names what it cannot see', () => {
    const scope = new PythonScope();
    const { request, result } = readPythonCall(
      `resp = requests.request("post", url, params={"a": 1}, headers={"Accept": "application/json"}, auth=("u", "p"), json={"stateToken": token})`,
      scope,
    );
    expect(result).toBe('resp');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('{{url}}?a=1');
    expect(request.headers).toEqual({ accept: 'application/json', authorization: `Basic ${Buffer.from('u:p').toString('base64')}`, 'content-type': 'application/json' });
    expect(request.data).toBe('{"stateToken":"{{token}}"}');
    expect(request.notes).toEqual(['not in the paste, shown as {{…}}: url, token']);
    const form = readPythonCall('requests.post("https://x.okta.com/api/v1/authn", data={"username": "a@b.c"})', scope).request;
    expect(form.data).toBe('username=a%40b.c');
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('reads what a call printed, code and fences left out', () => {
    const out = pythonOutput(toLines(['print(r.status_code, r.json())', '```', '', '```', "403 {'errorCode': 'E0000068'}", '```'].join('\n')));
    expect(out).toEqual({ status: 403, lines: ["{'errorCode': 'E0000068'}"] });
    expect(pythonOutput(toLines('>>> r\n<Response [429 Too Many Requests]>\n>>> r.text\n\'{"a": "it\\\'s"}\''))).toEqual({ status: 429, lines: ['{"a": "it\'s"}'] });
  });

  it('reads a member printed or echoed alone as that member of the body, and only for the call it names', () => {
    const repl = [">>> r2.status_code", '200', '>>> r2.json()["status"]', "'PASSWORD_RESET'", ">>> r.json()['stateToken']", "'00abc123'", ">>> r2.json().get('factorResult')", 'None'];
    expect(pythonOutput(toLines(repl.join('\n')), 'r2')).toEqual({ status: 200, lines: ["'00abc123'"], members: { status: 'PASSWORD_RESET', factorResult: null } });
    // Without the name it cannot tell whose member a line is: nothing is read as one.
    expect(pythonOutput(toLines(repl.join('\n'))).members).toBeUndefined();
    expect(pythonOutput(toLines(['print(r.status_code, r.json()["status"])', '200 MFA_REQUIRED'].join('\n')), 'r')).toEqual({ status: 200, lines: [], members: { status: 'MFA_REQUIRED' } });
    // A member that is a document, over two lines; a member further in by position is not read as its parent.
    expect(pythonOutput(toLines([">>> r.json()['_embedded']['user']", "{'id': '00u1',", " 'profile': {'login': 'a@b.c'}}"].join('\n')), 'r').members).toEqual({ _embedded: { user: { id: '00u1', profile: { login: 'a@b.c' } } } });
    expect(pythonOutput(toLines([">>> r.json()['_embedded']['factors'][0]['id']", "'sms1'"].join('\n')), 'r').members).toBeUndefined();
  });

  it('matches REPL echoes as prints: each shows the value of what it names', () => {
    const lines = ['>>> r = requests.post(u, json=a)', '>>> r.status_code', '200', '>>> r.json()["status"]', "'MFA_REQUIRED'", '>>> print(r.json()["stateToken"])', '00abc123', 'then:', '>>> r2 = requests.post(v, json=b)', '>>> r2', '<Response [403]>'];
    const calls = [
      { key: '0', line: 1, result: 'r' },
      { key: '1', line: 9, result: 'r2' },
    ];
    expect(printedResponses(toLines(lines.join('\n')), calls)).toEqual(
      new Map([
        ['0', { status: 200, body: null, members: { status: 'MFA_REQUIRED', stateToken: '00abc123' } }],
        ['1', { status: 403, body: null }],
      ]),
    );
    // A bare word that reads as prose is no member's value: the prints do not line up, nothing is guessed.
    expect(printedResponses(toLines(['r = requests.post(u, json=a)', 'print(r.json()["status"])', 'Output', 'then'].join('\n')), calls.slice(0, 1))).toBeNull();
  });

  it('matches the prints of a script pasted whole to the output pasted after it, or gives up when they do not line up', () => {
    const script = ['r = requests.post(u, json=a)', 'print(r.status_code)', 'print(json.dumps(r.json(), indent=2))', 'r2 = requests.post(v, json=b)', 'print(r2.status_code, r2.text)', 'Output:'];
    const output = ['200', '{', '  "status": "MFA_REQUIRED"', '}', '403 {"errorCode": "E0000068"}'];
    const calls = [
      { key: 'r', line: 1, result: 'r' },
      { key: 'r2', line: 4, result: 'r2' },
    ];
    expect(printedResponses(toLines([...script, ...output].join('\n')), calls)).toEqual(
      new Map([
        ['r', { status: 200, body: ['{', '  "status": "MFA_REQUIRED"', '}'] }],
        ['r2', { status: 403, body: ['{"errorCode": "E0000068"}'] }],
      ]),
    );
    // One document too few: nothing is guessed.
    expect(printedResponses(toLines([...script, '200', '{"status": "MFA_REQUIRED"}'].join('\n')), calls)).toBeNull();
  });

  it('gives each call its own prints when a script assigns every response to the same name', () => {
    const script = ['r = s.post(u, json=a)', 'print(r.status_code, r.json()["status"])', 'r = s.post(v, json=b)', 'print(r.status_code, r.json())', 'Output:'];
    const calls = [
      { key: '0', line: 1, result: 'r' },
      { key: '1', line: 3, result: 'r' },
    ];
    expect(printedResponses(toLines([...script, '200 MFA_REQUIRED', '403 {"errorCode": "E0000068"}'].join('\n')), calls)).toEqual(
      new Map([
        ['0', { status: 200, body: null, members: { status: 'MFA_REQUIRED' } }],
        ['1', { status: 403, body: ['{"errorCode": "E0000068"}'] }],
      ]),
    );
  });

  it('names a member an earlier response does not show by the whole expression', () => {
    const scope = new PythonScope();
    scope.set('r', new PythonResponse({ status: 'MFA_REQUIRED' }, 200));
    const { request } = readPythonCall('r = s.post(f"{B}/factors/{r.json()[\'_embedded\']}/verify", json={"stateToken": r.json()["stateToken"]})', scope);
    expect(request.url).toBe("{{B}}/factors/{{r.json()['_embedded']}}/verify");
    expect(request.data).toBe('{"stateToken":"{{r.json()[\\"stateToken\\"]}}"}');
    expect(request.notes).toEqual([`not in the paste, shown as {{…}}: B, r.json()['_embedded'], r.json()["stateToken"]`]);
  });
});
