import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeJson } from '../helpers/cli.js';

// An /authorize answered 302 whose entry keeps the target only in `redirectURL` (no Location header): a
// producer that drops headers, or a HAR whose headers were stripped before it was shared.
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'har', 'authorize-redirect-url.har');

describe("HAR response.redirectURL without a Location header", () => {
  it('is read as the Location: the authorization code it carries is issued (and its exposure named)', async () => {
    const { json } = await analyzeJson(FIXTURE, '--db', ':memory:');
    expect(json.transactions).toHaveLength(1);
    const steps = json.transactions[0].steps;
    expect(steps.at(-1).statusAfter).toBe('CODE_ISSUED');
    expect(json.findings.some((f: { rule: string; message: string }) => f.rule === 'secret-exposed' && /code/.test(f.message))).toBe(true);
  });
});
