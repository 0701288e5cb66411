import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTRA_COOKIE, ENTRA_PASSWORD } from '../fixtures/saml-tracer/values.js';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/**
 * A Burp, Charles or Entra export saved as UTF-16 (Windows tools' "Unicode", PowerShell's `Out-File`) is
 * sanitized as its UTF-8 copy is: a Burp export's base64 messages are decoded and masked (not passed over
 * as text), `--check` names the same secrets, and the copy (UTF-8) holds none of them and reads the same.
 */

const dir = tempDir('authtrail-sanitize-utf16-');
const fixture = (path: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', path), 'utf8');

const ENCODINGS = [
  ['utf-16le with BOM', 'UTF-16LE'],
  ['utf-16be with BOM', 'UTF-16BE'],
  ['utf-16le without BOM', 'UTF-16LE'],
] as const;

function encode(text: string, encoding: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = encoding.startsWith('utf-16be') ? Buffer.from(le).swap16() : le;
  if (encoding.endsWith('without BOM')) return bytes;
  return Buffer.concat([Buffer.from(encoding.startsWith('utf-16be') ? [0xfe, 0xff] : [0xff, 0xfe]), bytes]);
}

/** The copy's text with every base64 value (Burp's CDATA, Charles's `encoded`) decoded beside it. */
function decoded(path: string): string {
  const text = readFileSync(path, 'utf8');
  const b64 = [...text.matchAll(/<!\[CDATA\[([^\]]*)\]\]>|"encoded":\s*"([^"]*)"/g)].map((m) => Buffer.from(m[1] ?? m[2]!, 'base64').toString('utf8'));
  return [text, ...b64].join('\n');
}

const EXPORTS = [
  ['a Burp XML export', 'okta-signin.xml', () => fixture('burp/okta-signin.xml').replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'),
    ['BurpPlantedPw9', '00BurpStateToken0123456789abcdefghijklmnopq', '20111BurpSessionToken0123456789ab', '482913', '102BurpSessionValue9xyz', '8F3A0C1D2E4B5A69'], ['primary 200', 'factors.verify 200']],
  ['a Charles JSON session', 'okta-signin.chlsj', () => fixture('charles/okta-signin.chlsj'),
    ['ChlsjPlantedPw9', '00ChlsjStateToken0123456789abcdefghijklmno', '593017', '20111ChlsjSessionToken0123456789', 'ChlsjPlantedCookie9', '102ChlsjSession9xyz'], ['primary 200', 'factors.verify 200', 'cancel null']],
  ['an Entra Auth Tracer export', 'entra-auth-trace.json', () => fixture('entra/okta-hr-acs-mismatch.json'), [ENTRA_PASSWORD, ENTRA_COOKIE.slice(4)], null],
] as const;

const steps = (json: any) => json.transactions.flatMap((t: any) => t.steps.map((s: any) => `${s.operation} ${s.httpStatus}`));

describe.each(ENCODINGS)('sanitize of exports written as %s', (encoding, name) => {
  it.each(EXPORTS)('%s: --check names what the UTF-8 file shows; the UTF-8 copy holds none of it and reads the same', async (_what, file, text, planted, expected) => {
    const sub = join(dir, encoding.replace(/ /g, '-'));
    mkdirSync(sub, { recursive: true });
    const utf8 = join(dir, file);
    const utf16 = join(sub, file);
    writeFileSync(utf8, text());
    writeFileSync(utf16, encode(text(), encoding));

    const check8 = await runCli('sanitize', '--check', utf8);
    const check16 = await runCli('sanitize', '--check', utf16);
    expect(check8.code).toBe(1);
    expect(check16.code, check16.stdout).toBe(1);
    expect(check16.stdout.split(utf16).join('FILE')).toBe(check8.stdout.split(utf8).join('FILE'));

    const out = join(sub, `clean-${file}`);
    const run = await runCli('sanitize', utf16, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`the ${name} input is written as UTF-8`);
    const bytes = readFileSync(out);
    expect(bytes.includes(0)).toBe(false);
    const clean = decoded(out);
    for (const s of planted) expect(clean, s).not.toContain(s);
    if (file.endsWith('.xml')) expect(clean).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
    if (expected) expect(steps((await analyzeJson(out, '--db', ':memory:')).json)).toEqual(expected);
  });
});
