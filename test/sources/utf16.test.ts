import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportSource } from '../../src/ingest/source.js';
import type { RawExchange } from '../../src/model/exchange.js';
import { openSource } from '../../src/sources/index.js';
import { join, tempDir } from '../helpers/flow.js';
import { runCli } from '../helpers/cli.js';

/**
 * Windows tools and PowerShell (`Out-File`, Windows PowerShell 5's `>`) write "Unicode": UTF-16 little-endian
 * with a byte-order mark, sometimes big-endian, sometimes without the mark. Each export below, written so,
 * is detected as the same format and reads to the same exchanges, events and analysis as its UTF-8 copy.
 */

const dir = tempDir('authtrail-utf16-');

const ENCODINGS = ['utf-16le with BOM', 'utf-16be with BOM', 'utf-16le without BOM', 'utf-16be without BOM'] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(text: string, encoding: Encoding): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = encoding.startsWith('utf-16be') ? Buffer.from(le).swap16() : le;
  if (encoding.endsWith('without BOM')) return bytes;
  return Buffer.concat([Buffer.from(encoding.startsWith('utf-16be') ? [0xfe, 0xff] : [0xff, 0xfe]), bytes]);
}

/** The UTF-8 file and its copy in `encoding`, under the same name in their own directories (their refs then differ only by directory). */
function write(name: string, utf8: string, encoding: Encoding, recode: (text: string) => string = (t) => t): { utf8: string; utf16: string } {
  const paths = { utf8: join(dir, 'utf-8', name), utf16: join(dir, encoding.replace(/ /g, '-'), name) };
  mkdirSync(join(dir, 'utf-8'), { recursive: true });
  mkdirSync(join(dir, encoding.replace(/ /g, '-')), { recursive: true });
  writeFileSync(paths.utf8, utf8);
  writeFileSync(paths.utf16, encode(recode(utf8), encoding));
  return paths;
}

/** What a source read, with the file's path taken out of every reference. */
async function read(path: string) {
  const source: ImportSource = await openSource(path);
  const exchanges: RawExchange[] = [];
  for await (const e of source.exchanges as AsyncIterable<RawExchange>) exchanges.push(e);
  const leftOut = source.leftOut?.map((l) => l.exchange) ?? [];
  const text = JSON.stringify({ kind: source.kind, exchanges, leftOut, events: source.systemLog ?? null, report: { ...source.report, bytesRead: undefined, bytesTotal: undefined } });
  return { kind: source.kind, count: exchanges.length + (source.systemLog?.length ?? 0), doc: JSON.parse(text.split(path).join('FILE')) };
}

/** `analyze --format json` of the files in a fresh database, their paths, hashes and the database's fingerprint key taken out. */
async function analysis(files: string[]) {
  const run = await runCli('analyze', '--format', 'json', '--db', ':memory:', ...files);
  expect(run.code, run.stderr).toBeLessThan(2);
  // Fingerprints are keyed per database: numbered in order of appearance, so equal ones stay equal.
  const seen = new Map<string, string>();
  let text = run.stdout.replace(/(?<=#|"fp": ")[0-9a-f]{8,12}\b/g, (fp) => {
    if (!seen.has(fp.slice(0, 8))) seen.set(fp.slice(0, 8), `fp${seen.size + 1}`);
    return seen.get(fp.slice(0, 8))!;
  });
  files.forEach((f, i) => (text = text.split(f).join(`FILE${i}`)));
  const doc = JSON.parse(text);
  for (const c of doc.captures) {
    delete c.createdAt;
    delete c.contentHash;
  }
  return doc;
}

async function expectSameAsUtf8(paths: { utf8: string; utf16: string }, kind: string, minimum: number) {
  const utf8 = await read(paths.utf8);
  expect(utf8.kind).toBe(kind);
  expect(utf8.count).toBeGreaterThanOrEqual(minimum);
  const utf16 = await read(paths.utf16);
  expect(utf16.kind).toBe(kind);
  expect(utf16.doc).toEqual(utf8.doc);
}

const fixture = (path: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', path), 'utf8');

/** A LogEvent as /api/v1/logs returns it; the names carry characters beyond ASCII (and one beyond the BMP). */
function event(n: number, requestId: string, eventType = 'user.session.start') {
  return {
    actor: { id: '00u4aj33rsxULOM5i1d7', type: 'User', alternateId: 'zoë.šimková@example.com', displayName: 'Zoë Šimková 🦊', detailEntry: null },
    client: { userAgent: { rawUserAgent: 'okta-auth-js/7.0.0 Mozilla/5.0', os: 'Windows 10', browser: 'EDGE' }, zone: 'null', device: 'Computer', ipAddress: '203.0.113.42' },
    displayMessage: 'User login to Okta',
    eventType,
    outcome: { result: 'SUCCESS', reason: null },
    published: `2026-11-30T10:00:0${n}.000Z`,
    severity: 'INFO',
    debugContext: { debugData: { requestId, threatSuspected: 'false', requestUri: '/api/v1/authn' } },
    transaction: { type: 'WEB', id: requestId, detail: {} },
    uuid: `5c0e3b4e-0000-4000-8000-00000000000${n}`,
    version: '0',
  };
}
const EVENTS = [event(1, 'W-req-1', 'policy.evaluate_sign_on'), event(2, 'W-req-1'), event(3, 'W-req-2', 'user.authentication.auth_via_mfa')];

/** A Burp export whose responses carry the request ids the events above name. */
function burpWithRequestIds(eol: string): string {
  const host = 'dev-2718.okta.com';
  const state = '00Utf16StateToken0123456789abcdefghijklmnopq';
  const item = (i: number, path: string, request: string, response: string, base64: boolean) => {
    const m = (s: string) => (base64 ? Buffer.from(s).toString('base64') : s);
    return `  <item>${eol}    <time>Mon Nov 30 10:00:0${i} UTC 2026</time>${eol}    <url><![CDATA[https://${host}${path}]]></url>${eol}    <request base64="${base64}"><![CDATA[${m(request)}]]></request>${eol}    <response base64="${base64}"><![CDATA[${m(response)}]]></response>${eol}  </item>`;
  };
  const user = '"_embedded":{"user":{"id":"00u4aj33rsxULOM5i1d7","profile":{"login":"zoë.šimková@example.com","firstName":"Zoë"}}}';
  return [
    '<?xml version="1.0"?>',
    '<items burpVersion="2024.1.1.4" exportTime="Mon Nov 30 10:01:00 UTC 2026">',
    item(1, '/api/v1/authn', `POST /api/v1/authn HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n\r\n{"username":"zoë.šimková@example.com","password":"Utf16PlantedPw9!"}`,
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Okta-Request-Id: W-req-1\r\n\r\n{"stateToken":"${state}","expiresAt":"2026-11-30T10:05:01.000Z","status":"MFA_REQUIRED",${user},"_links":{}}`, true),
    item(2, '/api/v1/authn/factors/ost1utf16factor/verify', `POST /api/v1/authn/factors/ost1utf16factor/verify HTTP/2\nhost: ${host}\ncontent-type: application/json\n\n{"stateToken":"${state}","passCode":"482913"}`,
      `HTTP/2 200\ncontent-type: application/json\nx-okta-request-id: W-req-2\n\n{"status":"SUCCESS","expiresAt":"2026-11-30T10:05:09.000Z","sessionToken":"20111Utf16SessionToken0123456789ab",${user}}`, false),
    item(3, '/assets/app.js', `GET /assets/app.js HTTP/1.1\r\nHost: ${host}\r\n\r\n`, 'HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\n\r\nconsole.log(1)', true),
    '</items>',
    '',
  ].join(eol);
}

/** A Charles JSON session with text beyond ASCII in its bodies, one body base64. */
function charlesSession(): string {
  const host = 'dev-2718.okta.com';
  const t = (i: number, path: string, body: Record<string, unknown>, status: number, response: string) => ({
    status: 'COMPLETE', method: 'POST', protocolVersion: 'HTTP/1.1', scheme: 'https', host, port: 443, path, query: null,
    times: { start: `2026-11-30T10:00:0${i}.000+00:00` }, durations: { total: 40 },
    request: { header: { headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Cookie', value: 'DT=DI0utf16DeviceToken' }] }, body },
    response: { status, header: { headers: [{ name: 'Content-Type', value: 'application/json' }] }, body: { text: response } },
  });
  return JSON.stringify([
    t(1, '/api/v1/authn', { text: '{"username":"zoë@example.com","password":"Ünïcødé-Pw9!"}' }, 401, '{"errorCode":"E0000004","errorSummary":"Authentication failed","errorCauses":[]}'),
    t(2, '/api/v1/authn', { encoded: Buffer.from('{"username":"zoë@example.com","password":"Ünïcødé-Pw10!"}').toString('base64') }, 200, '{"status":"SUCCESS","sessionToken":"20111Utf16Charles0123456789abcdef","_embedded":{"user":{"profile":{"firstName":"Zoë 🦊"}}}}'),
  ], null, 2);
}

describe.each(ENCODINGS)('exports written as %s', (encoding) => {
  it('an Okta System Log JSON array (the /api/v1/logs body, pretty-printed with CRLF) reads to the same events', async () => {
    const paths = write('logs.json', JSON.stringify(EVENTS, null, 2).replace(/\n/g, '\r\n'), encoding);
    await expectSameAsUtf8(paths, 'systemlog', 3);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF, a blank line between events', '\r\n\r\n'],
  ])('an Okta System Log with one event per line (%s) reads to the same events', async (_name, eol) => {
    const paths = write(`logs-${eol.length}.jsonl`, EVENTS.map((e) => JSON.stringify(e)).join(eol) + eol, encoding);
    await expectSameAsUtf8(paths, 'systemlog', 3);
  });

  it.each([
    ['the Burp fixture (base64 messages, a gzip response, a DOCTYPE)', 'okta-signin.xml', () => fixture('burp/okta-signin.xml')],
    ['base64 and text messages, LF', 'ids-lf.xml', () => burpWithRequestIds('\n')],
    ['base64 and text messages, CRLF', 'ids-crlf.xml', () => burpWithRequestIds('\r\n')],
  ])('a Burp XML export, %s, reads to the same exchanges, even declaring encoding="UTF-16"', async (_name, name, text) => {
    const paths = write(name, text(), encoding, (t) => t.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'));
    await expectSameAsUtf8(paths, 'http', 2);
  });

  it.each([
    ['the Charles fixture', 'okta-signin.chlsj', () => fixture('charles/okta-signin.chlsj')],
    ['text beyond ASCII, saved as .json', 'session.json', charlesSession],
  ])('a Charles JSON session, %s, reads to the same exchanges', async (_name, name, text) => {
    await expectSameAsUtf8(write(name, text(), encoding), 'http', 2);
  });

  it('a SAML-tracer export reads to the same exchanges', async () => {
    await expectSameAsUtf8(write('SAML-tracer-export.json', fixture('saml-tracer/okta-sp-initiated.json'), encoding), 'saml-tracer', 2);
  });

  it('an Entra Auth Tracer export reads to the same exchanges', async () => {
    await expectSameAsUtf8(write('entra-auth-trace.json', fixture('entra/okta-hr-acs-mismatch.json'), encoding), 'entra', 2);
  });

  it.each([
    ['a HAR file', 'same.har', () => fixture('har/chrome.har')],
    ['a pasted transcript', 'same.md', () => readFileSync(join(import.meta.dirname, '..', '..', 'samples', 'okta-devforum-recovery-mfa.md'), 'utf8')],
    ['a Burp XML export', 'same.xml', () => burpWithRequestIds('\r\n')],
    ['a Charles JSON session', 'same.chlsj', charlesSession],
    ['an Okta System Log', 'same.jsonl', () => EVENTS.map((e) => JSON.stringify(e)).join('\n')],
    ['a SAML-tracer export', 'same-saml.json', () => fixture('saml-tracer/okta-sp-initiated.json')],
  ])('%s imported again in this encoding is the same file to the duplicate check', async (_name, name, text) => {
    const paths = write(name, text(), encoding);
    const db = join(dir, `${encoding.replace(/ /g, '-')}-${name}.db`);
    expect((await runCli('import', paths.utf8, '--db', db)).code).toBe(0);
    const again = await runCli('import', paths.utf16, '--db', db);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`${paths.utf16}: already imported as capture 1`);
    // And the UTF-8 file with a byte-order mark (Notepad's "UTF-8 with BOM"), the other way round.
    const bom = join(dir, `bom-${encoding.replace(/ /g, '-')}-${name}`);
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(), 'utf8')]));
    expect((await runCli('import', bom, '--db', db)).stderr).toContain(`${bom}: already imported as capture 1`);
  });

  it('a Burp export and its System Log analyze as the UTF-8 files do: the same steps, events joined, findings', async () => {
    const burp = write('joined.xml', burpWithRequestIds('\r\n'), encoding);
    const log = write('joined.jsonl', EVENTS.map((e) => JSON.stringify(e)).join('\n'), encoding);
    const utf8 = await analysis([burp.utf8, log.utf8]);
    expect(utf8.systemLog.joined).toBe(3);
    expect(utf8.transactions[0].steps.map((s: any) => `${s.operation} ${s.httpStatus}`)).toEqual(['primary 200', 'factors.verify 200']);
    expect(await analysis([burp.utf16, log.utf16])).toEqual(utf8);
  });
});
