import { describe, expect, it } from 'vitest';
import { rewriteVarDump } from '../../../src/sources/transcript/php-print.js';

/** The JSON a var_dump block became (on its first line), with the line count kept. */
function read(text: string): unknown {
  const out = rewriteVarDump(text);
  expect(out).not.toBeNull();
  expect(out!.split('\n').length).toBe(text.split('\n').length);
  const line = out!.split('\n').find((l) => l.trim().startsWith('{') || l.trim().startsWith('['));
  return JSON.parse(line!);
}

describe("PHP var_dump output read as JSON", () => {
  it('keeps var_dump types: strings, bool, int, float, NULL; lists from array keys 0..n-1; objects with protected and private properties', () => {
    const text = [
      'object(App\\Okta\\Answer)#7 (6) {',
      '  ["status":protected]=>',
      '  string(12) "MFA_REQUIRED"',
      '  ["token":"App\\Okta\\Answer":private]=>',
      '  string(5) "00abc"',
      '  ["enrolled"]=>',
      '  bool(false)',
      '  ["n"]=>',
      '  int(-3)',
      '  ["ratio"]=>',
      '  float(1.5)',
      '  ["factors"]=>',
      '  array(2) {',
      '    [0]=>',
      '    string(3) "sms"',
      '    [1]=>',
      '    NULL',
      '  }',
      '}',
    ].join('\n');
    expect(read(text)).toEqual({ status: 'MFA_REQUIRED', token: '00abc', enrolled: false, n: -3, ratio: 1.5, factors: ['sms', null] });
  });

  it("reads Xdebug's layout (quoted keys, `=>` spaced) after its file:line header, and a string holding newlines by its byte length", () => {
    const text = ['/var/www/app.php:27:', "array(2) {", "  'errorSummary' =>", '  string(14) "line one', 'line ü"', "  'errorCode' =>", '  string(8) "E0000004"', '}'].join('\n');
    expect(read(text)).toEqual({ errorSummary: 'line one\nline ü', errorCode: 'E0000004' });
  });

  it('reads a string whose length no longer matches (masked by hand or by sanitize) as its line', () => {
    const text = ['array(1) {', '  ["stateToken"]=>', '  string(42) "00xyzD****#d6236ade8e59"', '}'].join('\n');
    expect(read(text)).toEqual({ stateToken: '00xyzD****#d6236ade8e59' });
  });

  it('leaves text that is not var_dump, a block cut short, and nesting past 64 levels as they are', () => {
    expect(rewriteVarDump('array(1) {\n  ["a"]=>\n  string(1) "b"\n')).toBeNull();
    expect(rewriteVarDump('array(1) {\n  this is prose\n}')).toBeNull();
    expect(rewriteVarDump('no dump here')).toBeNull();
    const deep = 'array(1) {\n  [0]=>\n'.repeat(10_000) + '  NULL\n' + '}\n'.repeat(10_000);
    expect(() => rewriteVarDump(deep)).not.toThrow();
  });
});
