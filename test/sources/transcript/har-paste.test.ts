import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

/**
 * HAR entries pasted as text: DevTools' "Copy as HAR" (one entry) or "Copy all as HAR" (the whole document) put
 * into a post or a ticket, in a fence or as the whole paste, pretty or not, sometimes damaged. They read as the
 * HAR reader reads a file's entries: bodies decoded, start times kept; and sanitize leaves none of their secrets.
 */

const dir = tempDir('authtrail-har-paste-');
const HOST = 'https://dev-7.okta.com';
const PASSWORD = 'PastedHarPw#2024';
const STATE = '00HarPasteStateToken0123456789abcdefghijkl';
const NEXT = '00HarPasteNextToken9876543210zyxwvutsrqpon';
const DT = 'DTdeviceTokenPasted98765';

function entry(at: string, path: string, request: unknown, status: number, response: unknown, base64 = false) {
  const text = JSON.stringify(response);
  return {
    startedDateTime: at, time: 120,
    request: { method: 'POST', url: `${HOST}${path}`, httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Cookie', value: `DT=${DT}` }], queryString: [], cookies: [{ name: 'DT', value: DT }], headersSize: -1, bodySize: -1, postData: { mimeType: 'application/json', text: JSON.stringify(request) } },
    response: { status, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: 'application/json' }], cookies: [], content: { size: text.length, mimeType: 'application/json', ...(base64 ? { encoding: 'base64', text: Buffer.from(text).toString('base64') } : { text }) }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {}, timings: { send: 0, wait: 120, receive: 0 },
  };
}

const SIGN_IN = entry('2024-03-01T10:00:00.000Z', '/api/v1/authn', { username: 'jo@example.com', password: PASSWORD }, 200, { stateToken: STATE, status: 'MFA_REQUIRED', expiresAt: '2024-03-01T10:05:00.000Z', _embedded: { user: { id: '00u1harpaste0000001', passwordChanged: '2024-01-01T00:00:00.000Z' } } });
const VERIFY = entry('2024-03-01T10:00:20.000Z', '/api/v1/authn/factors/ost1harpaste/verify', { stateToken: STATE, passCode: '482913' }, 200, { stateToken: NEXT, status: 'SUCCESS', expiresAt: '2024-03-01T10:05:20.000Z', sessionToken: '20111HarPasteSessionTok0123456789' }, true);

const fence = (doc: unknown, pretty = true) => ['```json', JSON.stringify(doc, null, pretty ? 2 : undefined), '```'].join('\n');

const PASTES: [string, string][] = [
  ['one entry per fence (Copy as HAR), in a post', ['The sign-in:', '', fence(SIGN_IN), '', 'and the verify:', '', fence(VERIFY), ''].join('\n')],
  ['the whole document in a fence (Copy all as HAR), on one line', ['Here is the HAR:', fence({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries: [SIGN_IN, VERIFY] } }, false), ''].join('\n')],
  ['an array of entries as the whole paste, CRLF', JSON.stringify([SIGN_IN, VERIFY], null, 2).replace(/\n/g, '\r\n')],
  ['the document with a trailing comma and its last brackets lost', ['```', JSON.stringify({ log: { version: '1.2', entries: [SIGN_IN, VERIFY] } }, null, 2).replace(/\n\s*\]\n\s*\}\n\}$/, ',\n'), '```', ''].join('\n')],
];

describe('HAR entries pasted as text', () => {
  it.each(PASTES.map(([name, text], i) => [name, text, i] as const))('%s: read as HAR entries, times and bodies kept', async (name, text, i) => {
    const path = join(dir, `paste-${i}.md`);
    writeFileSync(path, text);
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.transactions).toHaveLength(1);
    expect(json.transactions[0].steps.map((s: any) => [s.operation, s.statusAfter, s.startedAt])).toEqual([
      ['primary', 'MFA_REQUIRED', '2024-03-01T10:00:00.000Z'],
      ['factors.verify', 'SUCCESS', '2024-03-01T10:00:20.000Z'],
    ]);
    expect(json.transactions[0].outcome).toBe('SUCCESS');
    // Their secrets are the calls': named at their steps, not on "lines not read as calls".
    const exposed = json.verdict.evidence.find((i: any) => i.rules.includes('secret-exposed'))?.text ?? '';
    expect(exposed).toMatch(/password/);
    expect(exposed).not.toContain('lines not read as calls');

    const safe = join(dir, `paste-${i}.safe.md`);
    expect((await runCli('sanitize', path, '-o', safe)).code).toBe(0);
    const out = readFileSync(safe, 'utf8');
    for (const secret of [PASSWORD, STATE.slice(8), NEXT.slice(8), DT.slice(4), '482913']) expect(out, secret).not.toContain(secret);
  });

  it('a fence of JSON that is no HAR entry is left to the other readers', async () => {
    const path = join(dir, 'not-har.md');
    writeFileSync(path, ['POST /api/v1/authn', '```', '{"request": "x", "response": "y", "httpVersion": "1.1"}', '```', 'Response:', '```', '{"status": "SUCCESS", "expiresAt": "2024-03-01T10:05:00.000Z"}', '```', ''].join('\n'));
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.transactions[0].steps.map((s: any) => s.statusAfter)).toEqual(['SUCCESS']);
  });
});
