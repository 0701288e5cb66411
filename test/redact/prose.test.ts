import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sanitizeRedactor } from '../../src/sanitize/key.js';
import { runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/** Prose that gives a secret is masked when the value looks like one; prose about a secret is left as written. */
const redactor = sanitizeRedactor(join(tempDir(), 'k'));
const mask = (text: string) => redactor.redactText(text, 'request.body', { exposures: [], passwords: [], notes: [] }, new Map());

describe('secrets given in prose', () => {
  it.each([
    ['My password is Hunter2Prose and it fails', 'Hunter2Prose'],
    ['the passcode was 551234 but got E0000068', '551234'],
    ['with password "Quoted Prose Pw" it works', 'Quoted Prose Pw'],
    ["the answer was 'Fluffy'", 'Fluffy'],
    ['my security answer is fluffy', 'fluffy'],
    ['set password to Secret1 in the admin console', 'Secret1'],
    ['the OTP: 90817263', '90817263'],
  ])('%s', (text, secret) => {
    const out = mask(text);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/\[redacted \w+ len=\d+\]/);
  });

  it('a sentence that ends after the secret keeps its full stop outside the mask, and the length is the secret\'s', () => {
    expect(mask('the recovery answer was fluffy2019. Then it failed.')).toBe('the recovery answer was [redacted answer len=10]. Then it failed.');
    // A dot inside the value (a host, a dotted word) is part of it.
    expect(mask('the answer was blue.sky.2')).toBe('the answer was [redacted answer len=10]');
  });

  it.each([
    'the password is wrong',
    'the passcode was rejected with E0000068',
    'password was reset on 2024-03-01',
    'the answer is blue',
    'token is expired',
    'the password policy requires 8 characters',
    'the recovery token is https://dev-1.okta.com/signin/reset-password',
  ])('leaves %s', (text) => {
    expect(mask(text)).toBe(text);
  });

  it('reads its own masks as masks: a sanitized line is not masked again', () => {
    const once = mask('My password is Hunter2Prose');
    expect(mask(once)).toBe(once);
  });
});

describe('a secret prose gives, elsewhere in the same paste', () => {
  it('is masked on every line that spells it, where nothing names it; plain words the prose rule read are not spread', async () => {
    const dir = tempDir();
    const input = join(dir, 'thread.md');
    writeFileSync(input, [
      'I call reset_password with newPassword Summer2026!x, then the login page shows: welcome back, Summer2026!x?',
      '',
      'POST /api/v1/authn/credentials/reset_password',
      '{"stateToken":"00Xq9vLmN3pR7sT1uV5wY8zA2bC4dE6fG0hJ2kL4mN"}',
      '',
      'HTTP/1.1 200 OK',
      '{"status":"MFA_REQUIRED","stateToken":"00Xq9vLmN3pR7sT1uV5wY8zA2bC4dE6fG0hJ2kL4mN"}',
      '',
      'My password is Summer2026!x. My security answer is required too, as required by policy.',
      '',
    ].join('\n'));
    const run = await runCli('sanitize', input, '-o', join(dir, 'safe.md'));
    expect(run.code).toBe(0);
    const out = readFileSync(join(dir, 'safe.md'), 'utf8');
    expect(out).not.toContain('Summer2026');
    expect(out.match(/\[redacted password len=12\]/g)).toHaveLength(3);
    // The prose rule reads "answer is required" as an answer; the other "required" stays as written.
    expect(out).toContain('as required by policy');
    expect(run.stderr, run.stderr).toMatch(/: 6 values masked in 4 of 9 lines/);
  });
});

describe("Okta's factorType names", () => {
  it.each([
    '{"factorType":"token:software:totp","provider":"GOOGLE"}',
    '"factorType": "token:hotp"',
    'factorType: token:hardware',
    'enrolling "token:software:totp" for the user',
  ])('are not tokens: %s', (text) => {
    expect(mask(text)).toBe(text);
  });

  it('a value after `token:` that is one is still masked', () => {
    expect(mask('{"note":"token:Abc123XyZ99qq"}')).not.toContain('Abc123XyZ99qq');
    expect(mask('password:sunshine')).not.toContain('sunshine');
  });

  it('an enroll request keeps its factorType in storage, show and the sanitized copy, and raises no secret-exposed for it', async () => {
    const dir = tempDir();
    const input = join(dir, 'enroll.md');
    const factor = '{"id":"ostf1fmaMGJLMNGNLIVG","factorType":"token:software:totp","provider":"GOOGLE"}';
    writeFileSync(input, [
      '**1. POST https://dev-5550123.okta.com/api/v1/authn/factors**',
      '',
      'Request:',
      '```json',
      '{"stateToken":"00gEOzdmenCkhvMdgaKjIg8xNbe3nNyjOq9wMxEhh2","factorType":"token:software:totp","provider":"GOOGLE"}',
      '```',
      'Response:',
      '```json',
      `{"stateToken":"00gEOzdmenCkhvMdgaKjIg8xNbe3nNyjOq9wMxEhh2","expiresAt":"2024-05-15T08:26:40.000Z","status":"MFA_ENROLL_ACTIVATE","_embedded":{"factor":${factor}}}`,
      '```',
      '',
    ].join('\n'));
    const analysis = await runCli('analyze', input, '--db', ':memory:', '--format', 'json');
    const doc = JSON.parse(analysis.stdout);
    expect(doc.findings.filter((f: { rule: string }) => f.rule === 'secret-exposed').map((f: { evidence: { field: string } }) => f.evidence.field)).toEqual(['stateToken']);
    const show = await runCli('show', '1.1:1', input, '--db', ':memory:');
    expect(show.stdout.match(/"factorType": "token:software:totp"/g)).toHaveLength(2);
    expect((await runCli('sanitize', input, '-o', join(dir, 'safe.md'))).code).toBe(0);
    const safe = readFileSync(join(dir, 'safe.md'), 'utf8');
    expect(safe.match(/"factorType":"token:software:totp"/g)).toHaveLength(2);
    expect(safe).not.toContain('00gEOzdmenCkhvMdgaKjIg8xNbe3nNyjOq9wMxEhh2');
  });
});

describe('shell quoting around a variable', () => {
  it.each([
    `-d $'{"stateToken": "00PqZx81mWcR4TnYb6VdLs2Hk9Ju3Ee7Go5Fa0Ni1Q", "passCode": "\\'"$code"\\'"}'`,
    `-d '{"passCode": "'"$CODE"'"}'`,
  ])('is not a secret: %s', (line) => {
    const out = mask(line);
    expect(out).not.toMatch(/redacted pass(?:Code|word)/);
    expect(out).toContain('$');
  });

  it('a value next to it is still masked', () => {
    expect(mask(`-d '{"passCode": "'"$CODE"'", "password": "Tr0ub4dor&3x"}'`)).not.toContain('Tr0ub4dor&3x');
  });
});

