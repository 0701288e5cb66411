import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/model/errors.js';
import { parseForumTranscript } from '../../../src/sources/transcript/forum.js';
import { essence, load, SAMPLE } from './helpers.js';
import { runCli } from '../../helpers/cli.js';
import { join, tempDir } from '../../helpers/flow.js';

const sample = parseForumTranscript(...load(SAMPLE));

describe('parseForumTranscript on the devforum sample', () => {
  it('finds exactly the six steps, in one group, in step order', () => {
    expect(sample.report).toEqual({ unit: 'steps', found: 6, imported: 6, outside: 0, warnings: [] });
    expect(sample.exchanges.map((e) => [e.label, e.group, e.method])).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((n) => [n, 't1', 'POST']),
    );
    expect(sample.exchanges.map((e) => e.url)).toEqual([
      '/api/v1/authn/recovery/password',
      '/api/v1/authn/recovery/token',
      '/api/v1/authn/recovery/answer',
      '/api/v1/authn/credentials/reset_password',
      '/api/v1/authn/factors/emf5tbsuofo*********/verify',
      '/api/v1/authn/factors/emf5tbsuofo*********/verify',
    ]);
  });

  it('points each step at its heading line and leaves times unknown', () => {
    expect(sample.exchanges.map((e) => e.sourceRef)).toEqual(
      [58, 78, 101, 140, 182, 218].map((n) => `${SAMPLE}:${n}`),
    );
    for (const e of sample.exchanges) {
      expect(e.startedAt).toBeNull();
      expect(e.durationMs).toBeNull();
      expect(e.transportError).toBeNull();
      expect(e.responseStatus).toBe(200);
    }
  });

  it('recovers the damaged step 4 response (elided _links, surplus brackets, missing comma)', () => {
    const step4 = sample.exchanges[3]!;
    const body = step4.responseBody as any;
    expect(body.status).toBe('MFA_REQUIRED');
    expect(body._embedded.user.id).toBe('00u4aj33rsxULOM5i1d7');
    expect(body._embedded.user.passwordChanged).toBe('2022-11-03T09:22:47.000Z');
    expect(body._embedded.user.profile.login).toBe('mary.jane@email.com');
    expect(body._embedded.factors).toHaveLength(1);
    expect(body._embedded.factors[0].profile.email).toBe('r...s@email.com');
    expect(body._embedded.policy.allowRememberDevice).toBe(false);
    expect(step4.requestBody).toEqual({ stateToken: '00WSySIHd8o8EUT9o1bo08jk8bb4oQls**********', newPassword: 'PWPWPW' });
    expect(step4.notes).toEqual(expect.arrayContaining([
      'response: 2 surplus closing bracket(s) after an elision dropped',
      'response: 1 missing comma(s) restored',
    ]));
  });

  it('keeps masked values as they are and reads every request body', () => {
    expect((sample.exchanges[1]!.responseBody as any).stateToken).toBe('00WSySIHd8o8EUT9o1bo08jk8bb4oQlsQ*********');
    expect(sample.exchanges[5]!.requestBody).toEqual({
      stateToken: '00wyJMOMFNYq-Ykq43IWGtsq7iZ5AsKso*********',
      passCode: '123123',
    });
    expect((sample.exchanges[4]!.responseBody as any)._embedded.factor.profile.email).toBe('r...s@hotmail.com');
    expect((sample.exchanges[5]!.responseBody as any).status).toBe('SUCCESS');
  });

  it('ignores the numbered prose list that names endpoints without Request/Response blocks', () => {
    expect(sample.exchanges.some((e) => e.sourceRef.endsWith(':42'))).toBe(false);
  });
});

describe('parseForumTranscript on damaged variants', () => {
  it('reads the forum-rendered copy (typographic quotes, …, lost quotes, @@, mail links, missing commas) the same', () => {
    const rendered = parseForumTranscript(...load('test/fixtures/transcripts/forum-rendered.md'));
    expect(rendered.report.warnings).toEqual([]);
    expect(rendered.exchanges.map(essence)).toEqual(sample.exchanges.map(essence));
    const notes = rendered.exchanges.flatMap((e) => e.notes ?? []);
    for (const n of ['typographic double quotes replaced', 'lost closing quote', 'doubled @@', 'autolinked emails', 'Markdown mail links', 'ellipsis characters']) {
      expect(notes.some((x) => x.includes(n))).toBe(true);
    }
  });

  it.each([
    ['indentation lost (rendered as paragraphs)', 'test/fixtures/transcripts/forum-flat.md'],
    ['each response joined on one line (soft breaks)', 'test/fixtures/transcripts/forum-joined.md'],
    ['step numbers lost in a browser copy of the rendered list', 'test/fixtures/transcripts/forum-numbers-lost.md'],
  ])('reads a copy with %s the same', (_name, path) => {
    const copy = parseForumTranscript(...load(path));
    expect(copy.report.warnings).toEqual([]);
    expect(copy.exchanges.map(essence)).toEqual(sample.exchanges.map(essence));
  });

  it('splits a thread that quotes the transcript again into two groups with the same content', () => {
    const thread = parseForumTranscript(...load('test/fixtures/transcripts/thread-twice.md'));
    expect(thread.report.found).toBe(12);
    expect(thread.report.imported).toBe(12);
    const t1 = thread.exchanges.filter((e) => e.group === 't1');
    const t2 = thread.exchanges.filter((e) => e.group === 't2');
    expect(t1).toHaveLength(6);
    expect(t2).toHaveLength(6);
    expect(t1.map(essence)).toEqual(sample.exchanges.map(essence));
    expect(t2.map(essence)).toEqual(sample.exchanges.map(essence));
  });

  it('without step numbers, starts the second copy where the first call is made again', () => {
    const thread = parseForumTranscript(...load('test/fixtures/transcripts/thread-twice-numbers-lost.md'));
    expect(thread.exchanges.map((e) => `${e.group}:${e.label}`)).toEqual([
      't1:1', 't1:2', 't1:3', 't1:4', 't1:5', 't1:6', 't2:1', 't2:2', 't2:3', 't2:4', 't2:5', 't2:6',
    ]);
    expect(thread.exchanges.filter((e) => e.group === 't2').map(essence)).toEqual(sample.exchanges.map(essence));
  });

  it('keeps a step whose response is destroyed with its request, no response body and no status, and a warning naming file, line and step', () => {
    const file = 'test/fixtures/transcripts/one-step-destroyed.md';
    const broken = parseForumTranscript(...load(file));
    expect(broken.report.found).toBe(6);
    expect(broken.report.imported).toBe(6);
    expect(broken.report.warnings).toHaveLength(1);
    expect(broken.report.warnings[0]!.ref).toBe(`${file}:143 (step 4)`);
    expect(broken.report.warnings[0]!.message).toMatch(/^response JSON could not be repaired: .+; its body left out, the request read$/);
    expect(broken.exchanges.map((e) => e.label)).toEqual(['1', '2', '3', '4', '5', '6']);
    const step4 = broken.exchanges.find((e) => e.label === '4')!;
    expect([step4.responseBody, step4.responseStatus]).toEqual([null, null]);
    expect(step4.requestBody).toEqual(sample.exchanges.find((e) => e.label === '4')!.requestBody);
    expect(step4.notes!.filter((n) => n.startsWith('response: body beyond repair'))).toHaveLength(1);
    const kept = sample.exchanges.filter((e) => e.label !== '4');
    expect(broken.exchanges.filter((e) => e.label !== '4').map(essence)).toEqual(kept.map(essence));
  });

  it('keeps the response of a step whose request is destroyed: the step is still judged', () => {
    const text = 'Step 1: POST /api/v1/authn\n```\n{ "username": "a@b.com" @@@ "password": "x" }\n```\nResponse:\n```\n{"status":"LOCKED_OUT"}\n```\n';
    const read = parseForumTranscript(text, 'paste.md');
    expect(read.exchanges).toHaveLength(1);
    expect([read.exchanges[0]!.requestBody, read.exchanges[0]!.responseBody]).toEqual([null, { status: 'LOCKED_OUT' }]);
    expect(read.report.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^request JSON could not be repaired: .+; its body left out, the response read$/)]);
  });
});

describe('parseForumTranscript on other styles', () => {
  const styled = parseForumTranscript(...load('test/fixtures/transcripts/styled-mfa-login.md'));

  it('reads Step N — METHOD URL, ### N), #### Step N:, N) and N. headings', () => {
    expect(styled.report.imported).toBe(6);
    expect(styled.exchanges.map((e) => [e.label, e.method, e.url])).toEqual([
      ['1', 'POST', 'https://dev-123.okta.com/api/v1/authn'],
      ['2', 'POST', '/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify'],
      ['3', 'POST', '/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify'],
      ['4', 'POST', '/api/v1/authn/factors/sms2xy3ZW4vu5TS6rq7/verify'],
      ['5', 'POST', '/api/v1/authn'],
      ['6', 'GET', 'https://dev-123.okta.com/api/v1/users/me'],
    ]);
  });

  it('takes explicit statuses and infers the rest from the body', () => {
    expect(styled.exchanges.map((e) => e.responseStatus)).toEqual([200, 200, 403, 200, 401, 200]);
    expect(styled.exchanges[4]!.notes).toContain('HTTP status not given: 401 inferred from E0000011');
    expect((styled.exchanges[2]!.responseBody as any).errorCode).toBe('E0000068');
  });

  it('reads headers written in Request/Response blocks, lower-cased', () => {
    const step4 = styled.exchanges[3]!;
    expect(step4.requestHeaders).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
    expect(step4.responseHeaders).toEqual({ 'content-type': 'application/json;charset=UTF-8', 'x-rate-limit-remaining': '4' });
    expect(step4.requestBody).toEqual({ stateToken: '00Fq3mB7kRzT1xw9YvLhN2cP8sDgEa4uJ6oQiKt5W', passCode: '482913' });
    expect((step4.responseBody as any).status).toBe('SUCCESS');
  });

  it('keeps an elided object empty instead of inventing its content', () => {
    const factor = (styled.exchanges[0]!.responseBody as any)._embedded.factors[0];
    expect(factor._links).toEqual({});
    expect(factor.profile.phoneNumber).toBe('+49 XXX XXX 4711');
  });

  it('throws an InputError naming the file when no step is found', () => {
    expect(() => parseForumTranscript('Hello, my login fails. Any idea?\n\n2 Likes\n', 'post.md')).toThrow(InputError);
    expect(() => parseForumTranscript('1. /api/v1/authn is what I call\n2. then /api/v1/authn/factors', 'post.md')).toThrow(
      /^post\.md: no Okta authn request\/response found; /,
    );
  });
});

describe('parseForumTranscript on loosely written tickets', () => {
  it('reads a request body on the heading line, // comment markers, JS-console objects and → separators', () => {
    const r = parseForumTranscript(...load('test/fixtures/transcripts/inline-and-comments.md'));
    expect(r.report).toMatchObject({ found: 3, imported: 3, warnings: [] });
    const [s1, s2, s3] = r.exchanges;
    expect(s1!.requestBody).toEqual({ username: 'a@b.com', password: 'x' });
    expect(s1!.responseStatus).toBe(200);
    expect(s2!.requestBody).toEqual({ stateToken: '00abc', passCode: '123456' });
    expect(s2!.responseStatus).toBe(403);
    expect((s2!.responseBody as any).errorCode).toBe('E0000068');
    expect((s3!.responseBody as any)._embedded.user.passwordChanged).toBeNull();
    expect(s3!.responseStatus).toBe(200);
  });

  it('reads unnumbered METHOD URL lines under Request: markers, and ignores prose Result: remarks', () => {
    const r = parseForumTranscript(...load('test/fixtures/transcripts/ticket-unnumbered.md'));
    expect(r.report).toMatchObject({ found: 2, imported: 2, warnings: [] });
    expect(r.exchanges.map((e) => [e.label, e.url, e.responseStatus])).toEqual([
      ['1', 'https://acme.okta.com/api/v1/authn', 200],
      ['2', 'https://acme.okta.com/api/v1/authn/credentials/change_password', 200],
    ]);
    expect(r.exchanges[0]!.requestHeaders).toEqual({ 'content-type': 'application/json' });
    expect(r.exchanges[0]!.requestBody).toEqual({ username: 'dana@acme.com', password: 'secret-1' });
    expect((r.exchanges[1]!.requestBody as any).newPassword).toBe('secret-2');
  });
});

describe('parseForumTranscript on other ticket shapes', () => {
  it('reads Call #N / Request N: headings, Body:/Payload: markers, HTML entities and a host without scheme', () => {
    const r = parseForumTranscript(...load('test/fixtures/transcripts/call-body-entities.md'));
    expect(r.report).toMatchObject({ found: 2, imported: 2, warnings: [] });
    const [s1, s2] = r.exchanges;
    expect(s1!.url).toBe('https://dev-1.okta.com/api/v1/authn');
    expect(s1!.requestBody).toEqual({ username: 'a@b.com', password: 'pw' });
    expect(s1!.notes).toContain('request: HTML entities decoded');
    expect(s1!.responseStatus).toBe(200);
    expect(s1!.responseBody).toEqual({ stateToken: '00abc', status: 'MFA_REQUIRED' });
    expect(s2!.requestBody).toEqual({ stateToken: '00abc', passCode: '123456' });
    expect(s2!.responseStatus).toBe(403);
  });

  it('reads application log lines (timestamp, level and thread before the marker)', () => {
    const r = parseForumTranscript(...load('test/fixtures/transcripts/app-log.log'));
    expect(r.exchanges.map((e) => [e.label, e.url, e.responseStatus, (e.responseBody as any).status])).toEqual([
      ['1', 'https://dev-123.okta.com/api/v1/authn', 200, 'MFA_REQUIRED'],
      ['2', 'https://dev-123.okta.com/api/v1/authn/factors/sms1/verify', 200, 'SUCCESS'],
    ]);
    expect(r.exchanges[1]!.requestBody).toEqual({ stateToken: '00Fq3mB7', passCode: '482913' });
  });
});

describe('parseForumTranscript without Response: markers', () => {
  it('reads two JSON documents under one heading as request then response', () => {
    const r = parseForumTranscript(...load('test/fixtures/transcripts/two-blocks-no-markers.md'));
    expect(r.report).toMatchObject({ found: 2, imported: 2, warnings: [] });
    expect(r.exchanges.map((e) => [e.requestBody, e.responseBody])).toEqual([
      [{ username: 'mary.jane@email.com' }, { status: 'RECOVERY', recoveryToken: 'abc' }],
      [{ recoveryToken: 'abc' }, { status: 'RECOVERY', stateToken: '00x' }],
    ]);
    expect(r.exchanges[0]!.notes).toContain('response: second unlabelled block read as the response');
  });
});

describe('a request marker below the response', () => {
  it("keeps the step's own unlabelled body and names the later one (`sent {…}` in the prose after it) instead of taking it", () => {
    const text = [
      'Case a:',
      '',
      'POST https://dev-1.okta.com/api/v1/authn',
      '```',
      '{"username": "a@example.com", "password": "x"}',
      '```',
      'Response:',
      '```',
      '{"status": "MFA_REQUIRED", "stateToken": "00ab****"}',
      '```',
      '',
      'sent {\\"stateToken\\":\\"00ab****\\",\\"passCode\\":48151623} to okta and it failed',
    ].join('\n');
    const { exchanges, report } = parseForumTranscript(text, 'paste.md');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.requestBody).toEqual({ username: 'a@example.com', password: 'x' });
    expect(exchanges[0]!.responseBody).toMatchObject({ status: 'MFA_REQUIRED' });
    expect(report.warnings.map((w) => w.message)).toEqual(['1 further Request/Response block(s) ignored']);
  });
});

describe('an endpoint line with a short lead in front (`Then POST https://…`)', () => {
  const verify = 'https://dev-1.okta.com/api/v1/authn/factors/ost1/verify';
  const paste = (lead: string) => [
    'POST https://dev-1.okta.com/api/v1/authn',
    '{"username": "a@b.c", "password": "x"}',
    'Response:',
    '{"stateToken": "00ab", "status": "MFA_REQUIRED", "_embedded": {"factors": [{"id": "ost1", "factorType": "token:software:totp"}]}}',
    `${lead}${verify}`,
    '{"stateToken": "00ab", "passCode": "123456"}',
    'Response (403):',
    '{"errorCode": "E0000068", "errorSummary": "Invalid Passcode/Answer"}',
  ].join('\n');

  it.each(['Then POST ', 'Next, POST ', 'and then POST ', 'And then I call POST ', 'After that: POST ', 'Finally - POST ', 'Second call: POST ',
    'We then call POST ', '**Then POST ', 'Step 2: POST ', 'then, post ', 'My app then calls POST ', 'Our backend does POST ', 'The server sends POST '])('%s… opens the step, with its request and response', (lead) => {
    const r = parseForumTranscript(paste(lead), 'lead.md');
    expect(r.report.warnings).toEqual([]);
    expect(r.exchanges.map((e) => [e.method, e.url, e.responseStatus])).toEqual([
      ['POST', 'https://dev-1.okta.com/api/v1/authn', 200],
      ['POST', verify, 403],
    ]);
    expect(r.exchanges[1]!.requestBody).toEqual({ stateToken: '00ab', passCode: '123456' });
    expect(r.exchanges[1]!.responseBody).toMatchObject({ errorCode: 'E0000068' });
  });

  it.each([
    ['a sentence that goes on after the URL', 'Then I noticed that POST '],
    ['a lead that is neither a word that orders calls nor a doer calling', 'The docs say POST '],
    ['a log line', 'Sending HTTP request POST '],
    ['no method after the lead', 'Then '],
  ])('%s opens no step (the blocks under it stay the first step\'s, named in a warning)', (_what, lead) => {
    const text = paste(lead).replace(verify, lead.startsWith('Then I') ? `${verify} returns 403 sometimes` : verify);
    const r = parseForumTranscript(text, 'prose.md');
    expect(r.exchanges.map((e) => e.url)).toEqual(['https://dev-1.okta.com/api/v1/authn']);
    expect(r.report.warnings.map((w) => w.message)).toEqual(['1 further Request/Response block(s) ignored']);
  });

  it('reads the sample paste with `Then POST` as the one without it', () => {
    const withThen = parseForumTranscript(...load('test/fixtures/transcripts/pastes/100-then-post-plain.md'));
    const text = load('test/fixtures/transcripts/pastes/100-then-post-plain.md')[0].replace(/^Then POST/m, 'POST');
    expect(withThen.report.warnings).toEqual([]);
    expect(withThen.exchanges.map(essence)).toEqual(parseForumTranscript(text, 'nothen.md').exchanges.map(essence));
  });
});

describe("a GitHub issue's folded sections (`<details><summary>…</summary>`)", () => {
  const request = '{ "stateToken": "00ab...yz", "newPassword": "[redacted]" }';
  const response = '{ "stateToken": "00cd...wx", "status": "MFA_REQUIRED", "expiresAt": "2024-06-11T14:21:00.000Z" }';
  it.each([
    ['a section per side, the call named in the first summary', [
      '<details>', '<summary>POST /api/v1/authn/credentials/reset_password</summary>', '', '```json', request, '```', '</details>', '',
      '<details>', '<summary>Response</summary>', '', '```json', response, '```', '</details>',
    ]],
    ['the call as a line, the sides folded, tags on one line and bold summaries', [
      'POST https://dev-1.okta.com/api/v1/authn/credentials/reset_password', '',
      '<details><summary><b>Request</b></summary>', '', '```json', request, '```', '', '</details>',
      '<details><summary><strong>Response (200)</strong></summary>', '', '```json', response, '```', '', '</details>',
    ]],
  ])('%s: the summary is the line, the tags nothing', (_name, lines) => {
    const { exchanges, report } = parseForumTranscript(lines.join('\n'), 'issue.md');
    expect(exchanges.map((e) => [e.method, e.url.replace(/^https:\/\/dev-1\.okta\.com/, ''), e.responseStatus])).toEqual([['POST', '/api/v1/authn/credentials/reset_password', 200]]);
    expect(exchanges[0]!.requestBody).toMatchObject({ stateToken: '00ab...yz' });
    expect(exchanges[0]!.responseBody).toMatchObject({ status: 'MFA_REQUIRED' });
    expect(report.warnings).toEqual([]);
  });
});

describe("DevTools' copy of a request's Headers pane (General, Payload, Response)", () => {
  const general = (status: string) => [
    'General:',
    'Request URL: https://dev-1.okta.com/api/v1/authn/credentials/reset_password',
    'Request Method: POST',
    `Status Code: ${status}`,
    'Remote Address: 44.238.52.1:443',
    'Referrer Policy: strict-origin-when-cross-origin',
    '',
  ];
  const body = '{"stateToken":"00ab...yz","newPassword":"[hidden]"}';
  const answer = '{"stateToken":"00cd...wx","expiresAt":"2024-06-11T14:21:00.000Z","status":"MFA_REQUIRED"}';
  it.each([
    ['Chrome (Payload, Response)', [...general('200 OK'), 'Payload:', body, '', 'Response:', answer], 200],
    ["older Chrome's Request Payload, Markdown headings", [...general('200'), '### Request Payload', body, '', '### Response', answer], 200],
    ['a refusal, bold labels', [...general('403 Forbidden'), '**Payload**', body, '', '**Response**', '{"errorCode":"E0000080","errorSummary":"The password does not meet the complexity requirements"}'], 403],
  ])('%s: one step, the General status with the Response body', (_name, lines, status) => {
    const { exchanges, report } = parseForumTranscript(lines.join('\n'), 'devtools.md');
    expect(exchanges.map((e) => [e.method, e.url, e.responseStatus])).toEqual([['POST', 'https://dev-1.okta.com/api/v1/authn/credentials/reset_password', status]]);
    expect(exchanges[0]!.requestBody).toMatchObject({ stateToken: '00ab...yz' });
    expect(exchanges[0]!.responseBody).toEqual(JSON.parse(lines[lines.length - 1]!));
    expect(report.warnings).toEqual([]);
  });

  it('`Status Code: 200 OK` is an HTTP status, no authorization code in clear', async () => {
    const path = join(tempDir('authtrail-devtools-'), 'devtools.md');
    writeFileSync(path, [...general('200 OK'), 'Payload:', body, '', 'Response:', answer, ''].join('\n'));
    const check = await runCli('sanitize', '--check', path);
    expect(check.stdout).not.toMatch(/\bcode\b/i);
  });
});
