import { describe, expect, it } from 'vitest';
import { sanitizeRedactor } from '../../src/sanitize/key.js';
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
