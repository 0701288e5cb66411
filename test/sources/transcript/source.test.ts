import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/model/errors.js';
import { detectTextFormat, openTextSource } from '../../../src/sources/transcript/index.js';
import { load, SAMPLE } from './helpers.js';

describe('detectTextFormat', () => {
  const cases: [string, string, ReturnType<typeof detectTextFormat>][] = [
    ['the devforum sample', SAMPLE, 'transcript'],
    ['a forum-rendered copy', 'test/fixtures/transcripts/forum-rendered.md', 'transcript'],
    ['a styled transcript with an HTTP status line in a response', 'test/fixtures/transcripts/styled-mfa-login.md', 'transcript'],
    ['curl with -i and -v output', 'test/fixtures/transcripts/devforum-curl.md', 'curl'],
    ['curl errors', 'test/fixtures/transcripts/curl-errors.md', 'curl'],
    ['raw HTTP in fences', 'test/fixtures/transcripts/devforum-http.md', 'http'],
    ['raw HTTP with CRLF', 'test/fixtures/transcripts/http-varied.txt', 'http'],
  ];
  it.each(cases)('%s', (_name, path, format) => {
    expect(detectTextFormat(load(path)[0])).toBe(format);
  });

  it('is null for text with no exchange', () => {
    expect(detectTextFormat('')).toBeNull();
    expect(detectTextFormat('My login fails with E0000004, any idea?\n\n1. open the app\n2. sign in')).toBeNull();
    expect(detectTextFormat('{"log": {"version": "1.2", "entries": []}}')).toBeNull();
  });
});

describe('openTextSource', () => {
  it('opens the sample as a transcript source with the sha256 of its bytes', () => {
    const [text, path] = load(SAMPLE);
    const source = openTextSource(path, text);
    expect(source.kind).toBe('transcript');
    expect(source.file).toBe(path);
    expect(source.contentHash).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect([...(source.exchanges as Iterable<unknown>)]).toHaveLength(6);
    expect(source.report).toMatchObject({ unit: 'blocks', found: 6, imported: 6, outside: 0 });
  });

  it('hashes the bytes it is given, even when they are not valid UTF-8', () => {
    const [text, path] = load(SAMPLE);
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff, 0xfe, 0x0a])]);
    const source = openTextSource(path, bytes);
    expect(source.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(source.report.imported).toBe(6);
  });

  it('counts exchanges outside the default include (paths without /api/v1/authn)', () => {
    const [text, path] = load('test/fixtures/transcripts/styled-mfa-login.md');
    const source = openTextSource(path, text);
    expect(source.report).toMatchObject({ found: 6, imported: 5, outside: 1 });
    expect([...(source.exchanges as Iterable<{ url: string }>)].map((e) => e.url)).not.toContain(
      'https://dev-123.okta.com/api/v1/users/me',
    );
  });

  it('takes the caller include predicate and a forced format', () => {
    const [text, path] = load('test/fixtures/transcripts/curl-errors.md');
    const source = openTextSource(path, text, 'curl', (url) => url.includes('/factors/'));
    expect(source.kind).toBe('curl');
    // Command 4's response is beyond repair: kept with its status (200), its body left out.
    expect(source.report).toMatchObject({ found: 8, imported: 3, outside: 4 });
  });

  it('throws one InputError line naming the file when nothing can be imported', () => {
    expect(() => openTextSource('samples/x.md', 'just prose, no calls')).toThrow(InputError);
    expect(() => openTextSource('samples/x.md', 'just prose, no calls')).toThrow(/^samples\/x\.md: no Okta authn request\/response found; /);
    const onlyUsers = 'curl https://o.okta.com/api/v1/users/me\n{"id": "00u1"}\n';
    expect(() => openTextSource('users.sh', onlyUsers)).toThrow('users.sh: no Okta authn exchange imported: all 1 commands are outside --include');
  });

  it("reads the Okta answers a paste printed on their own when its calls all go elsewhere (a web app's own backend)", () => {
    const paste = "```js\nconst res = await axios.post('/api/login', { username, password });\nconsole.log(res.data);\n```\n```\n{ stateToken: '00abc', status: 'MFA_REQUIRED' }\n```\n";
    const source = openTextSource('app.md', paste);
    expect([...(source.exchanges as Iterable<{ url: string; responseStatus: number | null }>)].map((e) => [e.url, e.responseStatus])).toEqual([['/api/v1/authn', 200]]);
    expect(source.report.warnings[0]).toEqual({ ref: 'app.md:1', message: 'the 1 commands the paste shows are outside --include (not calls to the Okta org); the Okta answers it printed are read on their own' });
    expect(() => openTextSource('app.md', paste, 'curl')).toThrow('all 1 commands are outside --include');
  });
});
