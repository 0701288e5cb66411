import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

const LEVELS = 100_000;
const deepArray = '['.repeat(LEVELS) + ']'.repeat(LEVELS);
const deepObject = '{"a":'.repeat(LEVELS) + '1' + '}'.repeat(LEVELS);
const HOST = 'https://x.okta.com';

const har = (headers: unknown[], req: string, res: string) =>
  JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [{ startedDateTime: '2026-01-01T00:00:00Z', time: 1, request: { method: 'POST', url: `${HOST}/api/v1/authn`, headers, postData: { mimeType: 'application/json', text: req } }, response: { status: 200, headers: [], content: { mimeType: 'application/json', text: res } } }] } });

const FILES: Record<string, string> = {
  'deep.har': har([], deepObject, deepArray),
  'deep.md': `POST ${HOST}/api/v1/authn\n\`\`\`json\n${deepObject}\n\`\`\`\nResponse:\n\`\`\`json\n${deepArray}\n\`\`\`\n`,
  'deep-curl.md': `\`\`\`sh\ncurl -X POST ${HOST}/api/v1/authn -d '${deepObject}'\n\`\`\`\n\`\`\`\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n${deepArray}\n\`\`\`\n`,
  'deep-http.md': `\`\`\`http\nPOST /api/v1/authn HTTP/1.1\nHost: x.okta.com\nContent-Type: application/json\n\n${deepObject}\n\`\`\`\n\`\`\`http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n${deepArray}\n\`\`\`\n`,
  // JSON inside a string (a log's field, a HAR's text holding text): the redactor walks it like a body.
  'deep-in-string.md': `POST ${HOST}/api/v1/authn\n\`\`\`json\n${JSON.stringify({ username: 'a@b.com', context: deepObject })}\n\`\`\`\nResponse:\n\`\`\`json\n{"status":"SUCCESS"}\n\`\`\`\n`,
  // A body that opens 300,000 levels and closes none: jsonrepair's cost grows with their square.
  'unclosed-http.md': `\`\`\`http\nPOST /api/v1/authn HTTP/1.1\nHost: x.okta.com\nContent-Type: application/json\n\n{"username":"a@b.com"}\n\`\`\`\n\`\`\`http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n${'{'.repeat(300_000)}\n\`\`\`\n`,
  // A wire log piece (Apache HttpClient's) whose one line holds 300,000 characters of JSON: decoded without a call of that many arguments.
  'long-wire-piece.log': `x org.apache.http.wire : http-outgoing-0 >> "POST /api/v1/authn HTTP/1.1[\\r][\\n]Host: x.okta.com[\\r][\\n][\\r][\\n]"\nx org.apache.http.wire : http-outgoing-0 >> "${JSON.stringify({ username: 'a@b.com', context: 'x'.repeat(300_000) })}"\nx org.apache.http.wire : http-outgoing-0 << "HTTP/1.1 200 OK[\\r][\\n][\\r][\\n]{\\"status\\":\\"SUCCESS\\"}"\n`,
  // Runs of 100,000 characters that once made a regex retry from every position of the run (minutes each): after a
  // secret's name, after `status`, in a PowerShell-looking line, and runs of `<`, `[`, `{{`, `${`, `a-`.
  'long-runs.md': `Step 1: POST ${HOST}/api/v1/authn\nRequest:\n{"username":"a@b.com"}\nResponse:\n{"status":"SUCCESS"}\n\n${[
    `password code ${'x'.repeat(100_000)}`, `password code${' '.repeat(100_000)}x`, `status${' '.repeat(100_000)}x`, `${' '.repeat(100_000)}x curl`,
    `password ${'<'.repeat(100_000)}`, `password ${'['.repeat(100_000)}`, `password ${'{{'.repeat(50_000)}`, `password ${'\${'.repeat(50_000)}`, `password ${'a-'.repeat(50_000)}`,
    `x_password${'[a'.repeat(50_000)}=1`,
  ].join('\n')}\n`,
  // A secret's value that repeats its own head for 160,000 characters, given twice: looking for the known value at each
  // of its heads, and jsonrepair placing each stray quote, were both quadratic (20 s for sanitize).
  'long-quote-run.md': `curl -X POST ${HOST}/api/v1/authn -H 'X-Api-Key: ${'" '.repeat(80_000)}' -d '{"password":"${'" '.repeat(80_000)}"}'\n\n{"status":"SUCCESS"}\n`,
  'deep-in-base64.har': har([], JSON.stringify({ username: 'a@b.com', state: Buffer.from(deepArray).toString('base64url') }), '{"status":"SUCCESS"}'),
};

describe('inputs that once crashed the importer', () => {
  const dir = tempDir();
  it.each(Object.keys(FILES))('%s: bodies nested 100,000 levels are cut, the exchange is kept, every output renders', async (name) => {
    const file = join(dir, name);
    writeFileSync(file, FILES[name]);
    const db = join(dir, `${name}.db`);
    const { json, stderr } = await analyzeJson(file, '--db', db);
    expect(stderr).not.toMatch(/internal error/);
    expect(json.captures[0].exchangeCount).toBe(1);
    for (const f of ['table', 'markdown', 'html', 'mermaid', 'jira']) expect((await runCli('analyze', '--db', db, '--format', f)).stderr).not.toMatch(/internal error/);
    expect((await runCli('export', 'har', '--db', db, '-o', join(dir, `${name}.out.har`))).code).toBe(0);
    expect((await runCli('sanitize', file, '-o', join(dir, `${name}.clean`), '--key', join(dir, 'k'))).stderr).not.toMatch(/internal error/);
  });

  it('reads HAR header values that are not strings, and names like constructor, __proto__ and toString as plain data', async () => {
    const file = join(dir, 'odd-headers.har');
    const headers = [{ name: 'constructor', value: 5 }, { name: '__proto__', value: 'x' }, { name: 'toString', value: { a: 1 } }, { name: 'X-Count', value: true }, { name: 'X-API-Key', value: 998877665544 }];
    writeFileSync(file, har(headers, '{"username":"a@b.com"}', '{"status":"SUCCESS"}'));
    const db = join(dir, 'odd.db');
    const { json, stderr } = await analyzeJson(file, '--db', db);
    expect(stderr).not.toMatch(/internal error/);
    expect(json.captures[0].exchangeCount).toBe(1);
    const out = join(dir, 'odd.out.har');
    expect((await runCli('export', 'har', '--db', db, '-o', out)).code).toBe(0);
    const exported = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(exported).toContain('"constructor"');
    expect(exported).toContain('"__proto__"');
    expect(exported).not.toContain('998877665544');
  });
});
