import { jsonrepair } from 'jsonrepair';
import { describe, expect, it } from 'vitest';
import { repairBounded } from '../../src/http/json.js';
import { readBody } from '../../src/sources/transcript/json-block.js';

/** A large answer (about 1 MB): 4,000 factors, as a paste of a big enrollment list would hold. */
function bigAnswer(): string {
  const factors = Array.from({ length: 4000 }, (_, i) => ({ id: `f${i}`, factorType: 'sms', profile: { phoneNumber: `+1 XXX-XXX-${i}` } }));
  return JSON.stringify({ status: 'MFA_REQUIRED', stateToken: '00ab****', _embedded: { factors } }, null, 2);
}

describe('repairBounded on large text', () => {
  it('repairs small damaged text with jsonrepair as before', () => {
    expect(JSON.parse(repairBounded("{status: 'SUCCESS',}", jsonrepair))).toEqual({ status: 'SUCCESS' });
  });

  it.each([
    ['inside a string', (t: string) => t.slice(0, t.lastIndexOf('XXX-') + 2)],
    ['after a key, before its colon', (t: string) => t.slice(0, t.lastIndexOf('"phoneNumber"') + '"phoneNumber"'.length)],
    ['after a colon', (t: string) => t.slice(0, t.lastIndexOf('"phoneNumber":') + '"phoneNumber":'.length)],
    ['after a comma', (t: string) => t.slice(0, t.lastIndexOf('},') + 2)],
  ])('closes a large answer cut short %s in one pass, without jsonrepair', (_where, cut) => {
    const text = cut(bigAnswer());
    expect(text.length).toBeGreaterThan(128 << 10);
    const refuse = () => {
      throw new Error('jsonrepair must not be given text this large');
    };
    const value = JSON.parse(repairBounded(text, refuse)) as { status: string; _embedded: { factors: unknown[] } };
    expect(value.status).toBe('MFA_REQUIRED');
    expect(value._embedded.factors.length).toBeGreaterThan(3900);
  });

  it('refuses large text damaged otherwise, saying why; a paste reader keeps the exchange and names it', () => {
    const text = `{"password": "${'" '.repeat(80_000)}"}`;
    expect(() => repairBounded(text, jsonrepair)).toThrow(/over the 128 KB jsonrepair is tried on, and not JSON cut short/);
    const read = readBody(text.split('\n'));
    expect(read.error).toMatch(/128 KB/);
  });
});
