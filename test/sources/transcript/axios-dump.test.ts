import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * An axios dump (an AxiosError Node printed, or `console.log(res)`) shows the request as it was sent under
 * `config` (`data`, `headers`, `url`): the values a script's code only names (`{ stateToken, newPassword }` of
 * a function's arguments, `process.env.…`) stand there in clear. They are read as the request, and reported.
 */

const FIXTURE = 'test/fixtures/transcripts/secrets/axios-error-dump.md';
const dir = tempDir('authtrail-axios-dump-');
const CLEAR = ['00CZ7Uw9xfogoEmvnEN5N1aE6PwZPf1Qh6yYTWmE4l', 'abc12345', 'DEADBEEF00112233', '00ApiKeyApiKeyApiKeyApiKeyApiKeyApiKeyApi', 'Sup3r-Secret-9'];

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const exposed = (json: any) => json.findings.filter((f: any) => f.rule === 'secret-exposed').map((f: any) => f.evidence.field).sort();
const problems = (json: any) => json.verdict.evidence.find((i: any) => i.rules.includes('secret-exposed'))?.text ?? null;
const noClear = (text: string) => {
  for (const s of CLEAR) expect(text).not.toContain(s);
};

/** A script that logs what axios threw, then the dump; `data` as util.inspect prints it. */
function caught(data: string[], url = 'https://dev-2020.okta.com/api/v1/authn/factors/ost1/verify'): string {
  return [
    '```js',
    "const axios = require('axios');",
    'async function verify(stateToken, passCode) {',
    '  try {',
    "    const res = await axios.post('https://dev-2020.okta.com/api/v1/authn/factors/ost1/verify', { stateToken, passCode });",
    '    console.log(res.data);',
    '  } catch (err) {',
    '    console.log(err);',
    '  }',
    '}',
    '```',
    '',
    '```',
    'AxiosError: Request failed with status code 403',
    '    at settle (/app/node_modules/axios/lib/core/settle.js:19:12)',
    '    at async verify (/app/index.js:5:17) {',
    "  code: 'ERR_BAD_REQUEST',",
    '  config: {',
    "    method: 'post',",
    `    url: '${url}',`,
    ...data.map((l, i) => (i === 0 ? `    data: ${l}` : `      ${l}`)),
    '  },',
    '  response: {',
    '    status: 403,',
    "    statusText: 'Forbidden',",
    '    data: {',
    "      errorCode: 'E0000068',",
    "      errorSummary: 'Invalid Passcode/Answer'",
    '    }',
    '  }',
    '}',
    '```',
    '',
  ].join('\n');
}

describe('an axios dump shows the request as it was sent', () => {
  it('reads the uncaught AxiosError of the fixture: the body from config.data, the clear stateToken and newPassword named', async () => {
    const { json } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(exposed(json)).toEqual(['newPassword', 'set-cookie', 'stateToken']);
    expect(problems(json)).toBe('stateToken, newPassword, set-cookie in clear at step 1 of 1.1');
    expect(json.verdict.answer).toMatch(/exposes secrets/);
    const step = json.transactions[0].steps[0];
    expect([step.operation, step.httpStatus, step.errorCode]).toEqual(['credentials.reset_password', 403, 'E0000080']);
    // The stateToken is the one sent (fingerprinted), not the script's placeholder.
    expect(step.stateToken.fingerprint).toMatch(/^#[0-9a-f]{6,}$/);
    noClear(JSON.stringify(json));
    const shown = await runCli('show', '1.1:1', FIXTURE, '--db', ':memory:');
    expect(shown.stdout).toContain('"newPassword": "[redacted newPassword len=8]"');
    expect(shown.stdout).not.toContain('{{newPassword}}');
    noClear(shown.stdout + shown.stderr);
  });

  it('the same paste with CRLF line ends reads the same', async () => {
    const crlf = file('crlf.md', readFileSync(FIXTURE, 'utf8').replace(/\n/g, '\r\n'));
    const { json } = await analyzeJson(crlf, '--db', ':memory:');
    expect(exposed(json)).toEqual(['newPassword', 'set-cookie', 'stateToken']);
    noClear(JSON.stringify(json));
  });

  it.each([
    ['one string', ["'{\"stateToken\":\"00CZ7Uw9xfogoEmvnEN5N1aE6PwZPf1Qh6yYTWmE4l\",\"passCode\":\"abc12345\"}',"]],
    ['a string cut into a sum', ["'{\"stateToken\":\"00CZ7Uw9xfogoEmvnEN5N1aE6PwZPf1Qh6yYTWmE4l\",' +", "'\"passCode\":\"abc12345\"}',"]],
    ['an object (before axios serialised it)', ['{', "  stateToken: '00CZ7Uw9xfogoEmvnEN5N1aE6PwZPf1Qh6yYTWmE4l',", "  passCode: 'abc12345'", '},']],
  ])('console.log(err) in a catch, config.data as %s', async (name, data) => {
    const { json } = await analyzeJson(file(`caught-${name.length}.md`, caught(data)), '--db', ':memory:');
    expect(json.transactions[0].steps[0].httpStatus, name).toBe(403);
    expect(exposed(json), name).toEqual(['passCode', 'stateToken']);
    noClear(JSON.stringify(json));
  });

  it('console.log(res) of a call that succeeded: the API key axios sent from process.env is named', async () => {
    const paste = [
      "const axios = require('axios');",
      "const res = await axios.post('https://dev-2020.okta.com/api/v1/authn', { username: 'mary@example.com', password: process.env.OKTA_PASSWORD }, { headers: { Authorization: `SSWS ${process.env.OKTA_API_TOKEN}` } });",
      'console.log(res);',
      '```',
      '{',
      '  status: 200,',
      "  statusText: 'OK',",
      '  headers: Object [AxiosHeaders] {',
      "    'content-type': 'application/json'",
      '  },',
      '  config: {',
      "    url: 'https://dev-2020.okta.com/api/v1/authn',",
      "    method: 'post',",
      '    headers: Object [AxiosHeaders] {',
      "      Accept: 'application/json, text/plain, */*',",
      "      Authorization: 'SSWS 00ApiKeyApiKeyApiKeyApiKeyApiKeyApiKeyApi'",
      '    },',
      "    data: '{\"username\":\"mary@example.com\",\"password\":\"Sup3r-Secret-9\"}'",
      '  },',
      '  data: {',
      "    status: 'MFA_REQUIRED',",
      "    stateToken: '00abc*****'",
      '  }',
      '}',
      '```',
    ].join('\n');
    const { json } = await analyzeJson(file('response.md', paste), '--db', ':memory:');
    expect(json.transactions[0].steps[0].statusAfter).toBe('MFA_REQUIRED');
    expect(exposed(json)).toEqual(['authorization', 'password']);
    noClear(JSON.stringify(json));
  });

  it('a dump that shows only placeholders or masks exposes nothing', async () => {
    const { json } = await analyzeJson(file('masked.md', caught(["'{\"stateToken\":\"{{stateToken}}\",\"passCode\":\"********\"}',"])), '--db', ':memory:');
    expect(json.transactions[0].steps[0].httpStatus).toBe(403);
    expect(exposed(json)).toEqual([]);
    expect(problems(json)).toBeNull();
  });

  it("a dump of another call's request is not read as this one's", async () => {
    const other = caught(["'{\"stateToken\":\"00CZ7Uw9xfogoEmvnEN5N1aE6PwZPf1Qh6yYTWmE4l\",\"passCode\":\"abc12345\"}',"], 'https://dev-2020.okta.com/api/v1/authn/factors/sms1/verify');
    const run = await runCli('show', '1.1:1', file('other.md', other), '--db', ':memory:');
    expect(run.stdout).toContain('"stateToken": "{{stateToken}}"');
    noClear(run.stdout);
  });
});
