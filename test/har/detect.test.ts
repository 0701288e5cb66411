import { describe, expect, it } from 'vitest';
import { looksLikeHar } from '../../src/sources/har/index.js';

describe('HAR detection from a file name and its first characters', () => {
  it.each([
    ['login.har', 'not even json', true],
    ['export.txt', '{"log": {"version": "1.2"', true],
    ['fiddler.txt', '\uFEFF{\r\n  "log": {', true],
    ['data.json', '{"results": []}', true],
    ['list.json', '[1, 2]', true],
    ['thread.md', '{"username": "mary"} was my request', false],
    ['paste.txt', 'curl -X POST https://dev.okta.com/api/v1/authn', false],
    ['raw.http', 'POST /api/v1/authn HTTP/1.1', false],
  ])('%s starting with %j: %s', (name, head, expected) => {
    expect(looksLikeHar(head, name)).toBe(expected);
  });
});
