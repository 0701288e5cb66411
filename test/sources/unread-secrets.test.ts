import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/**
 * Burp and Charles exports, like a HAR: the calls to the Okta org outside --include (a browser's or a script's
 * /api/v1/sessions, /api/v1/users/me, /login/…) are counted, and the secrets they show in clear are named by
 * `secret-exposed` (secretInUnread) without reaching any output or the database. Calls to other hosts and the
 * org's page assets are not.
 */

const dir = tempDir('authtrail-unread-exports-');

const API_KEY = '00ExportApiKeyExportApiKeyExportApiKeyEx';
const SID = '102ExportSidOutsideSidOutside';
const SESSION_TOKEN = '20111ExportOutsideSessionTok0123456';
const STATE_TOKEN = '00ExportOutsideStateToken0123456789abcdefgh';
const PASSWORD = 'OutsidePlantedPw9!';
const BEARER = 'eyJraWQiOiJFeHBvcnQifQ.eyJzdWIiOiIwMHUxRXhwb3J0In0.ExportBearerSignature0123';
const SHOP = 'ShopCookieShopCookie9';
const CLEAR = [API_KEY, SID, SESSION_TOKEN, STATE_TOKEN, PASSWORD, BEARER, SHOP];

/** The authn call the capture keeps (its host is the org's, so its other calls count). */
const AUTHN = {
  path: '/api/v1/authn',
  request: (host: string) => `POST /api/v1/authn HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n\r\n{"username":"a@b.c","password":"********"}`,
  response: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"status":"SUCCESS","expiresAt":"2026-11-30T10:05:01.000Z","sessionToken":"20111*****"}',
};

type Message = string | Buffer;
interface Call {
  url: string;
  request: Message;
  response: Message;
  /** Burp writes the raw messages base64 (`base64="true"`) or as text in CDATA. */
  base64: boolean;
}

function burpXml(calls: Call[], eol = '\n'): string {
  const b64 = (m: Message) => Buffer.from(m).toString('base64');
  const items = calls.map((c, i) =>
    [
      '  <item>',
      `    <time>Mon Nov 30 10:00:0${i} UTC 2026</time>`,
      `    <url><![CDATA[${c.url}]]></url>`,
      `    <request base64="${c.base64}"><![CDATA[${c.base64 ? b64(c.request) : c.request}]]></request>`,
      `    <response base64="${c.base64}"><![CDATA[${c.base64 ? b64(c.response) : c.response}]]></response>`,
      '  </item>',
    ].join(eol),
  );
  return ['<?xml version="1.0"?>', '<items burpVersion="2024.1.1.4" exportTime="Mon Nov 30 10:01:00 UTC 2026">', ...items, '</items>', ''].join(eol);
}

const unreadFindings = (json: any) => json.findings.filter((f: any) => f.messageId === 'secretInUnread');
const unreadFields = (json: any) => unreadFindings(json).map((f: any) => f.evidence.field).sort();

/** Imports into a file database, analyzes it twice (JSON and the terminal table) and checks no clear value got anywhere. */
async function importAndAnalyze(path: string, name: string) {
  const db = join(dir, `${name}.db`);
  const imported = await runCli('import', path, '--db', db);
  expect(imported.code, imported.stderr).toBe(0);
  const { json, stdout, stderr } = await analyzeJson('--db', db);
  const table = await runCli('analyze', '--db', db);
  const everything = [imported.stdout, imported.stderr, stdout, stderr, table.stdout, table.stderr].join('\n');
  const stored = Buffer.concat(['', '-wal'].map((s) => (existsSync(db + s) ? readFileSync(db + s) : Buffer.alloc(0))));
  for (const s of CLEAR) {
    expect(everything, `${name}: ${s} in the output`).not.toContain(s);
    expect(stored.includes(s), `${name}: ${s} in the database`).toBe(false);
  }
  return { json, imported, table: table.stdout };
}

describe('Burp Suite items outside --include: their secrets are named, never kept', () => {
  const cases: [string, string, (host: string) => Call[], string][] = [
    [
      'an okta.com org, base64 messages with CRLF, HTTP/1.1',
      'dev-3131.okta.com',
      (host) => [
        { url: `https://${host}/api/v1/sessions`, base64: true, request: `POST /api/v1/sessions HTTP/1.1\r\nHost: ${host}\r\nAuthorization: SSWS ${API_KEY}\r\nContent-Type: application/json\r\n\r\n{"sessionToken":"${SESSION_TOKEN}"}`, response: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"id":"102abc","status":"ACTIVE"}' },
        { url: `https://${host}/api/v1/users/me`, base64: true, request: `GET /api/v1/users/me HTTP/1.1\r\nHost: ${host}\r\nCookie: sid=${SID}\r\n\r\n`, response: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"id":"00u1"}' },
      ],
      '\r\n',
    ],
    [
      'a custom domain, messages as text in CDATA, LF, HTTP/2',
      'login.initrode.example',
      (host) => [
        { url: `https://${host}/api/v1/sessions`, base64: false, request: `POST /api/v1/sessions HTTP/2\nhost: ${host}\nauthorization: SSWS ${API_KEY}\ncontent-type: application/json\n\n{"sessionToken":"${SESSION_TOKEN}"}`, response: 'HTTP/2 200\ncontent-type: application/json\n\n{"id":"102abc"}' },
        { url: `https://${host}/api/v1/users/me`, base64: false, request: `GET /api/v1/users/me HTTP/2\nhost: ${host}\ncookie: sid=${SID}\n\n`, response: 'HTTP/2 200\ncontent-type: application/json\n\n{"id":"00u1"}' },
      ],
      '\n',
    ],
    [
      'a gzip response and a form body, base64',
      'dev-4242.oktapreview.com',
      (host) => [
        {
          url: `https://${host}/api/v1/sessions`,
          base64: true,
          request: `POST /api/v1/sessions HTTP/1.1\r\nHost: ${host}\r\nAuthorization: SSWS ${API_KEY}\r\nContent-Type: application/json\r\n\r\n{"sessionToken":"${SESSION_TOKEN}"}`,
          response: Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n\r\n'), gzipSync('{"id":"102abc"}')]),
        },
        { url: `https://${host}/api/v1/users/me`, base64: true, request: `GET /api/v1/users/me HTTP/1.1\r\nHost: ${host}\r\nCookie: sid=${SID}\r\n\r\n`, response: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"id":"00u1"}' },
      ],
      '\n',
    ],
  ];

  it.each(cases)('%s: the SSWS key, the sessionToken and the sid cookie are named; assets and other hosts are not', async (name, host, calls, eol) => {
    const path = join(dir, `burp-${host}.xml`);
    writeFileSync(
      path,
      burpXml(
        [
          { url: `https://${host}${AUTHN.path}`, base64: true, request: AUTHN.request(host), response: AUTHN.response },
          ...calls(host),
          // The org's own page asset and another host's API: neither is an Okta call the capture left out.
          { url: `https://${host}/assets/app.js`, base64: true, request: `GET /assets/app.js HTTP/1.1\r\nHost: ${host}\r\nCookie: sid=${SID}; t=${SHOP}\r\n\r\n`, response: 'HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\n\r\nconsole.log(1)' },
          { url: 'https://api.shop.example/api/cart', base64: true, request: `GET /api/cart HTTP/1.1\r\nHost: api.shop.example\r\nCookie: session=${SHOP}\r\n\r\n`, response: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"items":[]}' },
        ],
        eol,
      ),
    );
    const { json, imported } = await importAndAnalyze(path, `burp-${host}`);
    expect(imported.stderr, name).toMatch(/1 Okta exchange from .* \(5 items, 4 outside --include, of which 2 to the Okta org, not analyzed: \/api\/v1\/sessions ×1, \/api\/v1\/users\/me ×1\)/);
    expect(json.unanalyzed.calls, name).toEqual({ '/api/v1/sessions': 1, '/api/v1/users/me': 1 });
    expect(unreadFields(json), name).toEqual(['authorization', 'cookie', 'sessionToken']);
    const cookie = unreadFindings(json).find((f: any) => f.evidence.field === 'cookie');
    expect(cookie.rule).toBe('secret-exposed');
    expect(cookie.evidence.calls).toEqual(['/api/v1/users/me']);
    expect(cookie.evidence.refs).toEqual([`${path}#items[2]`]);
    expect(cookie.message).toBe(
      `The evidence shows cookie in clear in 1 call to the Okta org that authtrail did not analyze (outside --include: /api/v1/users/me; request.header; first shown at ${path}#items[2] as sid=…). authtrail stored only its fingerprint, but the original evidence (post, ticket, HAR) still exposes it: remove it there, and rotate it if it may still be valid.`,
    );
    const key = unreadFindings(json).find((f: any) => f.evidence.field === 'authorization');
    expect(key.message).toMatch(/shows authorization in clear in 1 call .*outside --include: \/api\/v1\/sessions; request\.header; first shown at .*#items\[1\] as SSWS…\)/);
  });

  it('the stateToken and password in the bodies of calls to the org outside --include are named too', async () => {
    const host = 'dev-5151.okta.com';
    const path = join(dir, 'burp-bodies.xml');
    writeFileSync(
      path,
      burpXml([
        { url: `https://${host}${AUTHN.path}`, base64: true, request: AUTHN.request(host), response: AUTHN.response },
        { url: `https://${host}/login/step-up/redirect`, base64: false, request: `POST /login/step-up/redirect HTTP/1.1\nHost: ${host}\nContent-Type: application/x-www-form-urlencoded\n\nstateToken=${STATE_TOKEN}`, response: 'HTTP/1.1 302 Found\nLocation: /app/UserHome\n\n' },
        { url: `https://${host}/api/v1/users/me/credentials/change_password`, base64: true, request: `POST /api/v1/users/me/credentials/change_password HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${BEARER}\r\nContent-Type: application/json\r\n\r\n{"password":"${PASSWORD}"}`, response: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}' },
      ]),
    );
    const { json } = await importAndAnalyze(path, 'burp-bodies');
    expect(unreadFields(json)).toEqual(['authorization', 'password', 'stateToken']);
    expect(unreadFindings(json).find((f: any) => f.evidence.field === 'stateToken').evidence.refs).toEqual([`${path}#items[1]`]);
  });
});

/** A Charles JSON session transaction as Charles exports it (the fields the reader and Charles agree on). */
function charlesTransaction(o: { host: string; path: string; method: string; headers: [string, string][]; body?: { text?: string; encoded?: string }; status: number; responseType: string; responseText: string }) {
  return {
    status: 'COMPLETE',
    method: o.method,
    protocolVersion: 'HTTP/1.1',
    scheme: 'https',
    host: o.host,
    port: 443,
    path: o.path,
    query: null,
    times: { start: '2026-11-30T10:00:01.000+00:00', end: '2026-11-30T10:00:01.040+00:00' },
    durations: { total: 40 },
    request: { header: { firstLine: `${o.method} ${o.path} HTTP/1.1`, headers: [['Host', o.host], ...o.headers].map(([name, value]) => ({ name, value })) }, ...(o.body ? { body: o.body } : {}) },
    response: { status: o.status, header: { headers: [{ name: 'Content-Type', value: o.responseType }] }, body: { text: o.responseText } },
  };
}

describe('Charles JSON session transactions outside --include: their secrets are named, never kept', () => {
  it.each([
    ['an okta.com org, bodies as text', 'dev-3131.okta.com', false],
    ['a custom domain, request bodies base64 (body.encoded)', 'login.initrode.example', true],
  ])('%s', async (name, host, encoded) => {
    const body = (text: string) => (encoded ? { encoded: Buffer.from(text).toString('base64') } : { text });
    const json = (text: string) => ({ host, status: 200, responseType: 'application/json', responseText: text });
    const session = [
      charlesTransaction({ ...json('{"status":"SUCCESS","sessionToken":"20111*****"}'), path: '/api/v1/authn', method: 'POST', headers: [['Content-Type', 'application/json']], body: body('{"username":"a@b.c","password":"********"}') }),
      charlesTransaction({ ...json('{"id":"102abc"}'), path: '/api/v1/sessions', method: 'POST', headers: [['Authorization', `SSWS ${API_KEY}`], ['Content-Type', 'application/json']], body: body(`{"sessionToken":"${SESSION_TOKEN}"}`) }),
      charlesTransaction({ ...json('{"id":"00u1"}'), path: '/api/v1/users/me', method: 'GET', headers: [['Cookie', `sid=${SID}`]] }),
      charlesTransaction({ host, path: '/assets/app.js', method: 'GET', headers: [['Cookie', `sid=${SID}; t=${SHOP}`]], status: 200, responseType: 'application/javascript', responseText: 'console.log(1)' }),
      charlesTransaction({ ...json('{"items":[]}'), host: 'api.shop.example', path: '/api/cart', method: 'GET', headers: [['Cookie', `session=${SHOP}`]] }),
    ];
    const path = join(dir, `charles-${host}.chlsj`);
    writeFileSync(path, JSON.stringify(session, null, 2));
    const { json: doc, imported } = await importAndAnalyze(path, `charles-${host}`);
    expect(imported.stderr, name).toMatch(/1 Okta exchange from .* \(5 transactions, 4 outside --include, of which 2 to the Okta org/);
    expect(doc.unanalyzed.calls, name).toEqual({ '/api/v1/sessions': 1, '/api/v1/users/me': 1 });
    expect(unreadFields(doc), name).toEqual(['authorization', 'cookie', 'sessionToken']);
    const token = unreadFindings(doc).find((f: any) => f.evidence.field === 'sessionToken');
    expect(token.message).toBe(
      `The evidence shows sessionToken in clear in 1 call to the Okta org that authtrail did not analyze (outside --include: /api/v1/sessions; request.body; first shown at ${path}#[1] as 20111E…). authtrail stored only its fingerprint, but the original evidence (post, ticket, HAR) still exposes it: remove it there, and rotate it if it may still be valid.`,
    );
  });

  it('placeholders in those calls are no secrets', async () => {
    const host = 'dev-3131.okta.com';
    const session = [
      charlesTransaction({ host, path: '/api/v1/authn', method: 'POST', headers: [], body: { text: '{"username":"a@b.c","password":"********"}' }, status: 200, responseType: 'application/json', responseText: '{"status":"SUCCESS"}' }),
      charlesTransaction({ host, path: '/api/v1/sessions', method: 'POST', headers: [['Authorization', 'SSWS {{apiKey}}']], body: { text: '{"sessionToken":"{{sessionToken}}"}' }, status: 200, responseType: 'application/json', responseText: '{}' }),
    ];
    const path = join(dir, 'charles-placeholders.chlsj');
    writeFileSync(path, JSON.stringify(session));
    const { json } = await analyzeJson(path, '--db', ':memory:');
    expect(json.unanalyzed.count).toBe(1);
    expect(unreadFields(json)).toEqual([]);
  });
});

describe('Entra Auth Tracer requests outside --include (exported in clear): their secrets are named, never kept', () => {
  it('the SSWS key and the sid cookie of the calls to the org are named; another host is not', async () => {
    const host = 'dev-6161.okta.com';
    const request = (id: number, method: string, url: string, headers: [string, string][], body?: unknown) => ({
      id: `req_${id}`,
      timestamp: `2026-11-30T10:00:0${id}.000Z`,
      method,
      url,
      flow_type: 'okta_authn',
      status: 'completed',
      status_code: 200,
      request_headers: headers.map(([name, value]) => ({ name, value })),
      response_headers: [{ name: 'Content-Type', value: 'application/json' }],
      ...(body ? { request_body: { type: 'json', data: body } } : {}),
    });
    const path = join(dir, 'entra.json');
    writeFileSync(
      path,
      JSON.stringify({
        export_metadata: { generated_at: '2026-11-30T10:01:00.000Z', extension_version: '1.0.0', total_requests: 4, export_scope: 'complete_session' },
        requests: [
          request(1, 'POST', `https://${host}/api/v1/authn`, [['Content-Type', 'application/json']], { username: 'a@b.c', password: '********' }),
          request(2, 'POST', `https://${host}/api/v1/sessions`, [['Authorization', `SSWS ${API_KEY}`]], { sessionToken: SESSION_TOKEN }),
          request(3, 'GET', `https://${host}/api/v1/users/me`, [['Cookie', `sid=${SID}`]]),
          request(4, 'GET', 'https://api.shop.example/api/cart', [['Cookie', `session=${SHOP}`]]),
        ],
      }),
    );
    const { json } = await importAndAnalyze(path, 'entra');
    expect(json.unanalyzed.calls).toEqual({ '/api/v1/sessions': 1, '/api/v1/users/me': 1 });
    expect(unreadFields(json)).toEqual(['authorization', 'cookie', 'sessionToken']);
    expect(unreadFindings(json).find((f: any) => f.evidence.field === 'cookie').evidence.refs).toEqual([`${path}#requests[2]`]);
  });
});
