import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { comparableAnalysis } from './analysis.js';
import { harValidator } from './schema.js';
import { recordedSecrets } from './secrets.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'har');
const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'okta-devforum-recovery-mfa.md');
const work = mkdtempSync(join(tmpdir(), 'authtrail-sanitize-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const key = join(work, 'sanitize.key');

/** The file's bytes plus every base64 body decoded: a secret hidden in base64 is still a secret. */
function allText(path: string): string {
  const text = readFileSync(path, 'utf8');
  const decoded = [...text.matchAll(/"text":"([A-Za-z0-9+/=]{16,})","encoding":"base64"|"encoding":"base64","text":"([A-Za-z0-9+/=]{16,})"/g)]
    .map((m) => Buffer.from(m[1] ?? m[2], 'base64').toString('utf8'));
  return [text, ...decoded].join('\n');
}

describe('authtrail sanitize on the devforum flow recorded with clear secrets', () => {
  it.each(['playwright', 'chrome-cdp', 'chrome', 'fiddler', 'pairs'])('%s.har: sanitized copy holds no original secret, passes --check, stays valid HAR', async (name) => {
    const input = join(FIXTURES, `${name}.har`);
    const out = join(work, `${name}.safe.har`);
    const run = await runCli('sanitize', input, '-o', out, '--key', key);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`-> .*${name}\\.safe\\.har: \\d+ values? masked in \\d+ of \\d+ entries`));
    expect(run.stdout).toMatch(/^\s+stateToken\s+\d+$/m);
    const text = allText(out);
    for (const secret of recordedSecrets(name === 'chrome-cdp' ? 'chrome-cdp.har' : 'playwright.har')) {
      if (name === 'chrome' && /apiToken|^102/.test(secret)) continue;
      expect(text.includes(secret), `${secret} left in ${name}.safe.har`).toBe(false);
    }
    // Valid HAR stays valid; a file that was not strictly HAR keeps its shape (headers as pairs; chrome-har's
    // empty serverIPAddress for the page Playwright answered without network).
    const validate = harValidator();
    const inputValid = validate(JSON.parse(readFileSync(input, 'utf8').replace(/^\uFEFF/, '')));
    expect(inputValid).toBe(!['pairs', 'chrome-cdp'].includes(name));
    expect(validate(JSON.parse(readFileSync(out, 'utf8'))), JSON.stringify(validate.errors)).toBe(inputValid);
    const check = await runCli('sanitize', '--check', out);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stderr).toMatch(/clean \(no clear secret in \d+ entries\)/);
  });

  it.each(['playwright', 'chrome-cdp', 'chrome', 'firefox'])('sanitized %s.har analyzes the same as the clear one (same key: identical fingerprints)', async (name) => {
    const db = join(work, `same-${name}.db`);
    const clear = await analyzeJson(join(FIXTURES, `${name}.har`), '--db', db);
    const out = join(work, `same-key-${name}.safe.har`);
    expect((await runCli('sanitize', join(FIXTURES, `${name}.har`), '-o', out, '--key', `${db}.key`)).code).toBe(0);
    const safe = await analyzeJson(out, '--db', join(work, `other-${name}.db`));
    expect(clear.json.findings.length).toBeGreaterThan(5);
    expect(comparableAnalysis(safe.json)).toEqual(comparableAnalysis(clear.json));
  });

  it('keeps equal values equal: the stateToken a response issued is the one the next request carries', async () => {
    const har = JSON.parse(readFileSync(join(work, 'playwright.safe.har'), 'utf8'));
    const body = (e: any, side: 'request' | 'response') => JSON.parse(side === 'request' ? e.request.postData.text : e.response.content.text);
    const [, , token, answer, reset] = har.log.entries;
    const issued = body(token, 'response').stateToken;
    expect(issued).toMatch(/^00.{4}\*{4}#[0-9a-f]{12}$/);
    expect(body(answer, 'request').stateToken).toBe(issued);
    expect(body(reset, 'request').stateToken).toBe(issued);
    expect(body(reset, 'request').newPassword).toBe('[redacted newPassword len=6]');
    const auth = har.log.entries[1].request.headers.find((h: any) => h.name === 'Authorization').value;
    expect(auth).toMatch(/^SSWS \*{4}#[0-9a-f]{12}$/);
  });

  it('--check changes nothing and lists file, entry and field of each clear secret', async () => {
    const input = join(work, 'clear-copy.har');
    copyFileSync(join(FIXTURES, 'playwright.har'), input);
    const before = readFileSync(input);
    const run = await runCli('sanitize', '--check', input);
    expect(run.code).toBe(1);
    expect(readFileSync(input).equals(before)).toBe(true);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(`${input}: entries[3] request.body answer`);
    expect(lines).toContain(`${input}: entries[4] request.body newPassword`);
    expect(lines).toContain(`${input}: entries[6] request.body passCode`);
    expect(lines).toContain(`${input}: entries[1] request.header authorization`);
    expect(run.stderr).toMatch(/24 clear secrets in 8 entries/);
  });
});

describe('what the sanitizer masks beyond bodies', () => {
  const jwt = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"00u1"}').toString('base64url')}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
  const entry = (url: string, extra: Record<string, unknown>) => ({
    startedDateTime: '2024-03-01T10:00:00.000Z', time: 10,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', cookies: [{ name: 'sid', value: 'abcdefsessioncookie' }], headers: [{ name: 'Cookie', value: 'sid=abcdefsessioncookie' }], queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })), headersSize: -1, bodySize: 0 },
    response: { status: 302, statusText: 'Found', httpVersion: 'HTTP/1.1', cookies: [], headers: [{ name: 'Location', value: `https://app.example.com/cb?code=authzcode12345&state=xyz` }], content: { size: 0, mimeType: 'text/plain' }, redirectURL: 'https://app.example.com/cb?code=authzcode12345&state=xyz', headersSize: -1, bodySize: 0 },
    cache: {}, timings: { send: 0, wait: 10, receive: 0 }, ...extra,
  });

  it('masks secret query parameters in URLs and queryString, cookies in arrays, and strips JWT signatures', async () => {
    const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [{ id: 'p', title: 'https://dev.okta.com/login?sessionToken=20111abcdefghijkl', startedDateTime: '2024-03-01T10:00:00.000Z', pageTimings: {} }], entries: [
      entry('https://dev.okta.com/login/sessionCookieRedirect?token=20111abcdefghijklmnop&redirectUrl=%2Fapp', { _initiator: { type: 'other', assertion: jwt } }),
    ] } };
    const input = join(work, 'urls.har');
    writeFileSync(input, JSON.stringify(har));
    const out = join(work, 'urls.safe.har');
    const run = await runCli('sanitize', input, '-o', out, '--key', key);
    expect(run.code).toBe(0);
    // The page's sessionToken is no entry's: counted apart, so "of 1 entries" is the file's one entry.
    expect(run.stderr).toMatch(/: \d+ values masked in 1 of 1 entry and 1 in the log's other fields \(pages, comment\) \(fingerprint key/);
    const text = readFileSync(out, 'utf8');
    for (const secret of ['20111abcdefghijklmnop', 'authzcode12345', 'abcdefsessioncookie', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ', '20111abcdefghijkl']) {
      expect(text.includes(secret), secret).toBe(false);
    }
    const safe = JSON.parse(text);
    const e = safe.log.entries[0];
    expect(e.request.url).toMatch(/token=20111a\*{4}%23[0-9a-f]{12}&redirectUrl=%2Fapp$/);
    expect(e.request.queryString.find((q: any) => q.name === 'token').value).toMatch(/^20111a\*{4}#[0-9a-f]{12}$/);
    expect(e.request.cookies[0].value).toBe(e.request.headers[0].value.split('=')[1]);
    // A JWT bearer assertion keeps its header and claims; its signature is a keyed fingerprint, as an id_token's.
    expect(e._initiator.assertion).toMatch(new RegExp(`^${jwt.split('.').slice(0, 2).join('\\.')}\\.\\*{4}#[0-9a-f]{12}$`));
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
  });

  it('masks tokens a sign-in page hands to its scripts, in HTML bodies (base64 or not)', async () => {
    const html = "<html><script>\nvar stateToken = '00PageTokenAbcdefghijklmnop';\nvar baseUrl = 'https://dev.okta.com';\n</script></html>";
    const page = (encoded: boolean) => entry('https://dev.okta.com/signin/reset-password', {
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], redirectURL: '', headersSize: -1, bodySize: html.length,
        content: encoded ? { size: html.length, mimeType: 'text/html', encoding: 'base64', text: Buffer.from(html).toString('base64') } : { size: html.length, mimeType: 'text/html', text: html } },
    });
    const input = join(work, 'page.har');
    writeFileSync(input, JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [page(false), page(true)] } }));
    const check = await runCli('sanitize', '--check', input);
    expect(check.stdout).toContain(`${input}: entries[0] response.body stateToken`);
    expect(check.stdout).toContain(`${input}: entries[1] response.body stateToken`);
    const out = join(work, 'page.safe.har');
    expect((await runCli('sanitize', input, '-o', out, '--key', key)).code).toBe(0);
    const safe = JSON.parse(readFileSync(out, 'utf8'));
    const bodies = safe.log.entries.map((e: any) => (e.response.content.encoding ? Buffer.from(e.response.content.text, 'base64').toString('utf8') : e.response.content.text));
    for (const body of bodies) {
      expect(body).toMatch(/var stateToken = '00Page\*{4}#[0-9a-f]{12}';\nvar baseUrl = 'https:\/\/dev.okta.com';/);
    }
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
  });

  it('masks the recovery token of an emailed reset link wherever the link shows (page title, Referer, text)', async () => {
    const link = 'https://dev.okta.com/signin/reset-password/Ab3dEf6hIj9kLmNoPq';
    const call = entry('https://dev.okta.com/api/v1/authn/recovery/token', {});
    call.request.headers.push({ name: 'Referer', value: link });
    const input = join(work, 'reset-link.har');
    writeFileSync(input, JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [{ id: 'p', title: link, startedDateTime: '2024-03-01T10:00:00.000Z', pageTimings: {} }], entries: [call] } }));
    const check = await runCli('sanitize', '--check', input);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`${input}: entries[0] request.header recoveryToken (url path)`);
    expect(check.stdout).toContain(`${input}: log url recoveryToken (url path)`);
    const out = join(work, 'reset-link.safe.har');
    expect((await runCli('sanitize', input, '-o', out, '--key', key)).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('Ab3dEf6hIj9kLmNoPq');
    const safe = JSON.parse(text);
    const referer = safe.log.entries[0].request.headers.find((h: any) => h.name === 'Referer').value;
    expect(referer).toMatch(/\/signin\/reset-password\/Ab3dEf\*{4}%23[0-9a-f]{12}$/);
    expect(safe.log.pages[0].title).toBe(referer);
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
  });

  it('sanitizes text transcripts (forum paste, curl, raw HTTP) line by line, keeping line numbers for --check', async () => {
    const input = join(work, 'ticket.txt');
    writeFileSync(input, [
      'curl -X POST https://dev.okta.com/api/v1/authn/recovery/password \\',
      "  -H 'Authorization: SSWS 00Tq3vGfYxY2J7oZkLw9bNcR1eHs4uAaMdPiVtXj5K' \\",
      `  -d '{"username":"mary.jane@example.com","password":"Winter2024!x"}'`,
      'POST /api/v1/authn/recovery/answer HTTP/1.1',
      'Cookie: sid=102nRkm0uHhqBXnnzI9EZ9vRw; DT=keep',
      '',
      '{"stateToken": "00bnFmDPj6P5dIOW1w6I23rwC7QAJSalEbtTJ-9suL", “answer”: “broccoli”}',
      'GET https://dev.okta.com/login/sessionCookieRedirect?token=20111abcdefghijklmnop&redirectUrl=%2F',
      `id_token=${jwt}&state=1`,
      'I cleared the cookie: it did not help, and the password policy: unchanged',
    ].join('\n'));
    const check = await runCli('sanitize', '--check', input);
    expect(check.code).toBe(1);
    expect(check.stdout.trim().split('\n')).toEqual(expect.arrayContaining([
      `${input}:2 authorization`, `${input}:3 password`, `${input}:5 cookie`, `${input}:7 stateToken`, `${input}:7 answer`, `${input}:8 token`, `${input}:9 id_token`,
    ]));
    expect(check.stdout).not.toContain(`${input}:10`);
    const out = join(work, 'ticket.safe.txt');
    const run = await runCli('sanitize', input, '-o', out, '--key', key);
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')).toHaveLength(10);
    expect(text.split('\n')[9]).toBe('I cleared the cookie: it did not help, and the password policy: unchanged');
    for (const secret of ['00Tq3vGfYxY2J7oZkLw9bNcR1eHs4uAaMdPiVtXj5K', 'Winter2024!x', '102nRkm0uHhqBXnnzI9EZ9vRw', '00bnFmDPj6P5dIOW1w6I23rwC7QAJSalEbtTJ-9suL', 'broccoli', '20111abcdefghijklmnop', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ']) {
      expect(text.includes(secret), secret).toBe(false);
    }
    expect(text).toContain('DT=');
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
  });

  it('the sanitized forum transcript keeps its transactions and steps', async () => {
    const out = join(work, 'forum.safe.md');
    expect((await runCli('sanitize', SAMPLE, '-o', out, '--key', key)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('"PWPWPW"');
    const before = await analyzeJson(SAMPLE, '--db', ':memory:');
    const after = await analyzeJson(out, '--db', ':memory:');
    const shape = (j: any) => j.transactions.map((t: any) => t.steps.map((s: any) => `${s.operation} ${s.statusBefore}->${s.statusAfter} ${s.stateToken.rotated}`));
    expect(shape(after.json)).toEqual(shape(before.json));
  });
});

describe('sanitize refuses what it cannot read, writing nothing', () => {
  it.each([
    // JSON that is not HAR is sanitized as a JSON document (test/sanitize/json-documents.test.ts); broken JSON is not.
    ['a .json that does not parse', 'x.json', '{"a": 1', /x\.json: not valid JSON/],
    ['a truncated HAR', 'cut.har', '{"log":{"version":"1.2","entries":[{"request":{"url":"https://x/api/v1/authn"', /cut\.har: truncated or damaged after 0 entries .*nothing was written/],
  ])('%s', async (_what, name, text, message) => {
    const input = join(work, name);
    writeFileSync(input, text);
    const out = join(work, `${name}.out`);
    const run = await runCli('sanitize', input, '-o', out, '--key', key);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('needs -o unless --check, and never overwrites its input', async () => {
    expect((await runCli('sanitize', SAMPLE)).stderr).toMatch(/name the sanitized copy with -o FILE/);
    expect((await runCli('sanitize', SAMPLE, '-o', SAMPLE)).stderr).toMatch(/to another file than the input/);
  });
});
