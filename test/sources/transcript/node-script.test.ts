import { describe, expect, it } from 'vitest';
import { parseCurlTranscript } from '../../../src/sources/transcript/curl.js';
import { findCurlCommands } from '../../../src/sources/transcript/curl-commands.js';
import { isNodeCall, nodeReceivers, readNodeCall } from '../../../src/sources/transcript/node-calls.js';
import { errorDump, nodeOutput, responseDump } from '../../../src/sources/transcript/node-output.js';
import { evaluateNode, NodeResponse } from '../../../src/sources/transcript/node-values.js';
import { ScriptScope } from '../../../src/sources/transcript/script-values.js';
import { toLines } from '../../../src/sources/transcript/text.js';

/** The exchanges a paste reads as: method, URL, request body, status, response body. */
function read(paste: string) {
  const { exchanges, report } = parseCurlTranscript(paste, 'paste.md');
  return { report, calls: exchanges.map((e) => ({ method: e.method, url: e.url, body: e.requestBody, status: e.responseStatus, response: e.responseBody, notes: e.notes })) };
}

describe('Node.js calls as pastes write them', () => {
  it('knows axios, its instances and fetch in a script, not a one-shot DevTools fetch or any post method', () => {
    const receivers = nodeReceivers(toLines("const axios = require('axios');\nconst api = axios.create({ baseURL: OKTA });\nconst r = await fetch(u);\nconst d = await r.json();"));
    expect([...receivers].sort()).toEqual(['api', 'axios', 'fetch']);
    expect(isNodeCall('const res = await api.post(`/api/v1/authn`, body)', receivers)).toBe(true);
    expect(isNodeCall('const { data } = await axios({ method: "post" })', receivers)).toBe(true);
    expect(isNodeCall('const res: AxiosResponse<Authn> = await axios.post<Authn>(url, body)', receivers)).toBe(true);
    expect(isNodeCall('form.post(data)', receivers)).toBe(false);
    expect(isNodeCall('const api = axios.create({', receivers)).toBe(false);
    // DevTools' copy, alone: the fetch reader's (fetch-call.ts), as before.
    expect(nodeReceivers(toLines('fetch("https://x.okta.com/api/v1/authn", {"method": "POST"});')).size).toBe(0);
    expect(findCurlCommands(toLines('fetch("https://x.okta.com/api/v1/authn", {"method": "POST"});'))[0]!.kind).toBe('fetch');
  });

  it('reads object literals, template literals, sums, process.env and values of an earlier response', () => {
    const scope = new ScriptScope();
    scope.set('OKTA', 'https://dev-1.okta.com');
    scope.set('res', new NodeResponse({ stateToken: '00abc', _embedded: { factors: [{ id: 'sms1', factorType: 'sms' }, { id: 'ost1', factorType: 'token:software:totp' }] } }, 200));
    expect(evaluateNode("{ a: true, 'b': null, \"c\": [1, 2.5,], d: `x${OKTA}`, ...{ e: 1 }, OKTA, }", scope)).toEqual({ a: true, b: null, c: [1, 2.5], d: 'xhttps://dev-1.okta.com', e: 1, OKTA: 'https://dev-1.okta.com' });
    expect(evaluateNode("OKTA + '/api/v1/authn'", scope)).toBe('https://dev-1.okta.com/api/v1/authn');
    expect(evaluateNode('res.data.stateToken', scope)).toBe('00abc');
    expect(evaluateNode('(await res.json())._embedded.factors[1].id', scope)).toBe('ost1');
    expect(evaluateNode("res.data._embedded.factors.find((f) => f.factorType === 'sms').id", scope)).toBe('sms1');
    expect(evaluateNode('res.status', scope)).toBe(200);
    expect(evaluateNode("JSON.stringify({ stateToken: res.data.stateToken, passCode: '123456' })", scope)).toBe('{"stateToken":"00abc","passCode":"123456"}');
    expect(evaluateNode("process.env.OKTA_URL || 'https://dev-2.okta.com'", scope)).toBe('https://dev-2.okta.com');
    // What the paste does not show is named by the code that wrote it, its arguments left out.
    expect(evaluateNode('process.env.OKTA_PASSWORD', scope)).toMatchObject({ text: 'process.env.OKTA_PASSWORD' });
    expect(evaluateNode('later.data._embedded.factors[0].id', scope)).toMatchObject({ text: 'later.data._embedded.factors[0].id' });
    expect(evaluateNode("qs.stringify({ password: 'Hunter2' })", scope)).toMatchObject({ text: 'qs.stringify(…)' });
  });

  it('builds axios requests: post(url, data, config), get(url, config), axios(config), request(config), an instance with baseURL', () => {
    const scope = new ScriptScope();
    scope.set('api', evaluateNode("axios.create({ baseURL: 'https://dev-1.okta.com/api/v1/', headers: { Accept: 'application/json' } })", scope));
    const post = readNodeCall("const r = await axios.post('https://dev-1.okta.com/api/v1/authn', { username: 'a@b.c', password: pw }, { headers: { 'X-Okta-User-Agent-Extended': 'x' } })", scope);
    expect(post.names.response).toEqual(['r']);
    expect(post.request).toMatchObject({ method: 'POST', url: 'https://dev-1.okta.com/api/v1/authn', data: '{"username":"a@b.c","password":"{{pw}}"}' });
    expect(post.request.headers).toEqual({ 'x-okta-user-agent-extended': 'x', 'content-type': 'application/json' });
    expect(post.request.notes).toEqual(['not in the paste, shown as {{…}}: pw']);
    const get = readNodeCall("api.get('/authn/factors', { params: { a: 1 } })", scope).request;
    expect(get).toMatchObject({ method: 'GET', url: 'https://dev-1.okta.com/api/v1/authn/factors?a=1', data: null, headers: { accept: 'application/json' } });
    const config = readNodeCall("const { data } = await api({ method: 'post', url: '/authn/cancel', data: { stateToken: 't' } })", scope);
    expect(config.names.body).toEqual(['data']);
    expect(config.request).toMatchObject({ method: 'POST', url: 'https://dev-1.okta.com/api/v1/authn/cancel', data: '{"stateToken":"t"}' });
    const request = readNodeCall("axios.request({ method: 'PUT', url: 'https://x.okta.com/api/v1/authn', auth: { username: 'u', password: 'p' } })", scope).request;
    expect(request).toMatchObject({ method: 'PUT', headers: { authorization: `Basic ${Buffer.from('u:p').toString('base64')}` } });
    const chained = readNodeCall("axios.post(url, body).then((r) => console.log(r.data)).catch((e) => console.log(e.response.data))", scope);
    expect(chained.names).toEqual({ response: ['r'], body: [], error: ['e'] });
    expect(chained.request.notes).toContain('request body is body, not in the paste');
  });

  it("starts axios's own calls from axios.defaults set before them", () => {
    const { calls } = read(
      [
        "const axios = require('axios');",
        "axios.defaults.baseURL = 'https://dev-77.okta.com';",
        "axios.defaults.headers.common['Accept'] = 'application/json';",
        'axios.defaults.headers.post.Authorization = `SSWS ${process.env.OKTA_API_TOKEN}`;',
        "const res = await axios.post('/api/v1/authn', { username: 'q@example.com', password: 'x' });",
        'console.log(res.data);',
        "{ status: 'SUCCESS', sessionToken: '20111abc' }",
      ].join('\n'),
    );
    expect(calls.map((c) => c.url)).toEqual(['https://dev-77.okta.com/api/v1/authn']);
    expect(calls[0]!.notes).toContain('request: not in the paste, shown as {{…}}: process.env.OKTA_API_TOKEN');
  });

  it('builds fetch requests: GET unless method says, the body as JSON.stringify or a form gives it', () => {
    const scope = new ScriptScope();
    scope.set('OKTA', 'https://dev-1.okta.com');
    const post = readNodeCall("const res = await fetch(`${OKTA}/api/v1/authn`, { method: 'post', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'a', password: process.env.PW }) })", scope).request;
    expect(post).toMatchObject({ method: 'POST', url: 'https://dev-1.okta.com/api/v1/authn', data: '{"username":"a","password":"{{process.env.PW}}"}' });
    expect(readNodeCall('fetch(OKTA + "/api/v1/authn")', scope).request).toMatchObject({ method: 'GET', data: null });
    const form = readNodeCall("fetch(u, { method: 'POST', body: new URLSearchParams({ username: 'a@b.c' }) })", scope).request;
    expect(form.data).toBe('username=a%40b.c');
    expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(readNodeCall('fetch(u).then((r) => r.json()).then((data) => console.log(data))', scope).names).toEqual({ response: ['r'], body: ['data'], error: [] });
  });

  it('reads what a call printed: a status line, util.inspect objects, an AxiosError dump and its response data', () => {
    expect(nodeOutput(['200 {', "  status: 'MFA_REQUIRED'", '}'])).toEqual({ status: 200, lines: ['{', "  status: 'MFA_REQUIRED'", '}'] });
    const dump = [
      'AxiosError: Request failed with status code 403',
      '    at settle (/app/node_modules/axios/lib/core/settle.js:19:12)',
      '    at async main (/app/index.js:9:5) {',
      "  code: 'ERR_BAD_REQUEST',",
      "  config: { method: 'post', data: '{\"passCode\":\"1\"}' },",
      '  response: {',
      '    status: 403,',
      "    headers: Object [AxiosHeaders] { 'content-type': 'application/json' },",
      '    data: {',
      "      errorCode: 'E0000068',",
      '      errorCauses: [Array]',
      '    }',
      '  }',
      '}',
      'Node.js v20.11.0',
    ];
    // The request as sent (config) and the response's headers come with it: the script may not show them.
    expect(errorDump(dump, 0)).toEqual({ status: 403, body: ['{', "      errorCode: 'E0000068',", '      errorCauses: [Array]', '    }'], sent: { url: null, data: '{"passCode":"1"}', headers: {} }, headers: { 'content-type': 'application/json' }, next: 14 });
    expect(nodeOutput(dump).status).toBe(403);
    expect(errorDump(['Request failed with status code 401'], 0)).toEqual({ status: 401, body: null, next: 1 });
    // console.log(res): axios's whole response, the body under data; fetch's Response shows only its status.
    const whole = ['{', '  status: 200,', "  statusText: 'OK',", "  config: { data: '{\"password\":\"x\"}' },", '  data: {', "    status: 'LOCKED_OUT'", '  }', '}'];
    expect(responseDump(whole, 0)).toEqual({ status: 200, body: ['{', "    status: 'LOCKED_OUT'", '  }'], sent: { url: null, data: '{"password":"x"}', headers: {} }, next: 8 });
    expect(nodeOutput(whole)).toEqual({ status: 200, lines: ['{', "    status: 'LOCKED_OUT'", '  }'], sent: { url: null, data: '{"password":"x"}', headers: {} } });
    expect(responseDump(['Response {', '  status: 429,', "  statusText: 'Too Many Requests',", '  ok: false', '}'], 0)).toEqual({ status: 429, body: null, next: 5 });
    expect(responseDump(['{', "  status: 'MFA_REQUIRED'", '}'], 0)).toBeNull();
  });

  it('links the stateToken chain and maps the prints of a script pasted whole to its output', () => {
    const paste = [
      '```js',
      "const axios = require('axios');",
      "const OKTA = 'https://dev-9.okta.com';",
      'async function main() {',
      '  const res = await axios.post(`${OKTA}/api/v1/authn`, {',
      "    username: 'mary@example.com',",
      '    password: process.env.OKTA_PASSWORD,',
      '  });',
      '  console.log(res.status, res.data);',
      '  try {',
      "    const r2 = await axios.post(OKTA + '/api/v1/authn/factors/' + res.data._embedded.factors[0].id + '/verify', { stateToken: res.data.stateToken, passCode: '123456' });",
      '    console.log(r2.data);',
      '  } catch (e) {',
      '    console.log(e.response.status, e.response.data);',
      '  }',
      '}',
      'main();',
      '```',
      'Output:',
      '```',
      "200 { stateToken: '00tok', status: 'MFA_REQUIRED', _embedded: { factors: [ { id: 'ost1' } ] } }",
      "403 { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' }",
      '```',
    ].join('\n');
    const { calls, report } = read(paste);
    expect(report.warnings).toEqual([]);
    expect(calls.map(({ method, url, status }) => [method, url, status])).toEqual([
      ['POST', 'https://dev-9.okta.com/api/v1/authn', 200],
      ['POST', 'https://dev-9.okta.com/api/v1/authn/factors/ost1/verify', 403],
    ]);
    expect(calls[0]!.body).toEqual({ username: 'mary@example.com', password: '{{process.env.OKTA_PASSWORD}}' });
    expect(calls[0]!.notes).toContain('request: not in the paste, shown as {{…}}: process.env.OKTA_PASSWORD');
    expect(calls[1]!.body).toEqual({ stateToken: '00tok', passCode: '123456' });
    expect(calls[1]!.response).toMatchObject({ errorCode: 'E0000068' });
  });

  it('reads output interleaved under each call, and names the calls a thrown error kept from running', () => {
    const paste = [
      "import axios from 'axios';",
      "const api = axios.create({ baseURL: 'https://dev-9.okta.com' });",
      'try {',
      "  const { data } = await api.post('/api/v1/authn', { username: 'a', password: 'b' });",
      '  console.log(data);',
      "  const r2 = await api.post('/api/v1/authn/factors', { stateToken: data.stateToken, factorType: 'sms' });",
      '  console.log(r2.data);',
      "  const r3 = await api.post('/api/v1/authn/cancel', { stateToken: data.stateToken });",
      '  console.log(r3.data);',
      '} catch (err) {',
      "  console.log('failed:', err.response?.status, err.response?.data);",
      '}',
      "{ stateToken: '00tok', status: 'MFA_ENROLL' }",
      "failed: 400 { errorCode: 'E0000001' }",
    ].join('\n');
    const { calls, report } = read(paste);
    expect(calls.map((c) => [c.url, c.status])).toEqual([
      ['https://dev-9.okta.com/api/v1/authn', 200],
      ['https://dev-9.okta.com/api/v1/authn/factors', 400],
    ]);
    expect(calls[1]!.body).toEqual({ stateToken: '00tok', factorType: 'sms' });
    expect(report.warnings.map((w) => w.message)).toEqual(['the script never sent this call (an earlier call threw, as its output shows); command left out']);

    const interleaved = read(
      [
        "const axios = require('axios');",
        "const res = await axios.post('https://dev-9.okta.com/api/v1/authn', { username: 'a', password: 'b' });",
        'console.log(JSON.stringify(res.data, null, 2));',
        '```',
        '{ "stateToken": "00tok", "status": "MFA_REQUIRED" }',
        '```',
        'then',
        "const v = await axios.post('https://dev-9.okta.com/api/v1/authn/factors/f1/verify', { stateToken: res.data.stateToken, passCode: '1' });",
        'console.log(v.data);',
        '```',
        "{ status: 'SUCCESS', sessionToken: '20111x' }",
        '```',
      ].join('\n'),
    );
    expect(interleaved.calls.map((c) => [c.status, (c.response as { status: string }).status])).toEqual([
      [200, 'MFA_REQUIRED'],
      [200, 'SUCCESS'],
    ]);
    expect(interleaved.calls[1]!.body).toEqual({ stateToken: '00tok', passCode: '1' });
  });

  it('matches a try of many calls to output that does not line up without trying every subset of its prints', () => {
    const calls = Array.from({ length: 40 }, (_, i) => [`  const r${i} = await axios.post('https://dev-9.okta.com/api/v1/authn', { username: 'a' });`, `  console.log(r${i}.data);`]).flat();
    const output = [...Array.from({ length: 20 }, () => "{ status: 'MFA_REQUIRED' }"), 'zzz [1]'];
    const started = Date.now();
    const { calls: got } = read(["const axios = require('axios');", 'try {', ...calls, '} catch (e) {', '  console.log(e.response.data);', '}', 'Output:', ...output].join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    // The prints do not line up (the last line is no print's): each call reads what follows it, here nothing.
    expect(got).toHaveLength(40);
    expect(got[0]!.status).toBeNull();
  });
});
