import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

const dir = tempDir('authtrail-wrapped-sentences-');

const HOST = 'https://dev-1.okta.com';
const TOKEN_BODY = '{"recoveryToken":"VBQ0gwBXhq1Xm7R2pLpD"}';
const RECOVERY = '{"stateToken":"00Ab3kLm9QrStUvWxYz0123456789abcdefGHIJ","status":"RECOVERY","expiresAt":"2024-03-01T10:05:01.400Z"}';
const NOT_A_BUG_SECRETS = "not an Okta bug: nothing departs from Okta's documented behaviour; the evidence exposes secrets.";

/** Writes the paste and analyzes it through the CLI (`analyze --format json`): its steps, warnings and answer. */
async function analyzed(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const { json } = await analyzeJson(path, '--db', ':memory:');
  const steps = json.transactions.flatMap((t: any) => t.steps.map((s: any) => `${s.method} ${s.path} ${s.httpStatus ?? '—'}`));
  const evidence: string[] = json.verdict.evidence.map((e: any) => e.text);
  return { steps, answer: json.verdict.answer as string, evidence, json };
}

/** The ticket's shape: a sentence about a call hard-wrapped after its URL, then the call it shows in full. */
const WRAPPED = [
  `We call POST ${HOST}/api/v1/authn/recovery/password`,
  'and get back a RECOVERY_CHALLENGE, then the user clicks the email link.',
  '',
  `Then our backend does POST ${HOST}/api/v1/authn/recovery/token`,
  '',
  '```',
  TOKEN_BODY,
  '```',
  '```',
  RECOVERY,
  '```',
  '',
];

/** A mail wrapped at 72 columns: the URL ends lines of prose, the call shown is indented under a colon. */
const EMAIL_72 = [
  'Hello Okta support,',
  '',
  'Since Monday the password reset of our portal stops half way. We call',
  `POST ${HOST}/api/v1/authn/recovery/password with the`,
  'login, which works. Our page first does',
  `POST ${HOST}/api/v1/authn/recovery/password`,
  'again and gets back a RECOVERY_CHALLENGE; the email arrives and the',
  'user clicks the link in it.',
  '',
  `Next, POST ${HOST}/api/v1/authn/recovery/token:`,
  '',
  `    ${TOKEN_BODY}`,
  '',
  '    HTTP/1.1 200 OK',
  '    Content-Type: application/json',
  '',
  `    ${RECOVERY}`,
  '',
  'Thanks,',
  'Jo',
  '',
];

describe('a sentence about a call that a hard wrap carries onto the next line is no request', () => {
  it.each([
    ['a ticket (Markdown fences)', 'ticket.md', WRAPPED.join('\n')],
    ['the same with CRLF line ends', 'ticket-crlf.md', WRAPPED.join('\r\n')],
    ['a mail wrapped at 72 columns', 'mail.txt', EMAIL_72.join('\n')],
    ['the mail with CRLF', 'mail-crlf.txt', EMAIL_72.join('\r\n')],
    ['a reply quoting the ticket (`> `)', 'reply.md', ['Jo wrote:', ...WRAPPED.map((l) => (l ? `> ${l}` : '>')), 'Can you check the token call?', ''].join('\n')],
    ['a reply quoting the mail (`> `, `>> `)', 'reply.txt', ['On Mon, Jo wrote:', ...EMAIL_72.map((l, i) => `${i % 3 ? '> ' : '>> '}${l}`), ''].join('\n')],
  ])('%s: one step, the call shown with its answer; the verdict claims no unanswered request', async (_, name, text) => {
    const read = await analyzed(name, text);
    expect(read.steps).toEqual([`POST /api/v1/authn/recovery/token 200`]);
    expect(read.answer).toBe(NOT_A_BUG_SECRETS);
    expect(read.evidence.join(' ')).not.toMatch(/no response/);
  });

  it('a wrapped sentence that gives the status is named as not read, never an unanswered step', async () => {
    const text = [...WRAPPED.slice(0, 3), `Later we call POST ${HOST}/api/v1/authn/recovery/answer`, 'and it returns 403 for every user.', '', ...WRAPPED.slice(3)];
    const path = join(dir, 'status.md');
    writeFileSync(path, text.join('\n'));
    const run = await runCli('analyze', path, '--db', ':memory:', '--format', 'json');
    const json = JSON.parse(run.stdout);
    expect(json.transactions.flatMap((t: any) => t.steps.map((s: any) => s.path))).toEqual(['/api/v1/authn/recovery/token']);
    expect(run.stderr).toMatch(/imported 1 of 2 blocks/);
    expect(run.stderr).toContain('status.md:4: a sentence says POST /api/v1/authn/recovery/answer got 403, but the paste shows no such request; not read');
    expect(json.verdict.answer).toBe("no departure in what was read: nothing departs from Okta's documented behaviour; the evidence has 1 part authtrail could not read and exposes secrets.");
  });

  it('a paste of wrapped sentences only names them in its error', async () => {
    const path = join(dir, 'only.txt');
    writeFileSync(path, `We call POST ${HOST}/api/v1/authn/recovery/password\nand get back a RECOVERY_CHALLENGE.\n`);
    const run = await runCli('analyze', path, '--db', ':memory:');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/only\.txt:1 names POST \/api\/v1\/authn\/recovery\/password only in a sentence, which is no request/);
  });
});

/** One call shown as it crossed the wire, for the sentences after it to be judged next to. */
const CURL = [
  '```',
  `curl -i -X POST ${HOST}/api/v1/authn/recovery/password -H 'Content-Type: application/json' -d '{"username":"jo@acme.com","factorType":"EMAIL"}'`,
  'HTTP/1.1 200 OK',
  'Content-Type: application/json',
  '',
  '{"status":"RECOVERY_CHALLENGE","factorType":"EMAIL","recoveryType":"PASSWORD"}',
  '```',
  '',
];

describe('a sentence that ends at the URL with a full stop is no request, unless the request follows', () => {
  it.each([
    ['then nothing', [`We then call POST ${HOST}/api/v1/authn/factors/emf1abcdefgh/verify.`]],
    ['then prose', [`We then call POST ${HOST}/api/v1/authn/factors/emf1abcdefgh/verify.`, 'It hangs for a while.', 'Any idea?']],
    ['in backticks, CRLF', [`Then I call \`POST ${HOST}/api/v1/authn/factors/emf1abcdefgh/verify\`.\r`, 'Nothing else happens.\r']],
    ['quoted in a reply', [`> Then POST ${HOST}/api/v1/authn/factors/emf1abcdefgh/verify.`, '> It hangs.']],
    ['a question mark', [`Should we then call POST ${HOST}/api/v1/authn/factors/emf1abcdefgh/verify?`]],
  ])('%s: only the curl call, answered', async (_, lines) => {
    const read = await analyzed('stop.md', [...CURL, ...lines, ''].join('\n'));
    expect(read.steps).toEqual(['POST /api/v1/authn/recovery/password 200']);
    expect(read.answer).toBe('not an Okta bug: the flow matches the state machine Okta documents.');
  });

  it('a full stop, then the request and its response: the step is read', async () => {
    const read = await analyzed('stop-block.md', [
      `We then call POST ${HOST}/api/v1/authn/recovery/token.`,
      'Request:',
      '```json',
      TOKEN_BODY,
      '```',
      'Response:',
      '```json',
      RECOVERY,
      '```',
      '',
    ].join('\n'));
    expect(read.steps).toEqual(['POST /api/v1/authn/recovery/token 200']);
    expect(read.answer).toBe(NOT_A_BUG_SECRETS);
  });
});

describe('in an application log pasted with the poster\'s prose', () => {
  const LOG = [
    '2024-03-01 10:00:00,120 INFO [main] OktaClient - Request: POST https://acme.okta.com/api/v1/authn {"username":"jo@acme.com","password":"Correct-Horse-9"}',
    '2024-03-01 10:00:00,420 INFO [main] OktaClient - Response: 200 {"status":"MFA_REQUIRED","stateToken":"00Ab3kLm9QrStUvWxYz0123456789abcdefGHIJ"}',
  ];
  it.each([
    ['wrapped', ['After that our app does POST https://acme.okta.com/api/v1/authn/factors/sms1abcdefgh/verify', 'and the log shows nothing more for it.']],
    ['a full stop, CRLF', ['After that our app does POST https://acme.okta.com/api/v1/authn/factors/sms1abcdefgh/verify.\r', 'The log shows nothing more.\r']],
    ['quoted', ['> We then call POST https://acme.okta.com/api/v1/authn/factors/sms1abcdefgh/verify', '> and the log shows nothing more.']],
  ])('a sentence after the log lines, %s, is no second request', async (_, lines) => {
    const read = await analyzed('app.log', [...LOG, ...lines, ''].join('\n'));
    expect(read.steps).toEqual(['POST /api/v1/authn 200']);
    expect(read.evidence.join(' ')).not.toMatch(/no response/);
    expect(read.answer).not.toMatch(/cannot tell/);
  });
});

describe('a line naming a call before its blocks stays the request', () => {
  const AUTHN = `{"username":"jo@acme.com","password":"Correct-Horse-9"}`;
  const SUCCESS = `{"status":"SUCCESS","sessionToken":"20111Ab3kLm9QrStUvWxYz0123456789","expiresAt":"2024-03-01T10:05:01.400Z"}`;
  it.each([
    ['a colon and a block', [`I call POST ${HOST}/api/v1/authn:`, '```json', AUTHN, '```', 'and get:', '```json', SUCCESS, '```']],
    ['a wrapped `with this body:`', [`I call POST ${HOST}/api/v1/authn`, 'with this body:', '```json', AUTHN, '```', 'and Okta answers:', '```json', SUCCESS, '```']],
    ['a wrapped `with body:` and a response marker, CRLF', [`We send POST ${HOST}/api/v1/authn\r`, 'with body:\r', AUTHN + '\r', 'Response (200):\r', SUCCESS + '\r']],
    ['a wrapped sentence with headers below', [`Then I call POST ${HOST}/api/v1/authn`, 'and these headers:', 'Content-Type: application/json', 'Accept: application/json', '', AUTHN, '', 'Response:', SUCCESS]],
    ['quoted in a reply', [`> I call POST ${HOST}/api/v1/authn`, '> with this body:', `> ${AUTHN}`, '> Response:', `> ${SUCCESS}`]],
  ])('%s: one step, answered', async (_, lines) => {
    const read = await analyzed('block.md', [...lines, ''].join('\n'));
    expect(read.steps).toEqual(['POST /api/v1/authn 200']);
    expect(read.answer).toBe(NOT_A_BUG_SECRETS);
    expect(read.json.transactions[0].steps[0].statusAfter).toBe('SUCCESS');
  });

  it.each([
    ['Our backend does POST', 'My app then calls POST'],
    ['The server sends POST', 'Then our backend does POST'],
  ])('a doer calling in front of each call (`%s …`, `%s …`) opens its step, its blocks its own', async (first, second) => {
    const text = [
      `${first} ${HOST}/api/v1/authn/recovery/token`, '```', TOKEN_BODY, '```', 'and Okta returns:', '```', RECOVERY, '```',
      `${second} ${HOST}/api/v1/authn/recovery/answer`, '```', '{"stateToken":"00Ab3kLm9QrStUvWxYz0123456789abcdefGHIJ","answer":"blue"}', '```', 'Response:', '```',
      '{"stateToken":"00Ab3kLm9QrStUvWxYz0123456789abcdefGHIJ","status":"PASSWORD_RESET","expiresAt":"2024-03-01T10:05:11.400Z"}', '```', '',
    ].join('\n');
    const { steps, answer, json } = await analyzed(`doer-${first.length}.md`, text);
    expect(steps).toEqual(['POST /api/v1/authn/recovery/token 200', 'POST /api/v1/authn/recovery/answer 200']);
    expect(json.transactions).toHaveLength(1);
    expect(answer).toBe(NOT_A_BUG_SECRETS);
  });
});
