import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson } from '../../helpers/cli.js';

// A forum post whose author masked each stateToken to its head and tail (`00abc...xyz`), as the README's
// "link by their visible prefix" names; step 4 sends a placeholder (`<stateToken>`), which links nothing.
const FIXTURE = 'test/fixtures/transcripts/masked-head-tail.md';
const paste = readFileSync(FIXTURE, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'authtrail-masked-tokens-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function write(text: string, ext = 'md'): string {
  const path = join(work, `${n++}-paste.${ext}`);
  writeFileSync(path, text);
  return path;
}

/** Each transaction's steps as `operation:before->after`. */
async function chains(path: string): Promise<string[][]> {
  const { json } = await analyzeJson(path, '--db', ':memory:');
  return json.transactions.map((t: any) => t.steps.map((s: any) => `${s.operation}:${s.statusBefore}->${s.statusAfter}`));
}

const LINKED = [
  ['primary:START->MFA_REQUIRED', 'factors.verify:MFA_REQUIRED->MFA_CHALLENGE', 'previous:MFA_CHALLENGE->MFA_REQUIRED'],
  ['factors.verify:UNKNOWN->SUCCESS'],
];

describe('masked stateTokens that show a short head and a tail (`00abc...xyz`)', () => {
  it('the forum post: steps 1-3 are one transaction; the placeholder of step 4 joins nothing', async () => {
    expect(await chains(FIXTURE)).toEqual(LINKED);
  });

  it.each([
    ['an ellipsis character', '00abc…xyz'],
    ['asterisks', '00ab****wxyz'],
    ['a bracketed elision', '00abc[...]xyz'],
  ])('written with %s, they link the same way', async (_how, mask) => {
    expect(await chains(write(paste.replaceAll('00abc...xyz', mask)))).toEqual(LINKED);
  });

  it('two different masks alike at the start are two tokens: they do not link', async () => {
    // Step 1 answered one token; steps 2 and 3 send and answer another.
    const text = paste.replace(/(2\. POST[\s\S]*?)(?=4\. POST)/, (m) => m.replaceAll('00abc...xyz', '00abc...uvw'));
    expect(await chains(write(text))).toEqual([
      ['primary:START->MFA_REQUIRED'],
      ['factors.verify:UNKNOWN->MFA_CHALLENGE', 'previous:MFA_CHALLENGE->MFA_REQUIRED'],
      ['factors.verify:UNKNOWN->SUCCESS'],
    ]);
  });

  it('a mask that shows too little (`00a...z`) still links nothing', async () => {
    expect((await chains(write(paste.replaceAll('00abc...xyz', '00a...z')))).map((t) => t.length)).toEqual([1, 1, 1, 1]);
  });

  it('raw HTTP/2 with CRLF and a rotated token: the chain follows the masked token the response issued', async () => {
    const http = (path: string, req: string, res: string) =>
      `POST ${path} HTTP/2\r\nHost: dev-1.okta.com\r\nContent-Type: application/json\r\n\r\n${req}\r\n\r\nHTTP/2 200\r\ncontent-type: application/json\r\n\r\n${res}\r\n\r\n`;
    const text =
      http('/api/v1/authn', '{"username":"j***@example.com","password":"***"}', '{"stateToken":"00Qd...9aZ","status":"PASSWORD_EXPIRED","expiresAt":"2025-04-04T04:09:00.000Z"}') +
      http('/api/v1/authn/credentials/change_password', '{"stateToken":"00Qd...9aZ","oldPassword":"***","newPassword":"***"}', '{"stateToken":"00Qd...k4T","status":"MFA_REQUIRED","expiresAt":"2025-04-04T04:09:30.000Z"}') +
      http('/api/v1/authn/factors/ost1/verify', '{"stateToken":"00Qd...k4T","passCode":"******"}', '{"status":"SUCCESS","sessionToken":"[redacted]","expiresAt":"2025-04-04T04:10:00.000Z"}');
    const path = write(text, 'txt');
    expect(await chains(path)).toEqual([
      ['primary:START->PASSWORD_EXPIRED', 'credentials.change_password:PASSWORD_EXPIRED->MFA_REQUIRED', 'factors.verify:MFA_REQUIRED->SUCCESS'],
    ]);
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.transactions[0].steps.map((s: any) => s.stateToken.rotated)).toEqual([false, true, false]);
  });
});
