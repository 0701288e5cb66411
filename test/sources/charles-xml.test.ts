import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/**
 * Charles Proxy's XML session export (File > Export Session… > XML Session File, `.chlsx`), as Charles's DTD
 * describes it: `<transaction>` attributes for the URL, times and status; `<request>`/`<response status>` with
 * `<headers>` (`<first-line>`, `<header><name/><value/></header>`) and a `<body>`, base64 when
 * `encoding="base64"`. Each variant is fed to the real import, analyze and sanitize.
 */

const dir = tempDir('authtrail-chlsx-');
const HOST = 'dev-7070.okta.com';
const STATE = '00ChlsxStateTokenAlpha0123456789abcdefghijk';
const STATE2 = '00ChlsxStateTokenBravo0123456789abcdefghijk';
const PASSWORD = 'ChlsxPlantedPw9!';
const NEW_PASSWORD = 'ChlsxNewPlantedPw10!';
const PASSCODE = '604182';
const SESSION_TOKEN = '20111ChlsxSessionToken0123456789';
const COOKIE = 'ChlsxPlantedCookie9';
const SID = '102ChlsxSidOutside9xyz';
const API_KEY = '00ChlsxApiKeyChlsxApiKeyChlsxApiKeyChl';
const SHOP = 'ChlsxShopCookie9';
const CLEAR = [STATE, STATE2, PASSWORD, NEW_PASSWORD, PASSCODE, SESSION_TOKEN, COOKIE, SID, API_KEY, SHOP];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

interface Side {
  headers: [string, string][];
  /** Text (in CDATA, or escaped when `escaped`), or bytes written base64. */
  body?: string | Buffer;
  escaped?: boolean;
  contentEncoding?: string;
}
interface Tx {
  method: string;
  host?: string;
  path: string;
  query?: string;
  start: number;
  ms: number;
  version?: string;
  request: Side;
  response?: Side & { status: number };
  failed?: string;
}

function side(tag: 'request' | 'response', first: string, s: Side, q: string, status?: number): string {
  const body =
    s.body === undefined
      ? ''
      : Buffer.isBuffer(s.body)
        ? `<body encoding=${q}base64${q}>${s.body.toString('base64')}</body>`
        : s.escaped
          ? `<body>${esc(s.body)}</body>`
          : `<body><![CDATA[${s.body}]]></body>`;
  const attrs = `${status !== undefined ? ` status=${q}${status}${q}` : ''} headers=${q}true${q} body=${q}${s.body !== undefined}${q}${s.contentEncoding ? ` contentEncoding=${q}${s.contentEncoding}${q}` : ''}`;
  const headers = s.headers.map(([n, v]) => `<header><name>${esc(n)}</name><value>${esc(v)}</value></header>`);
  return [`<${tag}${attrs}>`, '<headers>', `<first-line><![CDATA[${first}]]></first-line>`, ...headers, '</headers>', ...(body ? [body] : []), `</${tag}>`].join('\n');
}

/** A session as Charles writes it: `q` the attributes' quote, `eol` the line ends, `head` what stands before the root. */
function session(txs: Tx[], o: { q?: string; eol?: string; head?: string } = {}): string {
  const q = o.q ?? "'";
  const lines = [o.head ?? `<?xml version='1.0' encoding='UTF-8' ?>\n<?charles serialisation-version='2.0' ?>`, '<charles-session>'];
  for (const t of txs) {
    const host = t.host ?? HOST;
    const version = t.version ?? 'HTTP/1.1';
    const target = `${t.path}${t.query ? `?${t.query}` : ''}`;
    const a: [string, string][] = [
      ['status', t.failed ? 'FAILED' : 'COMPLETE'],
      ['method', t.method],
      ['protocolVersion', version],
      ['protocol', 'https'],
      ['host', host],
      ['port', '443'],
      ['actualPort', '443'],
      ['path', t.path],
      ...(t.query ? ([['query', t.query]] as [string, string][]) : []),
      ['remoteAddress', `${host}/198.51.100.9`],
      ['clientAddress', '/127.0.0.1'],
      ['startTime', new Date(t.start).toISOString().replace('Z', '+00:00')],
      ['startTimeMillis', String(t.start)],
      ['endTimeMillis', String(t.start + t.ms)],
      ...(t.failed ? ([['error', t.failed]] as [string, string][]) : []),
    ];
    lines.push(`<transaction ${a.map(([k, v]) => `${k}=${q}${esc(v)}${q}`).join(' ')}>`);
    lines.push(side('request', `${t.method} ${target} ${version}`, t.request, q));
    if (t.response) lines.push(side('response', `${version} ${t.response.status}${version.startsWith('HTTP/2') ? '' : ' OK'}`, t.response, q, t.response.status));
    lines.push('</transaction>');
  }
  lines.push('</charles-session>', '');
  return lines.join(o.eol ?? '\n');
}

const T0 = Date.parse('2026-11-30T10:00:00.000Z');
const JSON_HEADERS: [string, string][] = [['Host', HOST], ['Accept', 'application/json'], ['Content-Type', 'application/json'], ['Cookie', `JSESSIONID=${COOKIE}; DT=DI0ChlsxDevice`]];
const RESPONSE_HEADERS: [string, string][] = [['Content-Type', 'application/json;charset=UTF-8'], ['Set-Cookie', `sid=${SID}; Path=/; Secure`]];
const user = { id: '00u1chlsxUser0001', profile: { login: 'jane@example.com' } };

/** An MFA sign-in: a page asset, the primary call, a factor verify whose response Charles wrote base64, a failed cancel, and calls outside --include. */
function mfaSignIn(): Tx[] {
  return [
    { method: 'GET', path: '/assets/loginpage.js', start: T0, ms: 30, request: { headers: [['Host', HOST]] }, response: { status: 200, headers: [['Content-Type', 'application/javascript']], body: 'console.log(1)' } },
    {
      method: 'POST', path: '/api/v1/authn', start: T0 + 1000, ms: 310,
      request: { headers: JSON_HEADERS, body: JSON.stringify({ username: 'jane@example.com', password: PASSWORD }) },
      response: { status: 200, headers: RESPONSE_HEADERS, body: JSON.stringify({ stateToken: STATE, expiresAt: '2026-11-30T10:05:01.000Z', status: 'MFA_REQUIRED', _embedded: { user, factors: [{ id: 'mbl1chlsxFactor1', factorType: 'token:software:totp', provider: 'GOOGLE' }] } }) },
    },
    {
      method: 'POST', path: '/api/v1/authn/factors/mbl1chlsxFactor1/verify', start: T0 + 9000, ms: 220,
      request: { headers: JSON_HEADERS, body: Buffer.from(JSON.stringify({ stateToken: STATE, passCode: PASSCODE })) },
      response: { status: 200, headers: RESPONSE_HEADERS, body: Buffer.from(JSON.stringify({ expiresAt: '2026-11-30T10:05:09.000Z', status: 'SUCCESS', sessionToken: SESSION_TOKEN, _embedded: { user } })) },
    },
    { method: 'POST', path: '/api/v1/authn/cancel', start: T0 + 12000, ms: 5, request: { headers: JSON_HEADERS, body: JSON.stringify({ stateToken: STATE }) }, failed: 'Remote server closed the connection before sending response header' },
    { method: 'POST', path: '/api/v1/sessions', start: T0 + 13000, ms: 40, request: { headers: [['Host', HOST], ['Authorization', `SSWS ${API_KEY}`], ['Content-Type', 'application/json']], body: JSON.stringify({ sessionToken: SESSION_TOKEN }) }, response: { status: 200, headers: [['Content-Type', 'application/json']], body: '{"id":"102abc"}' } },
    { method: 'GET', host: 'api.shop.example', path: '/api/cart', start: T0 + 14000, ms: 40, request: { headers: [['Host', 'api.shop.example'], ['Cookie', `session=${SHOP}`]] }, response: { status: 200, headers: [['Content-Type', 'application/json']], body: '{"items":[]}' } },
  ];
}

/** A password change over HTTP/2 (pseudo-headers as Charles lists them): the primary answer gzip-compressed, bodies escaped instead of CDATA. */
function passwordChange(): Tx[] {
  const h2 = (path: string): [string, string][] => [[':method', 'POST'], [':authority', HOST], [':scheme', 'https'], [':path', path], ['content-type', 'application/json'], ['cookie', `DT=DI0ChlsxDevice; JSESSIONID=${COOKIE}`]];
  return [
    {
      method: 'POST', path: '/api/v1/authn', start: T0, ms: 180, version: 'HTTP/2.0',
      request: { headers: h2('/api/v1/authn'), body: JSON.stringify({ username: 'jane@example.com', password: PASSWORD }), escaped: true },
      response: { status: 200, headers: [[':status', '200'], ['content-type', 'application/json'], ['content-encoding', 'gzip']], contentEncoding: 'gzip', body: gzipSync(JSON.stringify({ stateToken: STATE2, expiresAt: '2026-11-30T10:05:00.000Z', status: 'PASSWORD_EXPIRED', _embedded: { user } })) },
    },
    {
      method: 'POST', path: '/api/v1/authn/credentials/change_password', start: T0 + 20000, ms: 250, version: 'HTTP/2.0',
      request: { headers: h2('/api/v1/authn/credentials/change_password'), body: JSON.stringify({ stateToken: STATE2, oldPassword: PASSWORD, newPassword: NEW_PASSWORD }), escaped: true },
      response: { status: 200, headers: [[':status', '200'], ['content-type', 'application/json']], body: JSON.stringify({ expiresAt: '2026-11-30T10:05:20.000Z', status: 'SUCCESS', sessionToken: SESSION_TOKEN, _embedded: { user } }), escaped: true },
    },
    // The session token in a query (the `query` attribute and the first line): outside --include, masked by sanitize.
    {
      method: 'GET', path: '/login/sessionCookieRedirect', query: `checkAccountSetupComplete=true&token=${SESSION_TOKEN}&redirectUrl=https%3A%2F%2Fapp.example%2F`, start: T0 + 21000, ms: 90, version: 'HTTP/2.0',
      request: { headers: [[':method', 'GET'], [':authority', HOST], [':path', `/login/sessionCookieRedirect?token=${SESSION_TOKEN}`]] },
      response: { status: 302, headers: [[':status', '302'], ['location', 'https://app.example/'], ['set-cookie', `sid=${SID}; Path=/`]] },
    },
  ];
}

const steps = (json: any) => json.transactions.flatMap((t: any) => t.steps.map((s: any) => `${s.operation} ${s.httpStatus}`));
const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** The file's text with its base64 bodies decoded (and inflated when gzip) beside it. */
function decoded(path: string): string {
  const text = readFileSync(path, 'utf8');
  const bodies = [...text.matchAll(/<body encoding=["']base64["']>([^<]*)<\/body>/g)].map((m) => {
    const bytes = Buffer.from(m[1]!, 'base64');
    return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  });
  return [text, ...bodies].join('\n');
}

/** Imports into a file database, analyzes it (JSON and the table) and checks that no clear value got anywhere. */
async function importAndAnalyze(path: string, name: string, ...flags: string[]) {
  const db = join(dir, `${name}.db`);
  const imported = await runCli('import', path, '--db', db, ...flags);
  expect(imported.code, imported.stderr).toBe(0);
  const { json, stdout, stderr } = await analyzeJson('--db', db);
  const table = await runCli('analyze', '--db', db);
  const everything = [imported.stdout, imported.stderr, stdout, stderr, table.stdout, table.stderr].join('\n');
  const stored = Buffer.concat(['', '-wal'].map((s) => (existsSync(db + s) ? readFileSync(db + s) : Buffer.alloc(0))));
  for (const s of CLEAR) {
    expect(everything, `${name}: ${s} in the output`).not.toContain(s);
    expect(stored.includes(s), `${name}: ${s} in the database`).toBe(false);
  }
  return { json, imported };
}

const VARIANTS: [string, string, () => string][] = [
  ['the serialisation-version PI, single quotes, LF', 'okta-signin.chlsx', () => session(mfaSignIn())],
  ['CRLF, double quotes, the old DOCTYPE, saved as .xml', 'okta-signin.xml', () => session(mfaSignIn(), { q: '"', eol: '\r\n', head: '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE charles-session SYSTEM "http://www.charlesproxy.com/dtd/charles-session-1_0.dtd">' })],
  ['no declaration at all, any name', 'session.txt', () => session(mfaSignIn(), { head: '' })],
];

describe('Charles XML session (.chlsx)', () => {
  it.each(VARIANTS)('%s: detected and read like the JSON session (bodies as text or base64, a failed call, calls outside --include)', async (_name, file, text) => {
    const path = write(file, text());
    const { json, imported } = await importAndAnalyze(path, file);
    expect(imported.stderr).toMatch(/capture 1: 3 Okta exchanges from .* \(6 transactions, 3 outside --include, of which 1 to the Okta org/);
    expect(steps(json)).toEqual(['primary 200', 'factors.verify 200', 'cancel null']);
    const [primary, verify, cancel] = json.transactions[0].steps;
    expect(json.transactions[0].outcome).toBe('SUCCESS');
    expect([primary.statusAfter, verify.statusAfter]).toEqual(['MFA_REQUIRED', 'SUCCESS']);
    // One stateToken carries the chain: the primary answer's, sent back by the verify (base64) and the cancel.
    expect(primary.stateToken.fingerprint).toMatch(/^#[0-9a-f]{8}$/);
    expect(verify.stateToken.fingerprint).toBe(primary.stateToken.fingerprint);
    expect(cancel.stateToken.fingerprint).toBe(primary.stateToken.fingerprint);
    expect(verify.startedAt).toBe('2026-11-30T10:00:09.000Z');
    expect(cancel.transportError).toBe('Charles: failed (Remote server closed the connection before sending response header)');
    expect(cancel.sourceRef).toBe(`${path}#transaction[3]`);
    expect(json.unanalyzed.calls).toEqual({ '/api/v1/sessions': 1 });
    const exposed = json.findings.filter((f: any) => f.rule === 'secret-exposed');
    expect(exposed.filter((f: any) => f.messageId === 'secretInUnread').map((f: any) => f.evidence.field).sort()).toEqual(['authorization', 'sessionToken']);
    expect(exposed.filter((f: any) => f.messageId === 'secretInClear').map((f: any) => f.evidence.field)).toEqual(expect.arrayContaining(['password', 'passCode', 'stateToken', 'sessionToken', 'cookie']));
  });

  it('HTTP/2 with pseudo-headers, a gzip body saved base64, escaped text bodies: the password change reads to SUCCESS', async () => {
    const path = write('password-change.chlsx', session(passwordChange(), { eol: '\r\n' }));
    const { json } = await importAndAnalyze(path, 'password-change');
    expect(steps(json)).toEqual(['primary 200', 'credentials.change_password 200']);
    const [primary, change] = json.transactions[0].steps;
    expect([primary.statusAfter, change.statusAfter]).toEqual(['PASSWORD_EXPIRED', 'SUCCESS']);
    expect(change.stateToken.fingerprint).toBe(primary.stateToken.fingerprint);
    // Forced with --format charles, under a name that says nothing, it reads the same.
    const renamed = write('password-change.log', readFileSync(path));
    expect(steps((await analyzeJson(renamed, '--input-format', 'charles', '--db', ':memory:')).json)).toEqual(steps(json));
    expect(json.findings.filter((f: any) => f.messageId === 'secretInClear').map((f: any) => f.evidence.field)).toEqual(expect.arrayContaining(['password', 'oldPassword', 'newPassword', 'stateToken', 'sessionToken']));
  });

  it('--include narrows it as it narrows the JSON session: the rest is counted, its secrets named', async () => {
    const path = write('include.chlsx', session(mfaSignIn()));
    const { json, imported } = await importAndAnalyze(path, 'include', '--include', '/api/v1/authn');
    expect(imported.stderr).toMatch(/1 Okta exchange from .* \(6 transactions, 5 outside --include, of which 3 to the Okta org/);
    expect(steps(json)).toEqual(['primary 200']);
    expect(json.unanalyzed.calls).toEqual({ '/api/v1/authn/factors/{id}/verify': 1, '/api/v1/authn/cancel': 1, '/api/v1/sessions': 1 });
  });

  it('what it cannot read is named: a transaction without host, an element that is no transaction, a body in an unknown encoding', async () => {
    const text = session(mfaSignIn().slice(1, 3))
      .replace(`host='${HOST}' port='443' actualPort='443' path='/api/v1/authn'`, "port='443'")
      .replace('<charles-session>', '<charles-session>\n<note>exported by hand</note>')
      .replace("<body encoding='base64'>", "<body encoding='hex'>");
    const path = write('damaged.chlsx', text);
    const run = await runCli('import', path, '--db', ':memory:');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/1 Okta exchange from .* \(imported 1 of 2 transactions\)/);
    expect(run.stderr).toMatch(/damaged\.chlsx#transaction\[1\]: the request body is written with encoding "hex", which authtrail does not read; left out/);
    expect(run.stderr).toContain('an element <note> that is no transaction; left out');
    expect(run.stderr).toContain('a transaction without host or path; left out');
  });

  it('a .chlsx is never read as a transcript: no <charles-session> root or broken XML is one line, exit 2', async () => {
    const notSession = write('notes.chlsx', 'POST /api/v1/authn HTTP/1.1\nHost: dev-1.okta.com\n\n{"username":"a"}\n');
    const a = await runCli('import', notSession, '--db', ':memory:');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/notes\.chlsx: a \.chlsx file without a <charles-session> root/);
    const broken = write('broken.chlsx', session(mfaSignIn()).replace('</transaction>', ''));
    const b = await runCli('import', broken, '--db', ':memory:');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/broken\.chlsx: a Charles XML session that is not well-formed XML/);
    expect((await runCli('sanitize', '--check', notSession)).code).toBe(2);
  });

  it.each([
    ['the MFA sign-in', 'signin', () => session(mfaSignIn()), ['primary 200', 'factors.verify 200', 'cancel null']],
    ['the HTTP/2 password change (gzip), CRLF', 'change', () => session(passwordChange(), { eol: '\r\n' }), ['primary 200', 'credentials.change_password 200']],
  ])('sanitize of %s writes valid XML with every secret masked, --check lists them by transaction, the copy reads the same', async (_name, name, text, expected) => {
    const path = write(`${name}-raw.chlsx`, text());
    const check = await runCli('sanitize', '--check', path);
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toMatch(/transaction\[[01]\] request:\d+ password/);
    expect(check.stdout + check.stderr).toMatch(/transaction\[[01]\] response:\d+ stateToken/);
    const out = join(dir, `${name}-safe.chlsx`);
    const run = await runCli('sanitize', path, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    // Each side of a transaction is one message, as Burp's are.
    expect(run.stderr).toMatch(/values? masked in \d+ of \d+ messages /);
    const clean = decoded(out);
    for (const s of CLEAR) expect(clean, s).not.toContain(s);
    for (const s of CLEAR) expect(run.stdout + run.stderr, s).not.toContain(s);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(readFileSync(out, 'utf8'), 'text/xml');
    expect(errors).toEqual([]);
    expect(doc.documentElement?.tagName).toBe('charles-session');
    expect((await runCli('sanitize', '--check', out)).code).toBe(0);
    expect(steps((await analyzeJson(out, '--db', ':memory:')).json)).toEqual(expected);
  });

  it('a session in UTF-16 (little-endian with a byte-order mark) reads and sanitizes as the UTF-8 one', async () => {
    const utf8 = write('utf8.chlsx', session(mfaSignIn()));
    const utf16 = write('utf16.chlsx', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(session(mfaSignIn()).replace("encoding='UTF-8'", "encoding='UTF-16'"), 'utf16le')]));
    const a = await analyzeJson(utf8, '--db', ':memory:');
    const b = await analyzeJson(utf16, '--db', ':memory:');
    expect(steps(b.json)).toEqual(steps(a.json));
    expect(b.json.findings.map((f: any) => f.messageId)).toEqual(a.json.findings.map((f: any) => f.messageId));
    const out = join(dir, 'utf16-safe.chlsx');
    const run = await runCli('sanitize', utf16, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml version='1\.0' encoding='UTF-8' \?>/);
    for (const s of CLEAR) expect(decoded(out), s).not.toContain(s);
    expect(steps((await analyzeJson(out, '--db', ':memory:')).json)).toEqual(steps(a.json));
  });
});
