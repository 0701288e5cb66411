import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson } from '../../helpers/cli.js';
import { openTextSource } from '../../../src/sources/transcript/index.js';
import { readBody } from '../../../src/sources/transcript/json-block.js';
import { parseHeading } from '../../../src/sources/transcript/steps.js';
import type { RawExchange } from '../../../src/model/exchange.js';
import { load } from './helpers.js';

// A push flow pasted from a ticket system that hard-wraps at 80 columns: keys, a sessionToken and links cut.
const FIXTURE = 'test/fixtures/transcripts/ticket-wrapped-80.txt';
const work = mkdtempSync(join(tmpdir(), 'authtrail-wrapped-json-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TOKEN = '00RlrwZbqcabUGJmGEp7CgQ0PBQFI14zGtSnovm14T';
const HOST = 'https://dev-5151.okta.com';
const VERIFY = `${HOST}/api/v1/authn/factors/opfwrappedpush00001/verify`;
const STEPS: { request: object; response: object }[] = [
  {
    request: { stateToken: TOKEN },
    response: {
      stateToken: TOKEN, expiresAt: '2025-03-03T03:08:00.000Z', status: 'MFA_CHALLENGE', factorResult: 'WAITING',
      _embedded: { factor: { id: 'opfwrappedpush00001', factorType: 'push', provider: 'OKTA' } },
      _links: { next: { name: 'poll', href: VERIFY }, cancel: { href: `${HOST}/api/v1/authn/cancel` } },
    },
  },
  {
    request: { stateToken: TOKEN, rememberDevice: true },
    response: { stateToken: TOKEN, expiresAt: '2025-03-03T03:08:30.000Z', status: 'MFA_CHALLENGE', factorResult: 'TIMEOUT', _embedded: { factor: { id: 'opfwrappedpush00001', factorType: 'push' } } },
  },
  {
    request: { stateToken: TOKEN },
    response: {
      expiresAt: '2025-03-03T03:09:00.000Z', status: 'SUCCESS', sessionToken: '20111WrappedWrappedWrappedWrappedWrappedWrappedWrapp',
      _embedded: { user: { id: '00uwrapped000000001', passwordChanged: '2025-01-01T00:00:00.000Z', profile: { login: 'wrap.user@massive.example', timeZone: 'America/Los_Angeles' } } },
    },
  },
];

/** Cuts every line holding JSON into pieces of `width` characters, as a ticket system or a terminal does. */
function hardWrap(text: string, width: number, eol = '\n'): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (!line.includes('{"') || line.length <= width) return [line];
      const out: string[] = [];
      for (let i = 0; i < line.length; i += width) out.push(line.slice(i, i + width));
      return out;
    })
    .join(eol);
}

const forum = () => STEPS.map((s) => `POST ${VERIFY}\nRequest body: ${JSON.stringify(s.request)}\nResponse: ${JSON.stringify(s.response)}\n`).join('\n');
const curl = () =>
  STEPS.map((s) => `$ curl -s -X POST \\\n  ${VERIFY} \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(s.request)}'\n${JSON.stringify(s.response)}\n`).join('\n');
const raw = (version: string) =>
  STEPS.map(
    (s) =>
      `POST /api/v1/authn/factors/opfwrappedpush00001/verify HTTP/1.1\nHost: dev-5151.okta.com\nContent-Type: application/json\n\n${JSON.stringify(s.request)}\n\n` +
      `${version} 200${version === 'HTTP/1.1' ? ' OK' : ''}\nContent-Type: application/json\n\n${JSON.stringify(s.response)}\n`,
  ).join('\n');

const exchangesOf = (path: string, text: string) => {
  const source = openTextSource(path, text);
  return { exchanges: [...(source.exchanges as Iterable<RawExchange>)], warnings: source.report.warnings.map((w) => `${w.ref} ${w.message}`) };
};

describe('JSON hard-wrapped at a fixed width (a ticket system, a mail client, a terminal)', () => {
  it('the ticket paste: values cut at a line end are joined, and the warning says the body was re-joined, not truncated', async () => {
    const [text, path] = load(FIXTURE);
    const { exchanges, warnings } = exchangesOf(path, text);
    expect(exchanges).toHaveLength(3);
    expect(exchanges[0]!.responseBody).toEqual({ ...STEPS[0]!.response });
    expect(exchanges[2]!.responseBody).toEqual({
      expiresAt: '2025-03-03T03:09:00.000Z', status: 'SUCCESS', sessionToken: '20111WrappedWrappedWrappedWrappedWrappedWrappedWrapp',
      _embedded: { user: { id: '00uwrapped000000001', profile: { login: 'wrap.user@massive.example' } } },
    });
    expect(warnings).toEqual([
      `${path}:5 (step 1) response body re-joined from hard-wrapped lines (3 values cut at a line end)`,
      `${path}:14 (step 2) response body re-joined from hard-wrapped lines (1 value cut at a line end)`,
      `${path}:20 (step 3) response body re-joined from hard-wrapped lines (2 values cut at a line end)`,
    ]);

    const { json, stderr } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(stderr).not.toMatch(/truncated/);
    const steps = json.transactions.flatMap((t: any) => t.steps);
    expect(json.transactions).toHaveLength(1);
    expect(steps.map((s: any) => s.expiresAt)).toEqual(['2025-03-03T03:08:00.000Z', '2025-03-03T03:08:30.000Z', '2025-03-03T03:09:00.000Z']);
    expect(json.transactions[0].user.login).toBe('wrap.user@massive.example');
    // The poll link is read whole: no "unpublished link" from a link cut at `/api/`.
    expect(json.findings.map((f: any) => f.rule)).not.toContain('unpublished-link');
    expect(json.findings.map((f: any) => f.rule)).toContain('push-after-terminal');
  });

  const shapes: [string, () => string][] = [
    ['forum lines (Request body: / Response:)', forum],
    ['curl commands and their output', curl],
    ['raw HTTP/1.1', () => raw('HTTP/1.1')],
    ['raw HTTP/2', () => raw('HTTP/2')],
  ];
  const cases = shapes.flatMap(([name]) => [72, 80, 101].flatMap((width) => [[name, width, '\n'], [name, width, '\r\n']] as const));
  it.each(cases)('%s wrapped at %i columns (line ends %j) read as the unwrapped paste', (name, width, eol) => {
    const make = shapes.find(([n]) => n === name)![1];
    const clean = exchangesOf('clean.txt', make());
    const wrapped = exchangesOf('wrapped.txt', hardWrap(make(), width, eol));
    expect(clean.exchanges.map((e) => e.responseBody)).toEqual(STEPS.map((s) => s.response));
    expect(wrapped.exchanges.map((e) => e.requestBody)).toEqual(clean.exchanges.map((e) => e.requestBody));
    expect(wrapped.exchanges.map((e) => e.responseBody)).toEqual(clean.exchanges.map((e) => e.responseBody));
    expect(wrapped.exchanges.map((e) => e.responseStatus)).toEqual([200, 200, 200]);
    expect(wrapped.warnings.filter((w) => /truncated|could not be repaired/.test(w)), name).toEqual([]);
    expect(wrapped.warnings.some((w) => /response body re-joined from hard-wrapped lines/.test(w))).toBe(true);
  });

  it('pretty-printed JSON whose long prose a wrapper indented: one space where the line broke, none inside a token', () => {
    const body = readBody([
      '{',
      '  "errorCode": "E0000068",',
      '  "errorSummary": "Invalid Passcode/Answer because the code was typed after it',
      '    expired, the user said",',
      '  "errorId": "oaeWrappedErrorIdWrappedErr',
      'orId01",',
      '  "errorCauses": [{ "errorSummary": "Your passcode doesn\'t match our records. Please try',
      '    again." }]',
      '}',
    ]);
    expect(body.body).toEqual({
      errorCode: 'E0000068',
      errorSummary: 'Invalid Passcode/Answer because the code was typed after it expired, the user said',
      errorId: 'oaeWrappedErrorIdWrappedErrorId01',
      errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }],
    });
    expect(body.notes).toContain('re-joined from hard-wrapped lines (3 values cut at a line end)');
  });

  it('a number or a literal cut by the wrap is joined too; an indented next line is a member of its own', () => {
    expect(readBody(['{"stateToken":"00abc...xyz","rememberDevice":tr', 'ue,"retry":17', '09}']).body).toEqual({ stateToken: '00abc...xyz', rememberDevice: true, retry: 1709 });
    const pretty = readBody(['{', '  "a": 1', '  "b": 2', '}']);
    expect(pretty.body).toEqual({ a: 1, b: 2 });
    expect(pretty.notes.join(' ')).not.toMatch(/re-joined/);
  });

  it('a string that never closes is still a truncated body, and the prose after it is not swallowed', () => {
    const cut = readBody(['{"status":"MFA_REQUIRED","stateToken":"00abc', 'It stops there, any idea why?', '', '2. POST /api/v1/authn']);
    expect(cut.notes.join(' ')).toMatch(/truncated document/);
    expect(cut.notes.join(' ')).not.toMatch(/re-joined/);
    expect(JSON.stringify(cut.body)).not.toMatch(/any idea/);
    // A quote the paste lost before the next member (an autolinked e-mail) is restored, not taken for a wrap.
    const lost = readBody(['{', '  "login": "r...s@email.com', '  "factorType": "email"', '}']);
    expect(lost.body).toEqual({ login: 'r...s@email.com', factorType: 'email' });
    expect(lost.notes).toContain('1 lost closing quote(s) restored');
  });

  it('the rest of a cut link that names an endpoint opens no step', () => {
    for (const text of ['.okta.com/api/v1/authn/cancel"}}}', '1.okta.com/api/v1/authn/cancel"},"prev":{}}', 'v1/authn/factors/opf1/verify", "hints": {}']) {
      expect(parseHeading({ no: 1, text }), text).toBeNull();
    }
    expect(parseHeading({ no: 1, text: 'POST https://dev-1.okta.com/api/v1/authn/cancel' })).not.toBeNull();
  });

  it('through the CLI: import counts every block, analyze sees one flow', async () => {
    const path = join(work, 'curl-wrapped.txt');
    writeFileSync(path, hardWrap(curl(), 80, '\r\n'));
    const { json, stderr } = await analyzeJson(path, '--db', ':memory:');
    expect(stderr).toMatch(/imported 3 of 3 blocks/);
    expect(json.transactions).toHaveLength(1);
    expect(json.transactions[0].steps.map((s: any) => s.statusAfter)).toEqual(['MFA_CHALLENGE', 'MFA_CHALLENGE', 'SUCCESS']);
  });
});
