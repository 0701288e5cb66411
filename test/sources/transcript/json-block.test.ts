import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/sources/transcript/json-block.js';
import { jsonrepair } from 'jsonrepair';
import { commonRepairs } from '../../../src/sources/transcript/lenient.js';

const lines = (s: string) => s.split('\n');

describe('readBody repairs pasted JSON', () => {
  const cases: [string, string, unknown][] = [
    ['clean JSON', '{"a": 1}', { a: 1 }],
    ['typographic double quotes', '{“status”: “SUCCESS”}', { status: 'SUCCESS' }],
    ['typographic single quotes as delimiters', "{‘a’: ‘b’}", { a: 'b' }],
    ['…} truncation after the last member', '{"a": {"b": 1}…}', { a: { b: 1 } }],
    ['...} truncation', '{"a": {"b": 1}...}', { a: { b: 1 } }],
    ['{ ... } elided object stays an (empty) object', '{"a": { ... }, "b": [ ... ]}', { a: {}, b: [] }],
    ['an elided value is left out, not nulled', '{"a": ..., "b": 2}', { b: 2 }],
    ["console.log's [Object] and [Array] are left out, never read as text", "{ user: { id: 'x', profile: [Object] }, factors: [ [Object], [Object] ], list: [Array], n: 1 }", { user: { id: 'x' }, n: 1 }],
    ["console.log's … more items ends the array it cut", "{ ids: [ 'a', 'b', ... 98 more items ] }", { ids: ['a', 'b'] }],
    ['an elided line', '{\n  "a": 1,\n  ...\n  "b": 2\n}', { a: 1, b: 2 }],
    ['ellipsis inside a string stays', '{"email": "r...s@email.com"}', { email: 'r...s@email.com' }],
    ['… inside a string becomes ...', '{"email": "r…s@email.com"}', { email: 'r...s@email.com' }],
    ['missing comma between lines', '{\n  "a": "x"\n  "b": 2\n}', { a: 'x', b: 2 }],
    ['missing comma after a closing brace', '{\n  "a": {}\n  "b": [1]\n  "c": true\n}', { a: {}, b: [1], c: true }],
    ['unclosed brackets are closed', '{"a": {"b": [1, 2', { a: { b: [1, 2] } }],
    ['autolinked email lost its closing quote', '{\n  "login": "mary.jane@email.com,\n  "x": 1\n}', { login: 'mary.jane@email.com', x: 1 }],
    ['lost quote before the closing brace', '{"username": "mary.jane@email.com}', { username: 'mary.jane@email.com' }],
    ['<email> autolink as a value', '{"login": <mary.jane@email.com>}', { login: 'mary.jane@email.com' }],
    ['<email> inside quotes', '{"login": "<mary.jane@email.com>"}', { login: 'mary.jane@email.com' }],
    ['Markdown mail link', '{"login": "[a@b.co](mailto:a@b.co)"}', { login: 'a@b.co' }],
    ['doubled @@', '{"login": "mary.jane@@email.com"}', { login: 'mary.jane@email.com' }],
    ['masked values kept', '{"stateToken": "00WSySIHd8o8*********"}', { stateToken: '00WSySIHd8o8*********' }],
    ['non-breaking spaces and zero-width characters', '{\u00a0"a":\u200b 1}', { a: 1 }],
    ['prose after the document is ignored', '{"a": 1}\n\nAs you can see, "status" is odd.', { a: 1 }],
    ['prose after a truncated document is ignored', '{\n  "a": 1,\n  "b": {\n\nThanks for looking!', { a: 1, b: {} }],
    ['JS console output: [Object] is what console.log did not print, left out', "{ status: 'MFA_REQUIRED', factors: [ [Object] ] }", { status: 'MFA_REQUIRED' }],
    ['comments and trailing commas', '{\n  // the token\n  "a": 1,\n}', { a: 1 }],
    ['Python literals', '{"a": True, "b": None}', { a: true, b: null }],
    ['arrays at the top', '[{"a": 1}, ...]', [{ a: 1 }]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const r = readBody(lines(text));
    expect(r.error).toBeUndefined();
    expect(r.body).toEqual(expected);
  });

  it('drops surplus closing brackets left by an elided nested object, using indentation', () => {
    const text = [
      '{',
      '    "factors": [',
      '        {',
      '            "id": "emf1",',
      '            "_links": {',
      '               ...',
      '                    }',
      '                }',
      '            }',
      '        }',
      '    ],',
      '    "policy": {"x": 1}',
      '}',
    ].join('\n');
    const r = readBody(lines(text));
    expect(r.body).toEqual({ factors: [{ id: 'emf1', _links: {} }], policy: { x: 1 } });
    expect(r.notes).toContain('2 surplus closing bracket(s) after an elision dropped');
  });

  it('restores closing brackets lost with an elision, using indentation', () => {
    const text = ['{', '  "a": {', '    "b": {', '      ...', '  },', '  "c": 1', '}'].join('\n');
    expect(readBody(lines(text)).body).toEqual({ a: { b: {} }, c: 1 });
  });

  it('gives text bodies as text (up to the first blank line) and nothing as null', () => {
    expect(readBody(lines('<html>502 Bad Gateway</html>\n\nthen I retried')).body).toBe('<html>502 Bad Gateway</html>');
    expect(readBody(['', '  ']).body).toBeNull();
  });

  const broken: [string, string][] = [
    ['mismatched brackets', '{"a": [1, 2}, "b": 3]'],
    ['a document that closes early with JSON after it', '{"a": 1}}}\n  "b": 2, "c": {'],
    ['rendered HTML inside the JSON', '{"a": 1 ]]] {{ <div>"b": }'],
  ];
  it.each(broken)('reports %s as beyond repair instead of guessing', (_name, text) => {
    const r = readBody(lines(text));
    expect(r.error).toMatch(/\S/);
    expect(r.body).toBeNull();
  });
});

describe('commonRepairs reads what jsonrepair reads', () => {
  it.each([
    ['trailing commas', '{"a": [1, 2, ], "b": {"c": 3,\n  },\n}'],
    ['bare keys', '{ id: "emf1", factorType : "email", $x_1: true }'],
    ['both, on many lines', `{\n  "factors": [\n${Array.from({ length: 50 }, (_, i) => `    { id: "f${i}", n: ${i}, },`).join('\n')}\n  ],\n}`],
    ['a comma inside a string stays', '{"a": "x, }", b: 1,}'],
  ])('%s: the same value, without jsonrepair', (_name, text) => {
    const repaired = commonRepairs(text);
    expect(repaired).not.toBeNull();
    expect(JSON.parse(repaired!)).toEqual(JSON.parse(jsonrepair(text)));
  });

  it.each([
    ['an opening bracket in a string (jsonrepair may read its closing quote otherwise)', '{"w": ["x[y/z"], a: 1}'],
    ['damage it does not repair', "{'a': 1,}"],
    ['nothing to repair', '{"a": 1}'],
  ])('leaves %s to jsonrepair', (_name, text) => {
    expect(commonRepairs(text)).toBeNull();
  });
});
