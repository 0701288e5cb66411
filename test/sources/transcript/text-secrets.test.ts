import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * A paste's lines that no reader takes for a call (a `.env` or YAML block, a code sample) still expose what
 * they hold in clear: secret-exposed names each kind (secretInText) with its lines, as `sanitize --check`
 * finds them, and the verdict places it at "lines not read as calls". Nothing of the values is kept.
 */

const FIXTURE = 'test/fixtures/transcripts/secrets/config-and-code-blocks.md';
const dir = tempDir('authtrail-text-secrets-');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const inText = (json: any) => json.findings.filter((f: any) => f.rule === 'secret-exposed' && f.messageId === 'secretInText');
const fieldsInText = (json: any) => inText(json).map((f: any) => f.evidence.field).sort();
const problems = (json: any) => json.verdict.evidence.find((i: any) => i.rules.includes('secret-exposed'))?.text ?? null;

const CURL = [
  '```',
  "curl -X POST https://dev-42.okta.com/api/v1/authn/recovery/answer -H 'Content-Type: application/json' -d '{\"stateToken\":\"00abc...xyz\",\"answer\":\"****\"}'",
  '```',
  'Response:',
  '```',
  'HTTP/1.1 403 Forbidden',
  '',
  '{"errorCode":"E0000087","errorSummary":"The recovery question answer did not match our records."}',
  '```',
  '',
];
const API_TOKEN = '00EnvTokenLima3b4c5d6e7f8g9h0i1j2k3l4m5n6o7';

describe('secrets on lines that are not a call', () => {
  it('names the API token of a .env block shown beside a clean call: the answer is no longer "evidence problems: none"', async () => {
    for (const eol of ['\n', '\r\n']) {
      const paste = ['My config:', '', '```', 'OKTA_ORG_URL=https://dev-42.okta.com', `OKTA_API_TOKEN=${API_TOKEN}`, '```', '', ...CURL].join(eol);
      const db = join(dir, `env-${eol.length}.db`);
      const { json } = await analyzeJson(file(`env-${eol.length}.md`, paste), '--db', db);
      expect(inText(json)).toHaveLength(1);
      expect(inText(json)[0]).toMatchObject({ transaction: null, step: null, severity: 'medium', evidence: { field: 'OKTA_API_TOKEN', where: 'text', preview: '00EnvT…', count: 1 } });
      expect(inText(json)[0].evidence.lines).toEqual([expect.stringMatching(/env-\d\.md:5$/)]);
      expect(inText(json)[0].message).toMatch(/^The evidence shows OKTA_API_TOKEN in clear on 1 line that authtrail did not read as a call \(a config or code block: .*env-\d\.md:5; first shown as 00EnvT…\)/);
      expect(problems(json)).toMatch(/^OKTA_API_TOKEN in clear at lines not read as calls \(.*env-\d\.md:5\)$/);
      expect(json.verdict.answer).toContain('the evidence exposes secrets');
      // The call itself still reads, and nothing of the token is kept anywhere.
      expect(json.transactions[0].steps[0].httpStatus).toBe(403);
      expect(JSON.stringify(json)).not.toContain(API_TOKEN.slice(6));
      expect(readFileSync(db).toString('latin1')).not.toContain(API_TOKEN.slice(6));
    }
  });

  it('names PowerShell, .env, Java and YAML secrets by line, and not again those of the call it read', async () => {
    const { json } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(fieldsInText(json)).toEqual(['OKTA_API_TOKEN', 'OKTA_CLIENT_SECRET', 'authorization', 'client-secret', 'passCode', 'stateToken', 'token']);
    // The PowerShell call was read, and its list view in the next block as its response: its key, password and
    // the stateToken it answered are its step's findings, not lines' ones.
    const atStep = json.findings.filter((f: any) => f.rule === 'secret-exposed' && f.messageId === 'secretInClear').map((f: any) => f.evidence.field).sort();
    expect(atStep).toEqual(['authorization', 'password', 'stateToken']);
    // The Java call's key (line 29) is another key than the PowerShell one with the same preview: named apart.
    const java = inText(json).find((f: any) => f.evidence.field === 'authorization');
    expect(java.evidence.lines).toEqual([`${FIXTURE}:29`]);
    expect(problems(json)).toMatch(/in clear at step 1 of 1\.1; lines not read as calls \(.*:21, .*:22, .*:29, 3 more\)$/);
    const text = JSON.stringify(json);
    for (const clear of ['00PsApiKeyIndigo1a2b3c', 'PsPwJuliet', 'Kilo9xKq2LmNoPq7', '00EnvTokenLima3b4', 'EnvSecretMikeNovember', '00JavaKeyOscar1a2b', '552211', '00YamlTokenQuebec', 'YamlSecretRomeoSierra']) expect(text).not.toContain(clear);
  });

  it('the secrets a read call shows are its own: a paste of calls only names none on lines', async () => {
    const { json } = await analyzeJson('test/fixtures/transcripts/secrets/axios-error-dump.md', '--db', ':memory:');
    expect(inText(json)).toEqual([]);
    expect(json.findings.filter((f: any) => f.rule === 'secret-exposed').length).toBeGreaterThan(0);
  });

  it.each([
    ['a short answer in a body block under the call', ['Then our backend does POST https://dev-42.okta.com/api/v1/authn/recovery/answer', '', '```', '{"stateToken":"00abc...xyz","answer":"red"}', '```', '```', '{"stateToken":"00abc...xyz","status":"PASSWORD_RESET","expiresAt":"2024-03-01T10:05:01.400Z"}', '```', '']],
    ['a toy recoveryToken, form-encoded', ['POST https://dev-42.okta.com/api/v1/authn/recovery/token', '', 'Body:', '', 'recoveryToken=abc', '', 'Response:', '', '{"stateToken":"00abc...xyz","status":"RECOVERY","expiresAt":"2024-03-01T10:05:01.400Z"}', '']],
  ])("a call's secret too short to look for elsewhere (%s) is the call's on its own line, not one more line's", async (name, lines) => {
    const { json } = await analyzeJson(file(`short-${name.length}.md`, lines.join('\n')), '--db', ':memory:');
    expect(json.transactions).toHaveLength(1);
    expect(json.findings.filter((f: any) => f.rule === 'secret-exposed').length).toBeGreaterThan(0);
    expect(inText(json)).toEqual([]);
    expect(problems(json)).not.toContain('lines not read as calls');
  });

  it("an error code (code: 'ERR_BAD_REQUEST', ECONNRESET) and a secret's name in a sentence are no secrets", async () => {
    const paste = ['Recovery answer guessed four times, the password was reset yesterday.', '', '```', "{ code: 'ERR_BAD_REQUEST', errno: -104 }", '{ "code": "ECONNRESET" }', '```', '', ...CURL].join('\n');
    const { json } = await analyzeJson(file('codes.md', paste), '--db', ':memory:');
    expect(inText(json)).toEqual([]);
    expect(problems(json)).toBeNull();
    const check = await runCli('sanitize', '--check', file('codes-only.md', "{ code: 'ERR_BAD_REQUEST' }\n{ code: 'q7PxL2mNv9Rt' }\n"));
    // A code of OAuth's shape is still one.
    expect(check.stdout).toMatch(/codes-only\.md:2 code/);
    expect(check.stdout).not.toMatch(/codes-only\.md:1 /);
  });

  it('an export of the capture keeps them, and a HAR read again names them the same', async () => {
    const db = join(dir, 'export.db');
    await runCli('import', FIXTURE, '--db', db);
    const har = join(dir, 'export.har');
    const exported = await runCli('export', 'har', '--db', db, '-o', har);
    expect(exported.code).toBe(0);
    const { json } = await analyzeJson(har, '--db', ':memory:');
    expect(fieldsInText(json)).toEqual(['OKTA_API_TOKEN', 'OKTA_CLIENT_SECRET', 'authorization', 'client-secret', 'passCode', 'stateToken', 'token']);
  });
});
