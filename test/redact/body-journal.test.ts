import { describe, expect, it } from 'vitest';
import { readBodyText } from '../../src/http/body.js';
import { openIngest } from '../../src/ingest/pipeline.js';
import { BodyJournal, patchBodyText } from '../../src/redact/body-journal.js';
import { openStore } from '../../src/store/store.js';
import { post } from '../helpers/flow.js';

const journal = (...changes: [unknown, unknown][]) => {
  const j = new BodyJournal();
  for (const [from, to] of changes) j.note(from, to);
  return j;
};

describe('stored body text', () => {
  it('applies the replacements to the text as it came', () => {
    const text = '{ "stateToken" : "00abcdefgh", "_links": {"next": {"href": "https://x/y"}}}';
    const out = patchBodyText(text, journal(['00abcdefgh', '00abcd****#0123456789ab']));
    expect(out).toBe('{ "stateToken" : "00abcd****#0123456789ab", "_links": {"next": {"href": "https://x/y"}}}');
    expect(patchBodyText(text, journal())).toBe(text);
  });

  it('falls back to re-serialising whenever the text could differ from the redacted body', () => {
    // The clear value also stands elsewhere (a key, or a field redaction left alone).
    expect(patchBodyText('{"password":"hunter22","hunter22":1}', journal(['hunter22', '[redacted]']))).toBeNull();
    expect(patchBodyText('{"password":"hunter22","note":"hunter22"}', journal(['hunter22', '[redacted]']))).toBeNull();
    // Escapes spell a value in more than one way.
    expect(patchBodyText('{"password":"hunter22","n":"a\\"b"}', journal(['hunter22', '[redacted]']))).toBeNull();
    // A value that could be matched across two strings (`"a", "b"` holds `", "`).
    expect(patchBodyText('{"a":"x", "b":"y"}', journal([', ', '[redacted]']))).toBeNull();
    // Not one string for another: a masked number, a cut subtree, two masks of one value.
    expect(patchBodyText('{"passCode":123456}', journal([123456, '[redacted passCode len=6]']))).toBeNull();
    expect(patchBodyText('{"a":{}}', journal([{}, '[cut]']))).toBeNull();
    expect(patchBodyText('{"a":"samesame","b":"samesame"}', journal(['samesame', 'one'], ['samesame', 'two']))).toBeNull();
  });

  it('offers the text only for an object or array parsed whole', () => {
    expect(readBodyText('{"a":1}', 'application/json').json).toBe('{"a":1}');
    expect(readBodyText('"just a string"', 'application/json').json).toBeNull();
    expect(readBodyText('not json', 'text/plain').json).toBeNull();
    expect(readBodyText(`${'['.repeat(300)}${']'.repeat(300)}`, 'application/json').json).toBeNull();
  });

  it('stores what re-serialising would have stored, with no clear secret', () => {
    const request = '{"username":"ann@example.com","password":"Old-Passw0rd!"}';
    const response = '{"stateToken":"00E6TJGxlc4kVcD2Ai8qIlUwOWvIW3xY-rH7pficPx","status":"MFA_REQUIRED","passCode":123456}';
    const rows = [true, false].map((asText) => {
      const store = openStore(':memory:');
      try {
        const ingest = openIngest(store, { kind: 'proxy', file: 'proxy:test', contentHash: null, exposes: false, mode: 'batched', ownsBodies: true });
        const raw = post('/api/v1/authn', readBodyText(request).value, 200, readBodyText(response).value);
        ingest.add(raw, asText ? { request: readBodyText(request).json, response: readBodyText(response).json } : undefined);
        ingest.close();
        return store.db.prepare('SELECT request_body, response_body FROM exchanges').get() as { request_body: string; response_body: string };
      } finally {
        store.close();
      }
    });
    expect(JSON.parse(rows[0]!.request_body)).toEqual(JSON.parse(rows[1]!.request_body));
    expect(rows[0]!.request_body).not.toContain('Old-Passw0rd!');
    expect(JSON.parse(rows[0]!.response_body)).toMatchObject({ status: 'MFA_REQUIRED', passCode: '[redacted passCode len=6]' });
    expect(rows[0]!.response_body).not.toContain('00E6TJGxlc4kVcD2Ai8qIlUwOWvIW3xY-rH7pficPx');
  });
});
