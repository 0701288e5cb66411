import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/**
 * Bodies Burp, Charles (XML and JSON sessions) and HAR files store as base64 are bytes, not text: sanitize
 * masks the secrets it finds in them and keeps every other byte. A PNG or random bytes (0x80-0xFF, invalid
 * UTF-8) come out byte for byte; an ASCII secret inside binary bytes, or inside a Latin-1 page, is masked
 * with the bytes around it kept; a gzip, deflate or br body is inflated, masked and compressed again under
 * its own Content-Encoding; UTF-8 text (é, emoji) keeps its characters; a gzip body that does not decode is
 * replaced by a placeholder and named in the summary. No planted secret survives in clear, base64 or gzip.
 */

const dir = tempDir('authtrail-sanitize-binary-');
const HOST = 'dev-1.okta.com';

/** A real PNG's first bytes (signature, IHDR of a 1x1 image) and random bytes, every byte 0x80-0xFF among them. */
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  randomBytes(1500),
  Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)),
]);

interface Case {
  name: string;
  headers: [string, string][];
  /** The bytes as the export stores them (compressed when the headers say so). */
  bytes: Buffer;
  /** The bytes once decoded, when they are compressed. */
  plain?: Buffer;
  secret?: string;
  /** Text the masked body still holds. */
  keeps?: string;
  /** Sanitize cannot read it: left out. */
  unread?: string;
}

const STATE = (tag: string) => `00${tag}StateToken0123456789abcdefghijklmnopq`.slice(0, 42);
const json = (o: unknown) => Buffer.from(JSON.stringify(o), 'utf8');
const gz = json({ status: 'MFA_REQUIRED', stateToken: STATE('Gzip'), expiresAt: '2026-12-07T10:05:00.000Z' });
const df = json({ status: 'MFA_REQUIRED', stateToken: STATE('Deflate') });
const br = json({ status: 'RECOVERY', recoveryToken: 'VBrRecoveryToken0123456789', stateToken: STATE('Brotli') });
const framed = Buffer.concat([randomBytes(64), Buffer.from([0x0a, 0xff, 0x80]), Buffer.from(`{"stateToken":"${STATE('Frame')}"}`), Buffer.from([0xfe, 0x12]), randomBytes(64), Buffer.from([0xc3, 0x28])]);
const utf8 = json({ message: 'Café ☕ 🎉 — naïve 日本語', stateToken: STATE('Utf8'), status: 'MFA_REQUIRED' });
const latin1 = Buffer.from(`<html><p>Caf\u00e9 cr\u00e8me \u00bd</p><script>var stateToken = '${STATE('Latin')}';</script></html>`, 'latin1');
const brokenGzip = Buffer.concat([gzipSync(json({ stateToken: STATE('Broken') })).subarray(0, 12), Buffer.alloc(40, 0xa5)]);

const CASES: Case[] = [
  { name: 'a PNG', headers: [['Content-Type', 'image/png']], bytes: PNG },
  { name: 'random bytes', headers: [['Content-Type', 'application/octet-stream']], bytes: Buffer.concat([randomBytes(900), Buffer.from([0xff, 0xfe, 0x80, 0xc0])]) },
  { name: 'a gzip PNG', headers: [['Content-Type', 'image/png'], ['Content-Encoding', 'gzip']], bytes: gzipSync(PNG), plain: PNG },
  { name: 'binary bytes holding an ASCII stateToken', headers: [['Content-Type', 'application/x-protobuf']], bytes: framed, secret: STATE('Frame') },
  { name: 'a Latin-1 page holding a stateToken', headers: [['Content-Type', 'text/html; charset=iso-8859-1']], bytes: latin1, secret: STATE('Latin') },
  { name: 'gzip JSON holding a stateToken', headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], bytes: gzipSync(gz), plain: gz, secret: STATE('Gzip'), keeps: '"expiresAt":"2026-12-07T10:05:00.000Z"' },
  { name: 'deflate JSON holding a stateToken', headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'deflate']], bytes: deflateSync(df), plain: df, secret: STATE('Deflate') },
  { name: 'br JSON holding a recoveryToken', headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'br']], bytes: brotliCompressSync(br), plain: br, secret: 'VBrRecoveryToken0123456789' },
  { name: 'UTF-8 text holding a stateToken', headers: [['Content-Type', 'application/json; charset=utf-8']], bytes: utf8, secret: STATE('Utf8'), keeps: 'Café ☕ 🎉 — naïve 日本語' },
  { name: 'gzip that does not decode', headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], bytes: brokenGzip, secret: STATE('Broken'), unread: 'gzip that does not decode' },
];

const REQUEST = `GET /api/v1/authn HTTP/1.1\r\nHost: ${HOST}\r\nAccept: */*\r\n\r\n`;
const head = (c: Case) => `HTTP/1.1 200 OK\r\n${c.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Each export's file with the cases as its responses, and how to read a response's stored body back. */
const FORMATS = {
  burp: {
    file: 'items.xml',
    write: () =>
      `<?xml version="1.0"?>\n<items burpVersion="2023.10.3.4" exportTime="Mon Dec 07 10:00:00 UTC 2026">\n${CASES.map(
        (c) =>
          `  <item>\n    <url><![CDATA[https://${HOST}/api/v1/authn]]></url>\n    <request base64="true"><![CDATA[${Buffer.from(REQUEST).toString('base64')}]]></request>\n    <response base64="true"><![CDATA[${Buffer.concat([Buffer.from(head(c), 'latin1'), c.bytes]).toString('base64')}]]></response>\n  </item>\n`,
      ).join('')}</items>\n`,
    bodies: (text: string): Buffer[] =>
      [...text.matchAll(/<response base64="true"><!\[CDATA\[([^\]]*)\]\]><\/response>/g)].map((m) => {
        const bytes = Buffer.from(m[1]!, 'base64');
        return bytes.subarray(bytes.indexOf('\r\n\r\n') + 4);
      }),
  },
  'charles-xml': {
    file: 'session.chlsx',
    write: () =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<?charles serialisation-version='2.0' ?>\n<charles-session>\n${CASES.map(
        (c) =>
          `  <transaction status="COMPLETE" method="GET" protocol="https" host="${HOST}" port="443" path="/api/v1/authn" startTime="2026-12-07T10:00:00.000+00:00">\n    <request headers="true" body="false"><headers><first-line><![CDATA[GET /api/v1/authn HTTP/1.1]]></first-line><header><name>Host</name><value>${HOST}</value></header></headers></request>\n    <response status="200" headers="true" body="true"${c.headers.some(([n]) => n === 'Content-Encoding') ? ` contentEncoding="${c.headers.find(([n]) => n === 'Content-Encoding')![1]}"` : ''}><headers><first-line><![CDATA[HTTP/1.1 200 OK]]></first-line>${c.headers.map(([n, v]) => `<header><name>${n}</name><value>${xml(v)}</value></header>`).join('')}</headers><body encoding="base64">${c.bytes.toString('base64')}</body></response>\n  </transaction>\n`,
      ).join('')}</charles-session>\n`,
    bodies: (text: string): (Buffer | string)[] => {
      const doc = new DOMParser().parseFromString(text, 'text/xml');
      return Array.from(doc.getElementsByTagName('response')).map((r) => {
        const body = r.getElementsByTagName('body')[0]!;
        return body.getAttribute('encoding') === 'base64' ? Buffer.from(body.textContent!.replace(/\s+/g, ''), 'base64') : body.textContent!;
      });
    },
  },
  'charles-json': {
    file: 'session.chlsj',
    write: () =>
      JSON.stringify(
        CASES.map((c) => ({
          status: 'COMPLETE', method: 'GET', protocolVersion: 'HTTP/1.1', scheme: 'https', host: HOST, port: 443, path: '/api/v1/authn', query: null,
          times: { start: '2026-12-07T10:00:00.000+00:00' }, durations: { total: 120 },
          request: { header: { firstLine: 'GET /api/v1/authn HTTP/1.1', headers: [{ name: 'Host', value: HOST }] } },
          response: { status: 200, contentEncoding: c.headers.find(([n]) => n === 'Content-Encoding')?.[1] ?? null, header: { firstLine: 'HTTP/1.1 200 OK', headers: c.headers.map(([name, value]) => ({ name, value })) }, body: { encoded: c.bytes.toString('base64') } },
        })),
        null,
        2,
      ),
    bodies: (text: string): (Buffer | string)[] =>
      (JSON.parse(text) as { response: { body: { encoded?: string; text?: string } } }[]).map((t) => (t.response.body.encoded !== undefined ? Buffer.from(t.response.body.encoded, 'base64') : t.response.body.text!)),
  },
  har: {
    file: 'flow.har',
    write: () =>
      JSON.stringify({
        log: {
          version: '1.2', creator: { name: 'Proxyman', version: '5.0' },
          entries: CASES.map((c) => ({
            startedDateTime: '2026-12-07T10:00:00.000Z', time: 120,
            request: { method: 'GET', url: `https://${HOST}/api/v1/authn`, httpVersion: 'HTTP/1.1', headers: [{ name: 'Host', value: HOST }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
            response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: c.headers.map(([name, value]) => ({ name, value })), cookies: [], content: { size: c.bytes.length, mimeType: c.headers[0]![1], text: c.bytes.toString('base64'), encoding: 'base64' }, redirectURL: '', headersSize: -1, bodySize: c.bytes.length },
            cache: {}, timings: { send: 0, wait: 100, receive: 20 },
          })),
        },
      }, null, 2),
    bodies: (text: string): (Buffer | string)[] =>
      (JSON.parse(text) as { log: { entries: { response: { content: { text: string; encoding?: string; comment?: string } } }[] } }).log.entries.map((e) => {
        const c = e.response.content;
        return c.encoding === 'base64' ? Buffer.from(c.text, 'base64') : `${c.text}${c.comment ?? ''}`;
      }),
  },
} as const;

const DECOMPRESS = [gunzipSync, inflateSync, inflateRawSync, brotliDecompressSync];
const INFLATE = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/** Every way the copy may still hold a value: its text, each base64 run decoded, and each of those (or its part after a head) decompressed. */
function views(text: string): string[] {
  const out = [text];
  for (const [run] of text.matchAll(/[A-Za-z0-9+/]{16,}={0,2}/g)) {
    const bytes = Buffer.from(run, 'base64');
    const parts = [bytes];
    const at = bytes.indexOf('\r\n\r\n');
    if (at >= 0) parts.push(bytes.subarray(at + 4));
    for (const part of parts) {
      out.push(part.toString('latin1'), part.toString('utf8'));
      for (const decompress of DECOMPRESS) {
        try {
          const plain = decompress(part);
          out.push(plain.toString('latin1'), plain.toString('utf8'));
        } catch {
          // Not this coding.
        }
      }
    }
  }
  return out;
}

/** The secret written in base64 at each of its three alignments (what a base64 body holding it contains). */
const base64Of = (secret: string) => [0, 1, 2].map((k) => Buffer.from(`${'x'.repeat(k)}${secret}`).toString('base64').slice(k === 0 ? 0 : 4, -4));

describe.each(Object.entries(FORMATS))('sanitize of a %s export with bodies stored as bytes', (kind, format) => {
  const input = join(dir, `${kind}-${format.file}`);
  const output = join(dir, `${kind}-safe-${format.file}`);
  writeFileSync(input, format.write());
  let run: CliRun;
  let text = '';
  let bodies: (Buffer | string)[] = [];
  beforeAll(async () => {
    run = await runCli('sanitize', input, '-o', output);
    text = readFileSync(output, 'utf8');
    bodies = format.bodies(text);
  });

  it('--check names the secrets and the body it cannot read; the copy is clean and names what was left out', async () => {
    const check = await runCli('sanitize', '--check', '--limit', '0', input);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/stateToken/);
    expect(check.stdout).toMatch(/undecodable body \(gzip that does not decode\)/);
    expect(check.stderr).toMatch(/; 1 body sanitize cannot read, and would leave out \([^)]*gzip that does not decode\)/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/; 1 body left out unread \([^)]*gzip that does not decode\)/);
    expect(bodies).toHaveLength(CASES.length);
    expect((await runCli('sanitize', '--check', output)).code).toBe(0);
  });

  it.each(CASES.filter((c) => !c.secret).map((c) => [c.name, c] as const))('%s comes out byte for byte', (_name, c) => {
    const body = bodies[CASES.indexOf(c)]!;
    expect(Buffer.isBuffer(body)).toBe(true);
    expect((body as Buffer).equals(c.bytes)).toBe(true);
  });

  it.each(CASES.filter((c) => c.secret && !c.unread).map((c) => [c.name, c] as const))('%s: the secret masked, the rest kept', (_name, c) => {
    const body = bodies[CASES.indexOf(c)]!;
    expect(Buffer.isBuffer(body)).toBe(true);
    const bytes = body as Buffer;
    // A compressed body is stored compressed again, under its own coding.
    const plain = c.plain ? INFLATE[c.headers[1]![1] as keyof typeof INFLATE](bytes) : bytes;
    expect(plain.includes(c.secret!)).toBe(false);
    // The mask keeps the token's prefix and a fingerprint, nothing else of it.
    expect(plain.toString('latin1')).toMatch(/\*{4}#[0-9a-f]{12}/);
    if (c.keeps) expect(plain.toString('utf8')).toContain(c.keeps);
    if (c.headers[0]![1].includes('utf-8')) expect(isUtf8(plain)).toBe(true);
    if (!c.plain && !isUtf8(c.bytes)) {
      // Bytes that are no UTF-8 text: every byte before and after the token's value is kept.
      const from = c.bytes.indexOf(c.secret!);
      const after = c.bytes.length - from - c.secret!.length;
      expect(plain.subarray(0, from).equals(c.bytes.subarray(0, from))).toBe(true);
      expect(plain.subarray(plain.length - after).equals(c.bytes.subarray(c.bytes.length - after))).toBe(true);
    }
  });

  it('a gzip body that does not decode is replaced by a placeholder naming why', () => {
    const c = CASES.find((x) => x.unread)!;
    const body = bodies[CASES.indexOf(c)]!;
    expect(typeof body === 'string' ? body : body.toString('utf8')).toMatch(/authtrail sanitize removed this body.*gzip that does not decode.*could not be checked for secrets/);
  });

  it('no planted secret is left in the copy: in clear, in base64, or compressed', () => {
    const all = views(text);
    for (const c of CASES.filter((x) => x.secret)) {
      for (const v of all) expect(v.includes(c.secret!), `${c.name}: ${c.secret} left in the copy`).toBe(false);
      for (const b of base64Of(c.secret!)) expect(text.includes(b), `${c.name}: ${c.secret} left in base64`).toBe(false);
    }
  });
});
