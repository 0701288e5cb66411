import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/**
 * What an import found but could not read (a block of a paste, a HAR entry) is kept with the capture as a
 * count and places (Capture.unreadUnits), never a warning's text: the verdict names it, and no answer clears
 * Okta of what it did not read ("never silently clean"), also when the analysis runs later from the database.
 */

const dir = tempDir('authtrail-unread-units-');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const CALL = [
  '```',
  "curl -X POST https://dev-42.okta.com/api/v1/authn -d '{\"username\":\"a@b.com\",\"password\":\"****\"}'",
  '```',
  '```',
  'HTTP/1.1 200 OK',
  '',
  '{"status":"MFA_REQUIRED","stateToken":"00abc...xyz","expiresAt":"2024-03-01T10:05:00.000Z"}',
  '```',
  '',
];

describe('units of the evidence that could not be read', () => {
  it('a sentence naming a call the paste does not show: the verdict says so, and the answer does not clear Okta', async () => {
    const path = file('sentence.md', ['Then I noticed that POST /api/v1/authn/recovery/answer returns 403 for the user.', '', ...CALL].join('\n'));
    const db = join(dir, 'sentence.db');
    const imported = await runCli('import', path, '--db', db);
    expect(imported.stderr).toContain('imported 1 of 2 blocks');
    // Later, from the database alone: the import's count is still there.
    const { json } = await analyzeJson('--db', db);
    expect(json.captures[0].unreadUnits).toEqual({ count: 1, of: 2, unit: 'blocks', refs: [`${path}:1`] });
    expect(json.verdict.evidence[0]).toMatchObject({ rules: [], transaction: null, text: `1 of 2 blocks of ${path} could not be read (${path}:1): no rule judged it` });
    expect(json.verdict.evidence[0].action).toContain(`authtrail import ${path} --db :memory:`);
    expect(json.verdict.answer).toBe('no departure in what was analyzed; the evidence has 1 part authtrail could not read.');
    const table = await runCli('analyze', '--db', db);
    expect(table.stdout).toMatch(/Evidence problems: 1 of 2 blocks of\s/);
    expect(table.stdout).toMatch(/Answer: no departure in what was analyzed/);
  });

  it('every block read: no item, and the answer clears Okta as before', async () => {
    const { json } = await analyzeJson(file('clean.md', CALL.join('\n')), '--db', ':memory:');
    expect(json.captures[0].unreadUnits).toBeUndefined();
    expect(json.verdict.evidence).toEqual([]);
    expect(json.verdict.answer).toBe('not an Okta bug: the flow matches the state machine Okta documents.');
  });

  it('a HAR entry that does not read: counted by its place, and what its warning quoted is not stored', async () => {
    const entry = (url: string, body: unknown) => ({
      startedDateTime: '2024-03-01T10:00:00.000Z', time: 10,
      request: { method: 'POST', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: -1, postData: { mimeType: 'application/json', text: '{"username":"a@b.com","password":"****"}' } },
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 1, mimeType: 'application/json', text: JSON.stringify(body) }, redirectURL: '', headersSize: -1, bodySize: -1 },
      cache: {}, timings: { send: 0, wait: 10, receive: 0 },
    });
    const good = entry('https://dev-42.okta.com/api/v1/authn', { status: 'MFA_REQUIRED', stateToken: '00abc...xyz', expiresAt: '2024-03-01T10:05:00.000Z' });
    // An entry without its request: the reader names it and skips it.
    const broken = { ...entry('https://dev-42.okta.com/api/v1/authn', {}), request: 'Pw9NotAnObject!' };
    const path = file('two.har', JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [good, broken] } }));
    const db = join(dir, 'har.db');
    const imported = await runCli('import', path, '--db', db);
    expect(imported.stderr).toMatch(/imported 1 of 2 entries/);
    const { json } = await analyzeJson('--db', db);
    expect(json.captures[0].unreadUnits).toMatchObject({ count: 1, of: 2, unit: 'entries' });
    expect(json.verdict.evidence[0].text).toMatch(/^1 of 2 entries of .*two\.har could not be read/);
    expect(readFileSync(db).toString('latin1')).not.toContain('Pw9NotAnObject');
  });
});
