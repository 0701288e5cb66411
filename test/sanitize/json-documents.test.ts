import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// A Postman collection holding an SSWS API token, a password in a urlencoded body and a secret variable.
const COLLECTION = join(import.meta.dirname, '..', 'fixtures', 'postman', 'okta-authn.postman_collection.json');
const PLANTED = ['00PostmanApiToken0123456789abcdefghijklm', 'PostmanCollPw9!', 'PostmanVarSecret9'];
const work = mkdtempSync(join(tmpdir(), 'authtrail-json-sanitize-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sanitize on a JSON document that is not HAR (a Postman collection or environment)', () => {
  it('masks the values its name/value pairs and credentials name, keeps the rest, and --check names JSON paths', async () => {
    const check = await runCli('sanitize', '--check', COLLECTION);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/item\[0\]\.request\.body\.urlencoded\[1\]\.value .*password/);
    expect(check.stdout).toMatch(/variable\[0\]\.value .*okta_client_secret/);
    const out = join(work, 'clean.json');
    const run = await runCli('sanitize', COLLECTION, '-o', out);
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    for (const s of PLANTED) expect(text, s).not.toContain(s);
    const clean = JSON.parse(text);
    expect(clean.item[0].request.body.urlencoded[0]).toEqual({ key: 'username', value: 'jane@example.com' });
    expect(clean.item[0].request.url.raw).toBe('{{url}}/api/v1/authn');
    const recheck = await runCli('sanitize', '--check', out);
    expect([recheck.code, recheck.stderr.trim()]).toEqual([0, `${out}: clean (no clear secret in 1 document)`]);
  });

  it('names a header, and a secret inside a string value, by their JSON paths; counts the document', async () => {
    const file = join(work, 'headers.postman_collection.json');
    writeFileSync(file, JSON.stringify({
      info: { name: 'okta', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'authn', request: { method: 'POST', header: [{ key: 'Accept', value: 'application/json' }, { key: 'Authorization', value: 'SSWS 00HeaderApiToken0123456789abcdefghijk' }], body: { mode: 'raw', raw: '{"username":"a@b.c","password":"RawBodyPw9!x"}' }, url: 'https://dev-1.okta.com/api/v1/authn' } }],
    }));
    const check = await runCli('sanitize', '--check', file);
    expect(check.stdout.trimEnd().split('\n')).toEqual([`${file}: item[0].request.header[1].value authorization`, `${file}: item[0].request.body.raw password`]);
    expect(check.stderr.trim()).toBe(`${file}: 2 clear secrets in 1 document; run authtrail sanitize ${file} -o SAFE_FILE`);
    const run = await runCli('sanitize', file, '-o', join(work, 'headers.clean.json'));
    expect(run.stderr).toMatch(/: 2 values masked in 1 of 1 document /);
    const text = readFileSync(join(work, 'headers.clean.json'), 'utf8');
    expect(text).not.toContain('00HeaderApiToken0123456789abcdefghijk');
    expect(text).not.toContain('RawBodyPw9!x');
  });

  it('a Postman environment named anything, and JSON that does not parse is refused in one line', async () => {
    const env = join(work, 'okta.env');
    writeFileSync(env, JSON.stringify({ id: 'e1', name: 'okta', values: [{ key: 'apiToken', value: '00EnvApiToken0123456789abcdefghijklmnopqr', enabled: true }], _postman_variable_scope: 'environment' }));
    const out = join(work, 'env.clean');
    expect((await runCli('sanitize', env, '-o', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('00EnvApiToken0123456789abcdefghijklmnopqr');
    const broken = join(work, 'broken.json');
    writeFileSync(broken, '{"values": [ {"key": "password", "value": "x" ');
    const run = await runCli('sanitize', broken, '-o', join(work, 'never.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/broken\.json: not valid JSON/);
    expect(existsSync(join(work, 'never.json'))).toBe(false);
  });
});
