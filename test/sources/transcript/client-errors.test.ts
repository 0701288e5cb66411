import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze/index.js';
import { toJson } from '../../../src/analyze/document.js';
import { ingestSource } from '../../../src/ingest/pipeline.js';
import { openSource } from '../../../src/sources/index.js';
import { openStore } from '../../../src/store/store.js';
import { join, tempDir } from '../../helpers/flow.js';
import { runCli } from '../../helpers/cli.js';

const dir = tempDir('authtrail-client-errors-');
const TOKEN = '00abcdefghijklmnopqrstuvwxyz0123456789AB';
const LOGIN = `curl -X POST https://dev-1.okta.com/api/v1/authn -H 'Content-Type: application/json' -d '{"username":"jo@acme.com","password":"Hunter2!x"}'`;
const VERIFY = `curl -v -X POST https://dev-1.okta.com/api/v1/authn/factors/sms1abcdefgh/verify -H 'Content-Type: application/json' -d '{"stateToken":"${TOKEN}","passCode":"123456"}'`;
const MFA = `{"stateToken":"${TOKEN}","status":"MFA_REQUIRED","_embedded":{"user":{"id":"00u1","profile":{"login":"jo@acme.com"}},"factors":[{"id":"sms1abcdefgh","factorType":"sms"}]}}`;

/** Writes the paste, imports it through the real pipeline into a SQLite file and analyzes what was stored. */
async function run(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const source = await openSource(path);
  const store = openStore(join(dir, `${name}.db`));
  await ingestSource(store, source);
  const exchanges = store.exchanges();
  const result = analyze(exchanges, store.captures());
  store.close();
  return {
    kind: source.kind,
    stored: exchanges.map((e) => ({ path: new URL(e.url).pathname, status: e.responseStatus, transportError: e.transportError })),
    notes: exchanges.map((e) => e.notes ?? []),
    steps: result.transactions.flatMap((t) => t.steps.map((s) => ({ operation: s.operation, httpStatus: s.httpStatus, after: s.statusAfter }))),
    result,
    answer: toJson(result).verdict!.answer,
  };
}

describe('a curl command whose output ends in a curl transport error', () => {
  it.each([
    ['(56) without -v', [LOGIN, 'curl: (56) Recv failure: Connection reset by peer'], 'curl: (56) Recv failure: Connection reset by peer'],
    ['(28) with -v', [LOGIN.replace('curl ', 'curl -v --max-time 30 '), '*   Trying 104.16.0.1:443...', '* Connected to dev-1.okta.com (104.16.0.1) port 443 (#0)', '> POST /api/v1/authn HTTP/2', '> Host: dev-1.okta.com', '>', '* Operation timed out after 30001 milliseconds with 0 bytes received', '* Closing connection 0', 'curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received'], 'curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received'],
    ['(7) behind a prompt, in a fence', ['```', `$ ${LOGIN}`, "curl: (7) Failed to connect to dev-1.okta.com port 443 after 21 ms: Couldn't connect to server", '```'], "curl: (7) Failed to connect to dev-1.okta.com port 443 after 21 ms: Couldn't connect to server"],
    ['(35) with -v TLS lines, CRLF', [LOGIN.replace('curl ', 'curl -v '), '* TLSv1.3 (OUT), TLS handshake, Client hello (1):', '* OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to dev-1.okta.com:443', 'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to dev-1.okta.com:443'], 'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to dev-1.okta.com:443'],
    ['(52) with -i', [LOGIN.replace('curl ', 'curl -i '), 'curl: (52) Empty reply from server'], 'curl: (52) Empty reply from server'],
  ])('%s: the exchange carries the transport error, no status, and the analysis counts it unanswered', async (name, lines, error) => {
    const eol = name.includes('CRLF') ? '\r\n' : '\n';
    const read = await run(`${name.replace(/\W+/g, '-')}.md`, `${lines.join(eol)}${eol}`);
    expect(read.kind).toBe('curl');
    expect(read.stored).toEqual([{ path: '/api/v1/authn', status: null, transportError: error }]);
    expect(read.notes[0]).toContain(`the call failed on the way: ${error}`);
    expect(read.notes[0]).toContain('no response in the transcript');
    expect(read.steps).toEqual([{ operation: 'primary', httpStatus: null, after: expect.anything() }]);
    expect(read.result.unanswered).toBe(1);
    expect(read.answer).toMatch(/^cannot tell from this evidence: what Okta answered to 1 request is not shown/);
  });

  it('the second of two calls reset: the first answered, the second failed on the way, one transaction', async () => {
    const read = await run('two.md', [
      `$ ${LOGIN}`,
      MFA,
      `$ ${VERIFY}`,
      '*   Trying 104.16.0.1:443...',
      '> POST /api/v1/authn/factors/sms1abcdefgh/verify HTTP/2',
      '> Host: dev-1.okta.com',
      '>',
      '* Recv failure: Connection reset by peer',
      'curl: (56) Recv failure: Connection reset by peer',
      '',
    ].join('\n'));
    expect(read.stored).toEqual([
      { path: '/api/v1/authn', status: 200, transportError: null },
      { path: '/api/v1/authn/factors/sms1abcdefgh/verify', status: null, transportError: 'curl: (56) Recv failure: Connection reset by peer' },
    ]);
    expect(read.result.transactions).toHaveLength(1);
    expect(read.steps.map((s) => [s.operation, s.httpStatus])).toEqual([['primary', 200], ['factors.verify', null]]);
    expect(read.result.unanswered).toBe(1);
    expect(read.answer).toMatch(/what Okta answered to 1 request is not shown/);
  });

  it.each([
    ['-i, the body cut by (18)', ['HTTP/1.1 200 OK', 'Content-Type: application/json', '', `{"stateToken":"${TOKEN}","status":"MFA_REQ`, 'curl: (18) transfer closed with 212 bytes remaining to read'], 'curl: (18) transfer closed with 212 bytes remaining to read'],
    ['-v, the head then (92)', ['> POST /api/v1/authn HTTP/2', '> Host: dev-1.okta.com', '>', '< HTTP/2 200', '< content-type: application/json', '<', '* HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)', 'curl: (92) HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)'], 'curl: (92) HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)'],
    ['-v, the head then (56), CRLF', ['< HTTP/1.1 200 OK', '< Content-Type: application/json', '<', 'curl: (56) Recv failure: Connection reset by peer'], 'curl: (56) Recv failure: Connection reset by peer'],
  ])('a partial response before it (%s): the status shown is kept with the transport error, still unanswered', async (name, output, error) => {
    const eol = name.includes('CRLF') ? '\r\n' : '\n';
    const read = await run(`partial-${name.replace(/\W+/g, '-')}.md`, [LOGIN.replace('curl ', name.startsWith('-v') ? 'curl -v ' : 'curl -i '), ...output, ''].join(eol));
    expect(read.stored).toEqual([{ path: '/api/v1/authn', status: 200, transportError: error }]);
    expect(read.notes[0]).toContain(`the call failed on the way: ${error}; the response as far as it came`);
    expect(read.result.unanswered).toBe(1);
    expect(read.answer).toMatch(/^cannot tell from this evidence/);
  });
});

describe('client errors that are no failure on the way', () => {
  it("curl --fail's (22) gives the HTTP status it names, no transport error", async () => {
    const read = await run('fail.md', `${LOGIN.replace('curl ', 'curl -f ')}\ncurl: (22) The requested URL returned error: 403\n`);
    expect(read.stored).toEqual([{ path: '/api/v1/authn', status: 403, transportError: null }]);
    expect(read.notes[0]).toContain('curl --fail reported the HTTP status and printed no body: curl: (22) The requested URL returned error: 403');
  });

  it("(23), a local write that failed after the response came, keeps the response", async () => {
    const read = await run('pipe.md', `${LOGIN} | head -c 400\n${MFA}\ncurl: (23) Failure writing output to destination\n`);
    expect(read.stored).toEqual([{ path: '/api/v1/authn', status: 200, transportError: null }]);
    expect(read.steps.map((s) => s.after)).toEqual(['MFA_REQUIRED']);
  });

  it("HTTPie's ConnectionError is a transport error; its argument errors are not", async () => {
    const http = '$ http POST https://dev-1.okta.com/api/v1/authn username=jo@acme.com password=Hunter2x';
    const refused = "http: error: ConnectionError: HTTPSConnectionPool(host='dev-1.okta.com', port=443): Max retries exceeded with url: /api/v1/authn (Caused by NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))";
    const read = await run('httpie.md', `${http}\n${refused}\n`);
    expect(read.stored).toEqual([{ path: '/api/v1/authn', status: null, transportError: refused }]);
    expect(read.result.unanswered).toBe(1);
    const other = await run('httpie-arg.md', `${http}\nhttp: error: argument REQUEST_ITEM: "x" is not a valid value\n`);
    expect(other.stored).toEqual([{ path: '/api/v1/authn', status: null, transportError: null }]);
  });
});

describe('a step that failed on the way, as the outputs show it', () => {
  it('the JSON step carries transportError, the table and Markdown name it under the step', async () => {
    const path = join(dir, 'outputs.md');
    writeFileSync(path, [`$ ${LOGIN}`, MFA, `$ ${VERIFY}`, 'curl: (56) Recv failure: Connection reset by peer', ''].join('\n'));
    const json = await runCli('analyze', path, '--db', ':memory:', '--format', 'json');
    const steps = JSON.parse(json.stdout).transactions[0].steps;
    expect(steps[0]).not.toHaveProperty('transportError');
    expect(steps[1]).toMatchObject({ httpStatus: null, transportError: 'curl: (56) Recv failure: Connection reset by peer' });
    const table = await runCli('analyze', path, '--db', ':memory:');
    expect(table.stdout).toMatch(/✗ Recv failure:/);
    const markdown = await runCli('analyze', path, '--db', ':memory:', '--format', 'markdown');
    expect(markdown.stdout).toContain('failed: Recv failure: Connection reset by peer');
    for (const out of [json.stdout, table.stdout, markdown.stdout]) expect(out).not.toContain('Hunter2!x');
  });
});

describe('a script whose call raised on the way (Python tracebacks, Node.js fetch and axios)', () => {
  const FIXTURES = 'test/fixtures/transcripts/client-errors';
  /** Each step's operation, HTTP status and transport error, and the answer, through the real CLI. */
  const steps = async (path: string) => {
    const run = await runCli('analyze', path, '--db', ':memory:', '--format', 'json');
    const doc = JSON.parse(run.stdout);
    return { steps: doc.transactions.flatMap((t: any) => t.steps).map((s: any) => [s.operation, s.httpStatus, s.transportError ?? null]), answer: doc.verdict.answer as string };
  };
  const UNANSWERED = /^cannot tell from this evidence: what Okta answered to 1 request is not shown/;

  it.each([
    ['node-fetch-failed.md', [['primary', null, 'TypeError: fetch failed']]],
    ['axios-timeout.md', [['primary', null, 'AxiosError: timeout of 5000ms exceeded']]],
    ['python-connection-error.md', [['primary', null, "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='dev-42.okta.com', port=443): Max retries exceeded"]]],
    ['python-repl-read-timeout.md', [['primary', 200, null], ['factors.verify', null, "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='dev-42.okta.com', port=443): Read timed out. (read timeout=10)"]]],
    // Windows PowerShell 5 against Okta's TLS 1.2 only, and PowerShell 7 (CRLF) on a name that does not resolve.
    ['powershell5-tls.txt', [['primary', null, 'Invoke-RestMethod : The underlying connection was closed: An unexpected error occurred on a send.']]],
    ['powershell7-dns.txt', [['primary', null, 'Invoke-RestMethod: No such host is known.']]],
  ])('%s: the step failed on the way, no answer is made up from the error dump', async (name, expected) => {
    const read = await steps(`${FIXTURES}/${name}`);
    expect(read.steps).toEqual(expected);
    expect(read.answer).toMatch(UNANSWERED);
  });

  it("a PowerShell error record with Okta's body is an answer, not a failure on the way", async () => {
    const read = await steps(`${FIXTURES}/powershell5-401-body.txt`);
    expect(read.steps).toEqual([['primary', 401, null]]);
  });

  it('raise_for_status(): the HTTP status came, without a body, and no transport error', async () => {
    const read = await steps(`${FIXTURES}/python-raise-for-status.md`);
    expect(read.steps).toEqual([['primary', 401, null]]);
  });

  it('the same failures with CRLF line ends and a prompt read the same', async () => {
    const text = readFileSync(`${FIXTURES}/python-connection-error.md`, 'utf8').replace(/\n/g, '\r\n');
    const path = join(dir, 'crlf-python.md');
    writeFileSync(path, text);
    expect((await steps(path)).steps).toEqual([['primary', null, "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='dev-42.okta.com', port=443): Max retries exceeded"]]);
  });

  it('a call that answered is not made a failure by an error printed later for another reason', async () => {
    const path = join(dir, 'answered.md');
    writeFileSync(path, ['```python', '>>> import requests', '>>> r = requests.post("https://dev-42.okta.com/api/v1/authn", json={"username": "a@b.com", "password": "****"})', '>>> r.status_code', '401', '>>> r.json()', "{'errorCode': 'E0000004', 'errorSummary': 'Authentication failed'}", '```', ''].join('\n'));
    expect((await steps(path)).steps).toEqual([['primary', 401, null]]);
  });
});

describe('the verdict on calls that failed on the way', () => {
  const FIXTURES = 'test/fixtures/transcripts/client-errors';
  it('names the step and the error, and says what to do: TLS 1.2 for Windows PowerShell 5', async () => {
    const run = await runCli('analyze', `${FIXTURES}/powershell5-tls.txt`, '--db', ':memory:', '--format', 'json');
    const verdict = JSON.parse(run.stdout).verdict;
    expect(verdict.evidence).toHaveLength(1);
    expect(verdict.evidence[0]).toMatchObject({ transaction: '1.1', steps: [1], text: "1 request failed on the way, so no answer of Okta's is in the evidence: step 1 of 1.1 (The underlying connection was closed: An unexpected error o…)" });
    expect(verdict.evidence[0].action).toMatch(/^Windows PowerShell 5 offers TLS 1\.0 unless told.*Tls12/);
    expect(verdict.answer).toBe("cannot tell from this evidence: what Okta answered to 1 request is not shown (it failed on the way); nothing else departs from Okta's documented behaviour.");
  });

  it('a failure and a request without its output are told apart', async () => {
    const path = join(dir, 'mixed.md');
    writeFileSync(path, [`$ ${LOGIN}`, '', `$ ${VERIFY}`, 'curl: (6) Could not resolve host: dev-1.okta.com', ''].join('\n'));
    const run = await runCli('analyze', path, '--db', ':memory:', '--format', 'json');
    const verdict = JSON.parse(run.stdout).verdict;
    expect(verdict.evidence.filter((i: any) => i.rules.length === 0).map((i: any) => i.text.split(':')[0])).toEqual(["1 request failed on the way, so no answer of Okta's is in the evidence", '1 request has no response in the evidence']);
    expect(verdict.evidence.find((i: any) => i.text.includes('failed on the way')).action).toMatch(/the org name did not resolve/);
    expect(verdict.answer).toMatch(/^cannot tell from this evidence: what Okta answered to 2 requests is not shown \(1 failed on the way\)/);
  });
});
