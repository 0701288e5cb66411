import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../../helpers/cli.js';
import { openTextSource } from '../../../src/sources/transcript/index.js';
import { encodingOf } from '../../../src/sources/har/text-coding.js';
import type { RawExchange } from '../../../src/model/exchange.js';
import { essence } from './helpers.js';

// A forum post saved by Windows PowerShell 5's `>` (a byte-order mark, then UTF-16LE): curl commands and their output.
const FIXTURE = 'test/fixtures/transcripts/windows-powershell5-redirect.txt';
const utf16le = readFileSync(FIXTURE);
const text = new TextDecoder('utf-16le').decode(utf16le);
const work = mkdtempSync(join(tmpdir(), 'authtrail-text-encodings-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const VARIANTS: [string, Buffer][] = [
  ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
  ['UTF-16LE with a byte-order mark (PowerShell 5)', utf16le],
  ['UTF-16BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), be(text)])],
  ['UTF-16LE without a byte-order mark', Buffer.from(text, 'utf16le')],
  ['UTF-16BE without a byte-order mark', be(text)],
  ['UTF-16LE with CRLF line ends', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')])],
];

let n = 0;
function write(bytes: Buffer): string {
  const path = join(work, `${n++}-paste.txt`);
  writeFileSync(path, bytes);
  return path;
}

/** What analysis made of each step. */
const stepsOf = (json: any) => json.transactions.map((t: any) => [t.outcome, t.steps.map((s: any) => `${s.operation}:${s.statusBefore}->${s.statusAfter}:${s.httpStatus}`)]);

describe('pasted text in UTF-16 or with a byte-order mark', () => {
  const plainPath = write(Buffer.from(text, 'utf8'));

  it.each(VARIANTS)('%s is read as the UTF-8 paste is', (name, bytes) => {
    const plain = [...(openTextSource(plainPath, Buffer.from(text, 'utf8')).exchanges as Iterable<RawExchange>)];
    const source = openTextSource('paste.txt', bytes);
    const got = [...(source.exchanges as Iterable<RawExchange>)];
    expect(plain).toHaveLength(4);
    expect(got.map(essence)).toEqual(plain.map(essence));
    expect(source.report).toMatchObject({ found: 4, imported: 4 });
    // The steps name the paste's lines, whatever the encoding.
    expect(got.map((e) => e.sourceRef.replace(/^paste\.txt/, ''))).toEqual(plain.map((e) => e.sourceRef.replace(plainPath, '')));
    const encoding = /UTF-16(LE|BE)/.exec(name)?.[0];
    if (encoding) expect(got[0]!.notes).toContain(`the paste is ${encoding} text, decoded`);
    else expect(got[0]!.notes ?? []).not.toContainEqual(expect.stringMatching(/decoded/));
  });

  it.each(VARIANTS)('%s: import and analyze read it through the CLI (not "no Okta authn request/response found")', async (_name, bytes) => {
    const path = write(bytes);
    const run = await runCli('import', path, '--db', join(work, `${n}.db`));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/imported 4 of 4 blocks/);
    const { json, stderr } = await analyzeJson(path, '--db', ':memory:');
    expect(stderr).not.toMatch(/no Okta authn/);
    expect(stepsOf(json)).toEqual(stepsOf((await analyzeJson(plainPath, '--db', ':memory:')).json));
    expect(stepsOf(json).flatMap((t: any) => t[1])).toHaveLength(4);
  });

  it.each(VARIANTS)('%s: sanitize writes the UTF-8 copy the UTF-8 paste gives, and says it changed the encoding', async (name, bytes) => {
    const path = write(bytes);
    const out = `${path}.safe`;
    const run = await runCli('sanitize', path, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    const plainOut = `${plainPath}.safe`;
    expect((await runCli('sanitize', plainPath, '-o', plainOut)).code).toBe(0);
    const copy = readFileSync(out, 'utf8');
    // CRLF is kept as the paste had it; a UTF-8 byte-order mark is kept too (the copy is the same UTF-8 file, masked).
    const expected = readFileSync(plainOut, 'utf8');
    expect(copy.replace(/\r\n/g, '\n').replace(/^\uFEFF/, '')).toBe(expected);
    expect(copy).not.toMatch(/Tr0ub4dor&3x!|\u0000/);
    if (/UTF-16/.test(name)) expect(run.stderr).toMatch(/the UTF-16(LE|BE) input is written as UTF-8/);
    else expect(run.stderr).not.toMatch(/written as UTF-8/);
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
    const check = await runCli('sanitize', '--check', path);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/9 clear secrets in 7 lines/);
  });
});

describe('telling UTF-16 without a byte-order mark from binary files', () => {
  it.each([
    ['a pcap header', Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex')],
    ['NUL bytes on both sides', Buffer.from('a\u0000\u0000b c\u0000\u0000d e\u0000\u0000f g\u0000\u0000h', 'latin1')],
    ['UTF-8 text with one NUL', Buffer.from('POST /api/v1/authn HTTP/1.1\u0000\nHost: x', 'utf8')],
  ])('%s is not UTF-16, and import still calls a NUL-holding file binary', async (_name, bytes) => {
    expect(encodingOf(bytes)).toBe('utf-8');
    const run = await runCli('import', write(bytes), '--db', ':memory:');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/binary file|packet capture/);
  });

  it('a short UTF-16 head is not guessed at', () => {
    expect(encodingOf(Buffer.from('ab', 'utf16le'))).toBe('utf-8');
    expect(encodingOf(Buffer.from('POST /api/v1/authn', 'utf16le'))).toBe('utf-16le');
  });
});
